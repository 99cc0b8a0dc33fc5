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
 * Read next: `src/index.ts` (the public surface), `src/vm/execute.ts` (the loop it starts).
 */
import { LuaClosure, LuaNative, LuaThread, GlobalState, UpVal, FrameFlag, joinHeap, type NativeFn, type NativeGen } from '../object/objects.ts';
import { traceback } from '../vm/traceback.ts';
import { metafield, typeName } from '../vm/meta.ts';
import { callSync } from '../vm/call.ts';
import { startTrace } from '../vm/trace.ts';
import { compileChunk, LoadError } from './load.ts';
import { LuaTable, LuaError, LuaFloat, number2string, type Value } from '../value/index.ts';
import { isLuaValue, toLuaString, toLuaValue, toJSValue, bytesToLua, type ConvertOptions } from './interop.ts';
import type { Platform } from './platform.ts';
import { LuaTask, awaitValue } from './task.ts';
import type { Proto } from '../bytecode/proto.ts';
import { Heap } from '../gc/heap.ts';
import { warning } from './warn.ts';
import { closeHeap, fullCollect } from '../gc/collector.ts';
import { native, nativeGen } from './lua.ts';
import { checkArg, hostError } from './guard.ts';
import { applySandbox, sandboxLibraries } from './sandbox.ts';
import { openLibraries, requiref, type Library, type LibOpener } from './libraries.ts';

export type { Library, LibOpener } from './libraries.ts';

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
 * LoadError with load's message when it does not compile. `cLevels`: the
 * C levels in use, which count against the parser's nesting limit.
 */
export function loadChunk(G: GlobalState, chunk: string, chunkname: string, mode: string, env: Value, cLevels?: number): LuaClosure {
  return mainClosure(G, compileChunk(chunk, chunkname, mode, cLevels), env);
}

/** Options of a new state. */
export interface LuaStateOptions {
  /**
   * The host system the state's libraries use: files, processes, the
   * environment, clocks, standard streams, exit (src/api/platform.ts).
   * Default: the Node platform (`import from 'lucid-lua'`) or the browser
   * platform (`import from 'lucid-lua/browser'`), each with its defaults.
   */
  platform?: Platform;
  /** Where `print` and io.write's default output go (bytes as a latin1 string). Default: the platform's standard output. */
  write?: (bytes: string) => void;
  /**
   * The libraries this state opens, in order (see `libraries.ts`). The
   * `LuaState` of the package (src/index.ts) passes the standard list of
   * src/lib/init.ts; a host adds its own library by appending to it.
   * Default here: none.
   *
   * ```ts
   * import { LuaState, standardLibraries, args, type Library } from 'lucid-lua';
   * const greet: Library = { name: 'greet', open: (state) => args.newlib(state.L, { hello }) };
   * const lua = new LuaState({ libraries: [...standardLibraries, greet] });
   * ```
   */
  libraries?: readonly Library[];
  /**
   * Open only the libraries named here ('base', 'package',
   * 'coroutine', 'table', 'io', 'os', 'string', 'math', 'utf8', 'debug',
   * or a host library's name); the others are not opened at all. Default:
   * every library of {@link libraries}.
   *
   * ```ts
   * const lua = new LuaState({ libs: ['base', 'string', 'table', 'math'] });
   * lua.doString('return io');   // [undefined]
   * ```
   */
  libs?: readonly string[];
  /**
   * The sandbox preset (src/api/sandbox.ts): base, coroutine, math,
   * string, table and utf8, plus `os.time`/`clock`/`date`/`difftime`;
   * no `dofile`, `loadfile`, binary chunks, `require`, `io`, other `os`
   * functions or `debug`. `libs` can narrow it further. See
   * docs/embedding.md, "Errors, limits and the sandbox".
   *
   * ```ts
   * const lua = new LuaState({ sandbox: true });
   * lua.doString('return io, dofile');   // [undefined, undefined]
   * ```
   */
  sandbox?: boolean;
  /**
   * Lua 5.3 compatibility, as the released Lua 5.4 is built
   * (LUA_COMPAT_5_3): `math.pow`, `math.ldexp`, `math.frexp`, `math.cosh`,
   * `math.sinh`, `math.tanh`, `math.log10` and `math.atan2` exist, and
   * `a <= b` without a `__le` metamethod is `not (b < a)` through `__lt`.
   * Default: true; false gives strict Lua 5.4.
   */
  compat?: boolean;
  /**
   * Collector stress mode: a full collection at every safe point, freed
   * objects poisoned so that any later use throws. Default: the platform's
   * environment variable LUCID_GC_STRESS=1.
   */
  gcStress?: boolean;
  /**
   * Collector log: receives a line at each phase change with the memory in
   * use. Default: to the platform's stderr when LUCID_GC_LOG=1 (or `steps`).
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

/**
 * Libraries added by {@link addLibrary}, opened by every state made
 * afterwards, after its own list. (The one registry kept outside the
 * states, for hosts written against the first API; prefer
 * `LuaStateOptions.libraries` or `LuaState.openLibrary`.)
 */
const hostLibraries: Library[] = [];

/**
 * Add a library of the host's own to every state created afterwards,
 * opened after the state's list; `name` lets `libs` select it (a library
 * without a name is opened only when `libs` is not given). An opener
 * that is already in the state's list is not opened twice. Returns a
 * function that takes the library off again.
 */
export function addLibrary(open: LibOpener, name = ''): () => void {
  const lib: Library = { name, open };
  hostLibraries.push(lib);
  return () => {
    const i = hostLibraries.indexOf(lib);
    if (i >= 0) hostLibraries.splice(i, 1);
  };
}

export class LuaState {
  readonly global: GlobalState;
  /** The main thread. */
  readonly L: LuaThread;
  /** The host system this state's libraries use. */
  readonly platform: Platform;

  /**
   * A new state on `options.platform`. This class needs one; the package's
   * entry points (src/index.ts, src/browser.ts) export a `LuaState` that
   * defaults it.
   */
  constructor(options: LuaStateOptions & { platform: Platform }) {
    const G = new GlobalState(new Heap());
    // what the collector cannot do itself: call a finalizer, emit a warning
    G.heap.callFinalizer = (L, fn, o) => { callSync(L, fn, [o]); };
    G.heap.warn = (message) => warning(G, message, false);
    const platform = options.platform;
    this.platform = platform;
    const stress = options.gcStress ?? platform.getenv('LUCID_GC_STRESS') === '1';
    if (stress) { G.heap.stress = true; G.heap.eager = true; G.heap.debt = 1; }
    if (platform.getenv('LUCID_GC_TRACE')) G.heap.traceDead = (stack) => platform.stderr.write(stack + '\n');
    const logEnv = platform.getenv('LUCID_GC_LOG');
    const log = options.gcLog ?? (logEnv === '1' || logEnv === 'steps' ? (line: string) => platform.stderr.write(line + '\n') : undefined);
    if (log) G.heap.log = log;
    G.heap.logSteps = log !== undefined && (options.gcLogSteps ?? logEnv === 'steps');
    if (options.memoryLimit !== undefined) G.heap.limit = options.memoryLimit;
    if (options.write) {
      G.write = options.write;
    } else {
      G.write = (s) => platform.stdout.write(s);
      G.flush = () => platform.stdout.flush();
    }
    G.warnWrite = (s) => platform.stderr.write(s);
    G.globals = new LuaTable(G.heap);
    this.global = G;
    this.L = new LuaThread(G);
    G.mainThread = this.L;
    G.host = this;
    this.compat = options.compat ?? true;
    G.compat = this.compat;
    const given = options.libraries ?? [];
    const list = options.sandbox === true ? sandboxLibraries(given) : given;
    const extra = options.sandbox === true ? [] : hostLibraries.filter((h) => !list.some((l) => l.open === h.open));
    openLibraries(this, [...list, ...extra], options.libs);
    if (options.sandbox === true) applySandbox(this);
  }

  /**
   * Print every instruction run from now on, with the registers it wrote,
   * one line at a time to `out` (`lucid --trace`; src/vm/trace.ts).
   */
  trace(out: (line: string) => void): void { startTrace(this.L, out); }


  /** Lua 5.3 compatibility is on (see {@link LuaStateOptions.compat}); library openers read it. */
  readonly compat: boolean;

  /**
   * Open a library in this state (luaL_requiref): its table becomes the
   * global `lib.name` and `package.loaded[lib.name]`; nothing happens if
   * it is already loaded. Returns the library's table.
   */
  openLibrary(lib: Library): Value {
    return requiref(this, lib);
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
      let r: unknown;
      try { r = fn(...args); } catch (e) { throw hostError(L, name, e); }
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
    checkArg('load', 1, chunk, 'string or Uint8Array', typeof chunk === 'string' || chunk instanceof Uint8Array);
    checkArg('load', 2, chunkname, 'string', chunkname === undefined || typeof chunkname === 'string');
    checkArg('load', 3, mode, 'string', typeof mode === 'string');
    const bytes = typeof chunk === 'string' ? toLuaString(chunk) : bytesToLua(chunk);
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
    return callSync(this.L, f, args.map(hostArg, this));
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
    checkArg('doString', 1, source, 'string', typeof source === 'string');
    return this.call(this.load(source, chunkname));
  }

  /** Load and run a file of the platform (read as bytes); returns the chunk's results. */
  doFile(path: string): Value[] {
    checkArg('doFile', 1, path, 'string', typeof path === 'string');
    const name = toLuaString(path);
    let data: string;
    try {
      data = this.platform.readFile(name);
    } catch {
      throw new LuaError(`cannot open ${name}`);
    }
    try {
      return this.call(loadChunk(this.global, data, '@' + name, 'bt', this.global.globals));
    } catch (e) {
      if (e instanceof LoadError) throw new LuaError(e.message);
      throw e;
    }
  }

  getGlobal(name: string): Value {
    checkArg('getGlobal', 1, name, 'string', typeof name === 'string');
    return this.global.globals.get(toLuaString(name)); }
  setGlobal(name: string, v: Value): void {
    checkArg('setGlobal', 1, name, 'string', typeof name === 'string');
    this.global.globals.set(toLuaString(name), v); }

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
    checkArg('register', 1, name, 'string', typeof name === 'string');
    checkArg('register', 2, fn, 'function', typeof fn === 'function');
    const f = this.wrapFunction(name, fn);
    this.setGlobal(name, f);
    return f;
  }
}

/**
 * An argument of {@link LuaState.call} as a Lua value: Lua values pass as
 * they are (strings stay byte strings); `null`, BigInts and other JS
 * objects go through {@link LuaState.toLua} (nil, a checked integer, a
 * userdata).
 */
function hostArg(this: LuaState, a: Value): Value {
  const u = a as unknown;
  if (u === null || typeof u === 'bigint' || (typeof u === 'object' && !isLuaValue(u))) return this.toLua(u);
  return a;
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

// natives are made by the api (src/api/lua.ts); these names stay here for the code that imports them from the state
export { native, nativeGen };
