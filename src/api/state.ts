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
import { LuaClosure, LuaNative, LuaThread, GlobalState, UpVal, joinHeap } from '../object/objects.ts';
import { callSync } from '../vm/call.ts';
import { startTrace } from '../vm/trace.ts';
import { requestCheck, setBudget } from '../vm/budget.ts';
import { compileChunk, LoadError } from './load.ts';
import { LuaTable, LuaError, type Value } from '../value/index.ts';
import { toLuaString, bytesToLua, type ConvertOptions } from './interop.ts';
import { Boundary, hostFacing } from './boundary.ts';
import type { Platform } from './platform.ts';
import { LuaTask } from './task.ts';
import type { Proto } from '../bytecode/proto.ts';
import { Heap } from '../gc/heap.ts';
import { warning } from './warn.ts';
import { closeHeap, fullCollect } from '../gc/collector.ts';
import { native, nativeGen } from './lua.ts';
import { checkArg } from './guard.ts';
import { expectValue, type Expected } from './expect.ts';
import { checkStateOptions, type LuaStateOptions } from './options.ts';
import { applySandbox, sandboxLibraries } from './sandbox.ts';
import { tracedCall } from './traced.ts';
import { openLibraries, requiref, type Library, type LibOpener } from './libraries.ts';

export type { Library, LibOpener } from './libraries.ts';
export type { LuaStateOptions } from './options.ts';

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

/**
 * A Lua state as the host sees it (PUC-Rio's lua_State from the outside): create one, load and
 * run code, read and set globals, register JS functions. Several states coexist; each has its
 * own heap, globals and platform.
 */
export class LuaState {
  /**
   * The state shared by all its threads (registry, globals, heap), for hosts and libraries
   * that need the internals.
   */
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
    checkStateOptions(options);
    const G = new GlobalState(new Heap());
    // what the collector cannot do itself: call a finalizer, emit a warning
    G.heap.callFinalizer = (L, fn, o) => { callSync(L, fn, [o]); };
    G.heap.warn = (message) => warning(G, message, false);
    G.heap.overLimit = () => requestCheck(G);
    const platform = options.platform;
    this.platform = platform;
    const stress = options.gcStress ?? platform.getenv('LUCID_GC_STRESS') === '1';
    if (stress) { G.heap.stress = true; G.heap.eager = true; G.heap.debt = 1; }
    if (platform.getenv('LUCID_GC_TRACE')) G.heap.traceDead = (stack) => platform.stderr.write(stack + '\n');
    const logEnv = platform.getenv('LUCID_GC_LOG');
    const log = options.gcLog ?? (logEnv === '1' || logEnv === 'steps' ? (line: string) => platform.stderr.write(line + '\n') : undefined);
    if (log) G.heap.log = log;
    G.heap.logSteps = log !== undefined && (options.gcLogSteps ?? logEnv === 'steps');
    if (options.memoryLimit !== undefined) { G.heap.limit = options.memoryLimit; G.heap.footprint = true; }
    G.interruptSignal = options.interruptSignal;
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
    setBudget(this.L, Infinity, Infinity);   // slices short enough to see interruptSignal soon
    this.boundary = new Boundary(this, options.strings ?? 'text');
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
  trace(out: (line: string) => void): void {
    checkArg('trace', 1, out, 'function', typeof out === 'function');
    startTrace(this.L, out);
  }


  /** Lua 5.3 compatibility is on (see {@link LuaStateOptions.compat}); library openers read it. */
  readonly compat: boolean;

  /** The conversions at this state's boundary (src/api/boundary.ts). */
  private readonly boundary: Boundary;

  /**
   * Open a library in this state (luaL_requiref): its table becomes the
   * global `lib.name` and `package.loaded[lib.name]`; nothing happens if
   * it is already loaded. Returns the library's table.
   */
  openLibrary(lib: Library): Value {
    checkArg('openLibrary', 1, lib, 'library ({ name, open })',
      typeof lib === 'object' && lib !== null && typeof lib.name === 'string' && typeof lib.open === 'function');
    return requiref(this, lib);
  }

  /**
   * Ask the running Lua code to stop: the next check (a call or a backward
   * jump) raises the Lua error "interrupted!", as lua.c does on Ctrl-C. It
   * can be caught by pcall. Safe to call from a signal handler or a timer
   * (they run while an async {@link run} lets the event loop go), or from
   * a host function. Inside a library function that calls Lua (a sort
   * comparator, a gsub callback, `__tostring`, a finalizer) the request
   * stays raised at every check until the code is back at the top level,
   * so a pcall in there cannot swallow it. A timer cannot fire while Lua
   * runs inside such a function (its JS frame cannot be suspended): use a
   * task's budget or deadline to bound those ({@link LuaTask.step}).
   *
   * ```ts
   * process.on('SIGINT', () => lua.interrupt());
   * await lua.run('while true do end');   // rejects: LuaError 'interrupted!'
   * ```
   */
  interrupt(): void {
    const G = this.global;
    G.interrupted = true;
    requestCheck(G);
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
  start(f: unknown, ...args: unknown[]): LuaTask {
    const fn = typeof f === 'string' ? this.load(f) : this.toLua(f);
    return new LuaTask(this.L, fn, args.map((a) => this.toLua(a)));
  }

  /**
   * Run Lua asynchronously: host functions may return Promises (the Lua
   * thread waits, even inside pcall, metamethods and coroutines), and every
   * `slice` checks the event loop gets a turn. Arguments and results are
   * converted as {@link call}'s.
   *
   * ```ts
   * lua.register('sleep', (ms) => new Promise((r) => setTimeout(r, ms)));
   * await lua.run('sleep(10) return "woke"');   // ['woke']
   * ```
   */
  run(f: unknown, ...args: unknown[]): Promise<any[]> {
    try {
      return this.start(f, ...args).run().then((r) => this.boundary.results(r), (e) => { throw hostFacing(e); });
    } catch (e) {
      return Promise.reject(hostFacing(e));
    }
  }

  /**
   * A host value as a Lua value (docs/embedding.md, "The conversion
   * rules"): text → UTF-8 byte string, `Uint8Array` → bytes, a number →
   * an integer if it is a safe integer, else a float; a BigInt → an
   * integer (a LuaError beyond 64 bits); `null`/`undefined` → nil; a
   * function → a Lua function; a class, an array, a Map or any other
   * object → a userdata proxy (reads, writes and method calls pass
   * through); with `{ deep: true }` arrays, Maps and plain objects are
   * copied into tables instead. Lua values pass unchanged.
   *
   * ```ts
   * const t = lua.toLua({ name: 'é', list: [1, 2] }, { deep: true });   // a LuaTable
   * ```
   */
  toLua(v: unknown, options?: ConvertOptions): Value {
    checkArg('toLua', 2, options, 'options object', options === undefined || (typeof options === 'object' && options !== null));
    return this.boundary.toLua(v, options);
  }

  /**
   * A Lua value as a host value: strings → JS text (or `Uint8Array` with
   * `{ strings: 'bytes' }`), floats → numbers, integers → numbers (BigInt
   * beyond 2^53), functions → JS functions (called synchronously), a
   * proxy userdata → its JS object; tables stay `LuaTable`s unless asked:
   * `{ deep: true }` copies them into arrays / objects, `{ proxy: true }`
   * wraps them in a JS Proxy.
   *
   * ```ts
   * const raw = lua.callLua(lua.load('return {1, 2, x = "y"}'))[0];
   * lua.toJS(raw, { deep: true });    // { 1: 1, 2: 2, x: 'y' }
   * lua.toJS(raw, { proxy: true }).x;   // 'y'
   * ```
   */
  toJS(v: Value, options?: ConvertOptions): unknown {
    checkArg('toJS', 2, options, 'options object', options === undefined || (typeof options === 'object' && options !== null));
    return this.boundary.toJS(v, options);
  }

  /** The global table (`_G`). */
  get globals(): LuaTable { return this.global.globals; }

  /**
   * Compile a chunk into a function. A `string` is JS text (encoded as
   * UTF-8); a `Uint8Array` is taken byte for byte (source or binary chunk).
   * Throws LuaError with the message `load` would return.
   */
  load(chunk: string | Uint8Array, chunkname?: string, mode = 'bt'): LuaClosure {
    try {
      return this.loadBytes(chunk, chunkname, mode);
    } catch (e) {
      throw hostFacing(e);
    }
  }

  private loadBytes(chunk: string | Uint8Array, chunkname: string | undefined, mode: string): LuaClosure {
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

  /**
   * Call a Lua function (or a JS function that {@link toJS} made of one)
   * with arguments converted by {@link toLua}; returns all its results
   * converted by {@link toJS}. A Lua error comes out as a LuaError whose
   * message is decoded text.
   *
   * ```ts
   * const add = lua.doString('return function(a, b) return a + b end')[0];
   * lua.call(add, 1, 2.5);   // [3.5]
   * ```
   */
  call(f: unknown, ...args: unknown[]): any[] {
    try {
      return this.boundary.results(callSync(this.L, this.toLua(f), args.map((a) => this.toLua(a))));
    } catch (e) {
      throw hostFacing(e);
    }
  }

  /**
   * Call with Lua values in and out, unconverted (lua_call): byte strings,
   * `LuaFloat` boxes and tables as lucid represents them (docs/design.md
   * §2). For libraries and runners that hand the values back to Lua.
   */
  callLua(f: Value, ...args: Value[]): Value[] {
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
   * Call `f` as lua.c runs a script, with Lua values in and out as
   * {@link callLua}: an error comes out as a LuaError whose
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
    return this.callLua(tracedCall(f, args));
  }

  /** {@link run} with {@link callTraced}'s error messages and Lua values (for a REPL or script runner). */
  runTraced(f: Value | string, ...args: Value[]): Promise<Value[]> {
    try {
      const fn = typeof f === 'string' ? this.load(f) : f;
      return this.start(tracedCall(fn, args)).run();
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** Load and run JS text; returns the chunk's results, converted as {@link call}'s. */
  doString(source: string, chunkname?: string): any[] {
    checkArg('doString', 1, source, 'string', typeof source === 'string');
    return this.call(this.load(source, chunkname));
  }

  /** Load and run a file of the platform (read as bytes); returns the chunk's results, converted as {@link call}'s. */
  doFile(path: string): any[] {
    checkArg('doFile', 1, path, 'string', typeof path === 'string');
    const name = toLuaString(path);
    let data: string;
    try {
      data = this.platform.readFile(name);
    } catch {
      throw new LuaError(`cannot open ${name}`);
    }
    let f: LuaClosure;
    try {
      f = loadChunk(this.global, data, '@' + name, 'bt', this.global.globals);
    } catch (e) {
      throw hostFacing(e instanceof LoadError ? new LuaError(e.message) : e);
    }
    return this.call(f);
  }

  /** A global as a Lua value, unconverted (lua_getglobal without `__index`); {@link get} converts. */
  getGlobal(name: string): Value {
    checkArg('getGlobal', 1, name, 'string', typeof name === 'string');
    return this.global.globals.get(toLuaString(name)); }
  /** Set a global to a Lua value, unconverted (lua_setglobal without `__newindex`); {@link set} converts. */
  setGlobal(name: string, v: Value): void {
    checkArg('setGlobal', 1, name, 'string', typeof name === 'string');
    this.global.globals.set(toLuaString(name), v); }

  /**
   * A global, converted by {@link toJS}.
   *
   * ```ts
   * lua.doString('x = 2.0  s = "é"');
   * lua.get('x');   // 2
   * lua.get('s');   // 'é'
   * ```
   */
  get(name: string): unknown {
    checkArg('get', 1, name, 'string', typeof name === 'string');
    return this.toJS(this.getGlobal(name));
  }

  /**
   * Set a global to a JS value converted by {@link toLua}: a function
   * becomes a Lua function, a class a constructor (`Point(1, 2)` or
   * `Point.new(1, 2)`), any other object a proxy.
   *
   * ```ts
   * class Point { constructor(public x: number, public y: number) {} norm() { return Math.hypot(this.x, this.y); } }
   * lua.set('Point', Point);
   * lua.doString('local p = Point(3, 4) return p:norm(), p.x');   // [5, 3]
   * ```
   */
  set(name: string, value: unknown): void {
    checkArg('set', 1, name, 'string', typeof name === 'string');
    this.setGlobal(name, this.toLua(value));
  }

  /** Global `name` as a JS number (a Lua integer or float; integers beyond 2^53 are rounded); a LuaError if it is not a number. */
  getNumber(name: string): number { return this.expect('getNumber', name, 'number') as number; }
  /** Global `name` as an integer (a float with an integral value counts): a number, or a BigInt beyond 2^53; a LuaError otherwise. */
  getInteger(name: string): number | bigint { return this.expect('getInteger', name, 'integer') as number | bigint; }
  /** Global `name` as JS text; a LuaError if it is not a string. */
  getString(name: string): string { return this.expect('getString', name, 'string') as string; }
  /** Global `name` as a boolean; a LuaError if it is not one. */
  getBoolean(name: string): boolean { return this.expect('getBoolean', name, 'boolean') as boolean; }
  /** Global `name` as a `LuaTable`; a LuaError if it is not a table. */
  getTable(name: string): LuaTable { return this.expect('getTable', name, 'table') as LuaTable; }
  /** Global `name` as a JS function calling it (as {@link toJS} makes them); a LuaError if it is not a function. */
  getFunction(name: string): (...args: unknown[]) => unknown {
    return this.toJS(this.expect('getFunction', name, 'function') as Value) as (...args: unknown[]) => unknown;
  }

  private expect(method: string, name: string, expected: Expected): unknown {
    checkArg(method, 1, name, 'string', typeof name === 'string');
    return expectValue(method, name, this.getGlobal(name), expected);
  }

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
    const f = this.boundary.wrapFunction(name, fn);
    this.setGlobal(name, f);
    return f;
  }
}

// natives are made by the api (src/api/lua.ts); these names stay here for the code that imports them from the state
export { native, nativeGen };
