/**
 * # A Lua state: the host's handle on the machine
 *
 * Responsibility: creating a state (global table, main thread, base
 * library), loading chunks into closures, calling Lua functions from JS,
 * and the conversions between JS text and Lua byte strings at the
 * boundary.
 *
 * Manual: §4 (the C API; lucid's host API plays its part), §3.3.2
 * (chunks and `_ENV`). PUC-Rio counterpart: `lstate.c` (lua_newstate),
 * `lapi.c` (lua_load, lua_pcall, lua_setglobal), `lauxlib.c`
 * (luaL_loadbufferx, luaL_dofile).
 *
 * Invariant: every error that leaves a method of `LuaState` is a
 * `LuaError` whose `value` is the Lua error value; the state stays usable
 * after it (frames above the host call are unwound).
 *
 * Read next: `src/index.ts` (the public surface), `execute.ts`.
 */
import * as fs from 'node:fs';
import { LuaClosure, LuaNative, LuaThread, GlobalState, UpVal, type NativeFn, type NativeGen } from './objects.ts';
import { callSync } from './call.ts';
import { compileChunk, LoadError } from './frontend.ts';
import { LuaTable, LuaError, type Value } from './values.ts';
import type { Proto } from '../bytecode/proto.ts';

/** JS text → Lua string (UTF-8 bytes, one char code per byte). */
export function toLuaString(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** Lua string (bytes) → JS text, decoding UTF-8. */
export function fromLuaString(bytes: string): string {
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** A closure for a main chunk: one upvalue, `_ENV`, closed over `env`. */
export function mainClosure(proto: Proto, env: Value): LuaClosure {
  const ups: UpVal[] = [];
  for (let i = 0; i < proto.upvalues.length; i++) ups.push(new UpVal(undefined, 0, i === 0 ? env : undefined));
  return new LuaClosure(proto, ups);
}

/**
 * Load a chunk (byte string) as a closure with `_ENV` = `env`; throws
 * LoadError with load's message when it does not compile.
 */
export function loadChunk(G: GlobalState, chunk: string, chunkname: string, mode: string, env: Value): LuaClosure {
  return mainClosure(compileChunk(chunk, chunkname, mode), env);
}

/** Options of a new state. */
export interface LuaStateOptions {
  /** Where `print` and io.write's default output go (bytes as a latin1 string). Default: process.stdout. */
  write?: (bytes: string) => void;
}

/** Library openers register themselves here (src/lib/base.ts adds `openBase`). */
export type LibOpener = (state: LuaState) => void;
const openers: LibOpener[] = [];
/** Add a library opener run by every new state (called once by each library module). */
export function addLibrary(open: LibOpener): void { openers.push(open); }

export class LuaState {
  readonly global: GlobalState;
  /** The main thread. */
  readonly L: LuaThread;

  constructor(options: LuaStateOptions = {}) {
    const G = new GlobalState();
    if (options.write) G.write = options.write;
    G.globals = new LuaTable();
    this.global = G;
    this.L = new LuaThread(G);
    G.mainThread = this.L;
    for (const open of openers) open(this);
  }

  /** The global table (`_G`). */
  get globals(): LuaTable { return this.global.globals; }

  /**
   * Compile a chunk into a function. A `string` is JS text (encoded as
   * UTF-8); a `Uint8Array` is taken byte for byte (source or binary chunk).
   * Throws LuaError with the message `load` would return.
   */
  load(chunk: string | Uint8Array, chunkname?: string, mode = 'bt'): LuaClosure {
    const bytes = typeof chunk === 'string' ? toLuaString(chunk) : Buffer.from(chunk).toString('latin1');
    const name = chunkname ?? (typeof chunk === 'string' ? bytes : '=(load)');
    try {
      return loadChunk(this.global, bytes, name, mode, this.global.globals);
    } catch (e) {
      if (e instanceof LoadError) throw new LuaError(e.message);
      throw e;
    }
  }

  /** Call a Lua value with arguments; returns all its results. */
  call(f: Value, ...args: Value[]): Value[] {
    return callSync(this.L, f, args);
  }

  /** Load and run JS text; returns the chunk's results. */
  doString(source: string, chunkname?: string): Value[] {
    return this.call(this.load(source, chunkname));
  }

  /** Load and run a file (read as bytes); returns the chunk's results. */
  doFile(path: string): Value[] {
    let data: Buffer;
    try {
      data = fs.readFileSync(path);
    } catch {
      throw new LuaError(`cannot open ${path}`);
    }
    return this.call(this.load(data, '@' + path));
  }

  getGlobal(name: string): Value { return this.global.globals.get(toLuaString(name)); }
  setGlobal(name: string, v: Value): void { this.global.globals.set(toLuaString(name), v); }

  /**
   * Register a JS function as a global. `fn` receives the Lua arguments and
   * returns nothing, one value, or an array of values. (For the
   * allocation-free convention used by the libraries, see {@link native}.)
   */
  register(name: string, fn: (...args: Value[]) => Value): LuaNative {
    const f = new LuaNative(name, (L, base, nargs) => {
      const r = fn(...L.stack.slice(base, base + nargs));
      if (r === undefined) return 0;
      if (Array.isArray(r)) { for (const v of r) L.push(v); return r.length; }
      L.push(r);
      return 1;
    });
    this.setGlobal(name, f);
    return f;
  }
}

/** A plain native function (see docs/vm.md, "Native functions"). */
export function native(name: string, fn: NativeFn): LuaNative {
  return new LuaNative(name, fn, false);
}

/** A native that calls back into Lua by yielding call requests. */
export function nativeGen(name: string, fn: NativeGen): LuaNative {
  return new LuaNative(name, fn, true);
}
