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
import { LuaClosure, LuaNative, LuaThread, GlobalState, UpVal, FrameFlag, joinHeap, type NativeFn, type NativeGen } from '../object/objects.ts';
import { traceback } from '../vm/traceback.ts';
import { metafield, typeName } from '../vm/meta.ts';
import { callSync } from '../vm/call.ts';
import { startTrace } from '../vm/trace.ts';
import { compileChunk, LoadError } from './load.ts';
import { LuaTable, LuaError, LuaFloat, number2string, type Value } from '../value/index.ts';
import { toLuaString, toLuaValue, toJSValue, type ConvertOptions } from './interop.ts';
import { LuaTask, awaitValue } from './task.ts';
import type { Proto } from '../bytecode/proto.ts';
import { Heap } from '../gc/heap.ts';
import { warning } from './warn.ts';
import { closeHeap, fullCollect } from '../gc/collector.ts';

export { toLuaString, fromLuaString } from './interop.ts';

/**
 * A closure for a main chunk loaded into state `G`: its prototypes join
 * the state's heap, and it gets one upvalue, `_ENV`, closed over `env`.
 */
export function mainClosure(G: GlobalState, proto: Proto, env: Value): LuaClosure {
  joinHeap(G.heap, proto);
  const ups: UpVal[] = [];
  for (let i = 0; i < proto.upvalues.length; i++) ups.push(new UpVal(G.heap, undefined, 0, i === 0 ? env : undefined));
  return new LuaClosure(G.heap, proto, ups);
}

/**
 * Load a chunk (byte string) as a closure with `_ENV` = `env`; throws
 * LoadError with load's message when it does not compile.
 */
export function loadChunk(G: GlobalState, chunk: string, chunkname: string, mode: string, env: Value): LuaClosure {
  return mainClosure(G, compileChunk(chunk, chunkname, mode), env);
}

/** Options of a new state. */
export interface LuaStateOptions {
  /** Where `print` and io.write's default output go (bytes as a latin1 string). Default: process.stdout. */
  write?: (bytes: string) => void;
  /**
   * Sandboxing: the libraries to open, by name ('base', 'coroutine',
   * 'string', 'table', 'math', 'io', 'os', 'utf8', 'debug', ...). Default:
   * all registered. The filter applies to whatever `addLibrary` registered:
   * a global table `name` belongs to library `name`, other globals to
   * 'base'; the string metatable belongs to 'string'.
   *
   * ```ts
   * const lua = new LuaState({ libs: ['base', 'string', 'table', 'math'] });
   * lua.doString('return io');   // [undefined]
   * ```
   */
  libs?: readonly string[];
  /**
   * Collector stress mode: a full collection at every safe point, freed
   * objects poisoned so that any later use throws. Default: the environment
   * variable LUCID_GC_STRESS=1.
   */
  gcStress?: boolean;
  /**
   * Collector log: receives a line at each phase change with the memory in
   * use. Default: to stderr when LUCID_GC_LOG=1 (or `steps`).
   */
  gcLog?: (line: string) => void;
  /**
   * Log every incremental step too, with its work and the objects it turned
   * gray, black or freed (docs/gc.md). Default: LUCID_GC_LOG=steps.
   */
  gcLogSteps?: boolean;
  /**
   * Memory limit in bytes, as the collector accounts them
   * (`collectgarbage("count")` × 1024). Past it, an emergency collection
   * runs; if memory is still over the limit, the allocating code gets the
   * Lua error "not enough memory" (catchable by pcall), and the state stays
   * usable once the program lets go of memory.
   *
   * ```ts
   * const lua = new LuaState({ memoryLimit: 8 * 1024 * 1024 });
   * lua.doString('local ok, e = pcall(string.rep, "x", 1e8) return e');   // ['not enough memory']
   * ```
   */
  memoryLimit?: number;
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
    const G = new GlobalState(new Heap());
    // what the collector cannot do itself: call a finalizer, emit a warning
    G.heap.callFinalizer = (L, fn, o) => { callSync(L, fn, [o]); };
    G.heap.warn = (message) => warning(G, message, false);
    const stress = options.gcStress ?? process.env.LUCID_GC_STRESS === '1';
    if (stress) { G.heap.stress = true; G.heap.eager = true; G.heap.debt = 1; }
    const logEnv = process.env.LUCID_GC_LOG;
    const log = options.gcLog ?? (logEnv === '1' || logEnv === 'steps' ? (line: string) => process.stderr.write(line + '\n') : undefined);
    if (log) G.heap.log = log;
    G.heap.logSteps = log !== undefined && (options.gcLogSteps ?? logEnv === 'steps');
    if (options.memoryLimit !== undefined) G.heap.limit = options.memoryLimit;
    if (options.write) G.write = options.write;
    G.globals = new LuaTable(G.heap);
    this.global = G;
    this.L = new LuaThread(G);
    G.mainThread = this.L;
    G.host = this;
    for (const open of openers) open(this);
    if (options.libs !== undefined) this.keepLibraries(new Set(options.libs));
  }

  /**
   * Print every instruction run from now on, with the registers it wrote,
   * one line at a time to `out` (`lucid --trace`; src/vm/trace.ts).
   */
  trace(out: (line: string) => void): void { startTrace(this.L, out); }

  /** Remove every opened library not in `keep` (see {@link LuaStateOptions.libs}). */
  private keepLibraries(keep: Set<string>): void {
    const G = this.global.globals;
    const drop: Value[] = [];
    for (let k = G.next(undefined); k !== undefined; k = G.next(k[0])) {
      const [key, v] = k;
      const lib = v instanceof LuaTable && key !== '_G' && typeof key === 'string' ? key : 'base';
      if (!keep.has(lib)) drop.push(key);
    }
    for (const key of drop) G.set(key, undefined);
    for (const type of [...this.global.typeMetatables.keys()]) {
      if (!keep.has(type === 'string' ? 'string' : 'base')) this.global.typeMetatables.delete(type);
    }
  }

  /**
   * Ask the running Lua code to stop: the next check (a call or a backward
   * jump) raises the Lua error "interrupted!", as lua.c does on Ctrl-C. It
   * can be caught by pcall. Safe to call from a signal handler or a timer
   * (they run while an async {@link run} lets the event loop go).
   *
   * ```ts
   * process.on('SIGINT', () => lua.interrupt());
   * await lua.run('while true do end');   // rejects: LuaError 'interrupted!'
   * ```
   */
  interrupt(): void {
    const G = this.global;
    if (G.interrupted) return;
    G.interrupted = true;
    G.savedTicks = G.ticks;
    G.ticks = 0;
  }

  /**
   * Start a call that can stop and go on: see {@link LuaTask}. `f` is a
   * Lua function or JS source text (loaded as a chunk).
   *
   * ```ts
   * const task = lua.start('local n = 0 for i = 1, 1e7 do n = n + 1 end return n');
   * while (task.step({ budget: 100_000 }) !== 'done') {}
   * task.results;   // [10000000]
   * ```
   */
  start(f: Value | string, ...args: Value[]): LuaTask {
    const fn = typeof f === 'string' ? this.load(f) : f;
    return new LuaTask(this.L, fn, args);
  }

  /**
   * Run Lua asynchronously: host functions may return Promises (the Lua
   * thread waits, even inside pcall, metamethods and coroutines), and every
   * `slice` checks the event loop gets a turn. Resolves to the results.
   *
   * ```ts
   * lua.register('sleep', (ms) => new Promise((r) => setTimeout(r, ms)));
   * await lua.run('sleep(10) return "woke"');   // ['woke']
   * ```
   */
  run(f: Value | string, ...args: Value[]): Promise<Value[]> {
    try {
      return this.start(f, ...args).run();
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /**
   * A host value as a Lua value: text → UTF-8 byte string, `Uint8Array` →
   * bytes, function → Lua function, `null` → nil; arrays, plain objects and
   * Maps become tables with `{ deep: true }`.
   *
   * ```ts
   * const t = lua.toLua({ name: 'é', list: [1, 2] }, { deep: true });   // a LuaTable
   * ```
   */
  toLua(v: unknown, options?: ConvertOptions): Value {
    return toLuaValue(this.global.heap, v, (fn) => this.wrapFunction('?', fn), options);
  }

  /**
   * A Lua value as a host value: strings → JS text (or `Uint8Array` with
   * `{ bytes: true }`), integral floats → numbers, functions → JS functions
   * (called synchronously), tables → arrays / objects with `{ deep: true }`.
   *
   * ```ts
   * lua.toJS(lua.doString('return {1, 2, x = "y"}')[0], { deep: true });   // { 1: 1, 2: 2, x: 'y' }
   * ```
   */
  toJS(v: Value, options?: ConvertOptions): unknown {
    return toJSValue(v, (fn) => {
      const wrapper = (...args: unknown[]) => {
        const r = this.call(fn, ...args.map((a) => this.toLua(a)));
        return r.length <= 1 ? this.toJS(r[0]) : r.map((x) => this.toJS(x));
      };
      // the Lua function stays a root for as long as JS can call it
      this.pin(fn);
      wrappedFunctions.register(wrapper, { state: this, fn });
      return wrapper;
    }, options);
  }

  /** A JS function as a Lua function: converted arguments, Promise results awaited. */
  private wrapFunction(name: string, fn: (...args: Value[]) => unknown): LuaNative {
    const self = this;
    return nativeGen(name, function* (L, base, nargs) {
      const args = L.stack.slice(base, base + nargs).map((v) => self.toJS(v));
      let r = fn(...args);
      if (r !== null && typeof r === 'object' && typeof (r as PromiseLike<unknown>).then === 'function') {
        r = (yield* awaitValue(r as PromiseLike<unknown>))[0];
      }
      if (r === undefined) return [];
      if (Array.isArray(r)) return r.map((v) => self.toLua(v));
      return [self.toLua(r)];
    });
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

  /**
   * Keep `v` alive for the collector while the host holds it (a root,
   * counted: each `pin` needs its `unpin`). Values a call returns to JS are
   * not roots by themselves, as values popped from PUC-Rio's stack are not:
   * pin a table or function you keep across later calls if Lua no longer
   * refers to it. Functions converted by {@link toJS} pin themselves until
   * the JS function is garbage.
   */
  pin(v: Value): void {
    if (typeof v !== 'object' || v === null || (v as { marked?: number }).marked === undefined) return;
    const roots = this.global.heap.hostRoots;
    roots.set(v, (roots.get(v) ?? 0) + 1);
  }

  /** Undo one {@link pin}. */
  unpin(v: Value): void {
    const roots = this.global.heap.hostRoots;
    const n = roots.get(v);
    if (n === undefined) return;
    if (n <= 1) roots.delete(v); else roots.set(v, n - 1);
  }

  /**
   * Close the state (lua_close): run the finalizers of every object that
   * has one, newest first, errors becoming warnings. The state must not
   * be used afterwards.
   */
  close(): void {
    closeHeap(this.global, this.L);
  }

  /** Run a full collection (`collectgarbage()` from the host). */
  collect(): void {
    fullCollect(this.global, this.L);
  }

  /**
   * Call `f` as lua.c runs a script: an error comes out as a LuaError whose
   * value is the message followed by a `stack traceback:` taken where the
   * error happened (lua.c's msghandler: an error object with `__tostring`
   * gives that string, other non-strings "(error object is a X value)").
   *
   * ```ts
   * try { lua.callTraced(lua.load(src, '@script.lua')); }
   * catch (e) { console.error(`lucid: ${(e as LuaError).value}`); }
   * ```
   */
  callTraced(f: Value, ...args: Value[]): Value[] {
    return this.call(tracedCall(f, args));
  }

  /** {@link run} with {@link callTraced}'s error messages (for a REPL or script runner). */
  runTraced(f: Value | string, ...args: Value[]): Promise<Value[]> {
    const fn = typeof f === 'string' ? this.load(f) : f;
    return this.run(tracedCall(fn, args));
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
   * Register a JS function as a global. It receives its arguments converted
   * by {@link toJS} (strings as JS text) and returns nothing, one value, an
   * array of values (several results), or a Promise of one of those: then
   * the calling Lua thread waits (use {@link run}); in a synchronous call
   * (`doString`, `call`) a Promise is the error "attempt to yield across a
   * C-call boundary". Results go through {@link toLua}.
   *
   * ```ts
   * lua.register('greet', (name) => `hello ${name}`);
   * lua.register('fetchText', async (url) => (await fetch(url)).text());
   * ```
   */
  register(name: string, fn: (...args: any[]) => unknown): LuaNative {
    const f = this.wrapFunction(name, fn);
    this.setGlobal(name, f);
    return f;
  }
}

/** Unpins the Lua function behind a JS wrapper once JS has collected the wrapper. */
const wrappedFunctions = new FinalizationRegistry<{ state: LuaState; fn: Value }>(({ state, fn }) => state.unpin(fn));

/** lua.c's message handler: the message plus a traceback from the erroring level. */
const msghandler = new LuaNative('msghandler', (L, base, nargs) => {
  let msg = nargs >= 1 ? L.stack[base] : undefined;
  if (typeof msg !== 'string') {
    const h = metafield(L.global, msg, '__tostring');
    if (h !== undefined) {
      const r = callSync(L, h, [msg])[0];
      if (typeof r === 'string') { L.push(r); return 1; }
    }
    msg = typeof msg === 'number' || typeof msg === 'bigint' || msg instanceof LuaFloat
      ? number2string(msg) : `(error object is a ${typeName(L.global, msg)} value)`;
  }
  L.push(traceback(L, msg as string, 1));
  return 1;
});

/** A function that calls `f(...args)` under {@link msghandler} (lua.c's docall). */
function tracedCall(f: Value, args: Value[]): LuaNative {
  return new LuaNative('?', function* (L: LuaThread) {
    const ci = L.frames[L.depth];
    ci.flags |= FrameFlag.PROTECT;
    ci.msgh = msghandler;
    return yield [f, ...args];
  } as NativeGen, true);
}

/** A plain native function (see docs/vm.md, "Native functions"). */
export function native(name: string, fn: NativeFn): LuaNative {
  return new LuaNative(name, fn, false);
}

/** A native that calls back into Lua by yielding call requests. */
export function nativeGen(name: string, fn: NativeGen): LuaNative {
  return new LuaNative(name, fn, true);
}
