/**
 * # A new state's options
 *
 * Responsibility: what a host can choose when it makes a state
 * (`LuaStateOptions`: platform, libraries, sandbox, limits, conversions,
 * collector logs), and rejecting an options object with a field of
 * the wrong type before the state is built, with a LuaError that names
 * the option (`bad option 'memoryLimit' to 'LuaState' (number expected,
 * got string)`), so that a typo in plain JavaScript is not silently
 * ignored nor turned into a TypeError deep inside the constructor.
 *
 * Manual: §4 (the host API), §5 (luaL_argerror's message shape).
 * PUC-Rio counterpart: none; `lua_newstate` takes no options.
 *
 * Invariant: a state whose options pass this check is built without a
 * JS exception from a bad option.
 *
 * Read next: `state.ts` (the constructor that takes them), `sandbox.ts`, `guard.ts`.
 */
import { LuaError } from '../value/index.ts';
import type { Platform } from './platform.ts';
import type { Library } from './libraries.ts';

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
   * The limit is checked where memory is allocated: an allocation past it
   * makes the next check of the running code (a call, a backward jump or
   * a return, src/vm/budget.ts) run the emergency collection, so even a loop that
   * only stores into a table stops there; `string.rep` and `table.concat`
   * check before they build their string. With a limit, the collector
   * counts what V8 really spends on tables, closures and upvalues
   * (src/gc/footprint.ts), several times their PUC-Rio size, so the count
   * bounds the JS heap: with 16 MB, V8's live heap stays within 10% of it
   * (spec/api/limits-everywhere.spec.ts). Garbage V8 has not yet collected
   * itself comes on top.
   *
   * ```ts
   * const lua = new LuaState({ memoryLimit: 8 * 1024 * 1024 });
   * lua.doString('local ok, e = pcall(string.rep, "x", 1e8) return e');   // ['not enough memory']
   * ```
   */
  memoryLimit?: number;
  /**
   * An interrupt another thread can raise while this state runs, even a
   * synchronous call that never gives its own thread's event loop a turn:
   * an `Int32Array` over a `SharedArrayBuffer`. Storing a non-zero value
   * in element 0 (`Atomics.store(signal, 0, 1)`) makes the running Lua
   * code raise "interrupted!" within a few thousand checks (calls and
   * backward jumps), wherever it runs, as `LuaState.interrupt()` does;
   * the state sets the element back to 0 when it takes the interrupt.
   *
   * ```ts
   * // in a worker: const lua = new LuaState({ interruptSignal: workerData.signal });
   * // in the main thread, to stop it:
   * Atomics.store(signal, 0, 1);
   * ```
   */
  interruptSignal?: Int32Array;
  /**
   * How Lua strings reach JavaScript in results, arguments of registered
   * functions and `toJS`: `'text'` (the default) decodes them as UTF-8,
   * with U+FFFD for bytes that are not valid UTF-8; `'bytes'` gives a
   * `Uint8Array` of their bytes, exactly.
   *
   * ```ts
   * new LuaState().doString('return "\\xff", "é"');                      // ['\uFFFD', 'é']
   * new LuaState({ strings: 'bytes' }).doString('return "\\xff"');       // [Uint8Array [255]]
   * ```
   */
  strings?: 'text' | 'bytes';
}

/** A JS value's kind, as the messages name it. */
function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** What each option must be: a test and its name in the message. */
const OPTION_TYPES: Record<string, [test: (v: unknown) => boolean, expected: string]> = {
  platform: [(v) => typeof v === 'object' && v !== null, 'object'],
  write: [(v) => typeof v === 'function', 'function'],
  libraries: [(v) => Array.isArray(v) && v.every((l) => typeof l === 'object' && l !== null && typeof l.open === 'function'), 'array of libraries'],
  libs: [(v) => Array.isArray(v) && v.every((n) => typeof n === 'string'), 'array of strings'],
  sandbox: [(v) => typeof v === 'boolean', 'boolean'],
  compat: [(v) => typeof v === 'boolean', 'boolean'],
  gcStress: [(v) => typeof v === 'boolean', 'boolean'],
  gcLog: [(v) => typeof v === 'function', 'function'],
  gcLogSteps: [(v) => typeof v === 'boolean', 'boolean'],
  memoryLimit: [(v) => typeof v === 'number' && v > 0, 'positive number'],
  interruptSignal: [(v) => v instanceof Int32Array && v.length > 0 && typeof SharedArrayBuffer === 'function' && v.buffer instanceof SharedArrayBuffer,
    'Int32Array over a SharedArrayBuffer'],
  strings: [(v) => v === 'text' || v === 'bytes', "'text' or 'bytes'"],
};

/** Throw a LuaError unless `options` is an object whose known fields have their types (undefined counts as absent). */
export function checkStateOptions(options: unknown): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new LuaError(`bad argument #1 to 'LuaState' (options object expected, got ${kind(options)})`);
  }
  for (const [name, [test, expected]] of Object.entries(OPTION_TYPES)) {
    const v = (options as Record<string, unknown>)[name];
    if (v !== undefined && !test(v)) {
      throw new LuaError(`bad option '${name}' to 'LuaState' (${expected} expected, got ${typeof v === 'string' ? `'${v}'` : kind(v)})`);
    }
  }
}
