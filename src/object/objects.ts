/**
 * # Functions, upvalues, call frames and threads
 *
 * Responsibility: the runtime objects the dispatch loop works on: Lua
 * closures and their upvalues, native (JS) functions, the call frame
 * (`Frame`), the thread (`LuaThread`) that owns a register file and a
 * frame stack, and the state they share (`GlobalState`); and how a loaded
 * chunk's prototypes join a state (`joinHeap`).
 *
 * Manual: §2.1 (function and thread types), §3.5 (visibility rules and
 * upvalues), §4.1.3 (stack size). PUC-Rio counterpart: `lobject.h`
 * (LClosure, CClosure, UpVal), `lstate.h` (CallInfo, lua_State), `lfunc.c`.
 *
 * Invariants:
 * - A thread's `stack` is one packed JS array (docs/performance.md R5): it only grows,
 *   by `push(undefined)`, never has holes; frames address it as
 *   `stack[base + r]`.
 * - An upvalue is open (`thread !== undefined`, the variable lives in
 *   `thread.stack[index]`) until the block of its variable ends; then it is
 *   closed and keeps the value itself. Closures that capture the same
 *   variable share one UpVal, found through the thread's `openUpvals`
 *   (sorted by index).
 * - `frames[0..depth]` are the live frames; frame objects are reused
 *   across calls, so a call allocates nothing once the depth was reached
 *   before.
 * - Every collectable object here is born into the heap of one state,
 *   given to its constructor (a thread finds it in its `GlobalState`), and
 *   reaches it only through `Collector` (src/value/collectable.ts): this
 *   layer imports nothing of the collector. Whatever one state keeps while
 *   it runs (nesting counts, hook transfers) lives on its `GlobalState` or
 *   its threads, never in a module variable, so states coexist.
 *
 * Read next: `src/vm/execute.ts` (the loop that uses all of this),
 * `src/vm/call.ts`.
 */
import type { Proto } from '../bytecode/proto.ts';
import type { LuaTable } from '../value/table.ts';
import type { Value, LuaError } from '../value/index.ts';
import type { LuaValue } from '../value/types.ts';
import { BLACK, FIXED, SIZE, type Collector, type GCObject } from '../value/collectable.ts';
import type { LuaUserdata } from './userdata.ts';

/** A variable captured by a closure (PUC-Rio's UpVal). */
export class UpVal implements GCObject {
  /** Collector header (src/value/collectable.ts). */
  marked = 0;
  gcnext: GCObject | undefined = undefined;
  gcsize = 0;
  /** The heap it was born into: a store into a closed upvalue takes its forward barrier. */
  readonly heap: Collector;
  /** The thread whose stack holds the variable while the upvalue is open. */
  thread: LuaThread | undefined;
  /** Stack slot while open. */
  index: number;
  /** The value once closed. */
  value: LuaValue = undefined;
  constructor(heap: Collector, thread: LuaThread | undefined, index: number, value?: LuaValue) {
    this.heap = heap; this.thread = thread; this.index = index; this.value = value;
    heap.link(this, SIZE.upval);
  }
  /** The variable's current value: the stack slot while open, the upvalue's own field once closed. */
  get(): LuaValue { return this.thread !== undefined ? this.thread.stack[this.index] : this.value; }
  /** Assign the variable; a closed, black upvalue takes the forward barrier (the new value is marked at once). */
  set(v: LuaValue): void {
    if (this.thread !== undefined) { this.thread.stack[this.index] = v; return; }
    this.value = v;
    if (this.marked & BLACK) this.heap.barrierForward(this, v);
  }
}

/** A Lua function: a prototype plus its upvalues. */
export class LuaClosure implements GCObject {
  /** The type name `type()` returns. */
  readonly luaType = 'function' as const;
  /** Collector header (src/value/collectable.ts). */
  marked = 0;
  gcnext: GCObject | undefined = undefined;
  gcsize = 0;
  /**
   * A closure of `proto` (which must have joined `heap`: {@link joinHeap}), born into `heap`.
   *
   * @param proto - The function's code and constants, shared by every closure of it.
   * @param upvals - One cell per upvalue of `proto`, in its order; closures of
   *   the same enclosing call share cells, which is how they share variables.
   */
  constructor(heap: Collector, readonly proto: Proto, readonly upvals: UpVal[]) {
    heap.link(this, SIZE.closure + SIZE.closureUpval * upvals.length);
  }
}

/**
 * Prototypes are born plain (FIXED: the compiler and the chunk reader know
 * no state); a chunk loaded into a state brings its prototype tree into
 * that state's heap here, so that the collector measures the prototypes
 * and frees them with their last closure. Prototypes that joined a heap
 * already are left where they are.
 */
export function joinHeap(heap: Collector, p: Proto): void {
  if (p.marked !== FIXED) return;
  heap.link(p, SIZE.proto);
  for (const child of p.protos) joinHeap(heap, child);
}

/**
 * A plain native function. Arguments are `L.stack[base .. base+nargs-1]`;
 * the function pushes its results with `L.push(v)` and returns how many it
 * pushed (see docs/vm.md, "Native functions").
 */
export type NativeFn = (L: LuaThread, base: number, nargs: number) => number;

/** A request a generator native yields: call `fn` with `args`. */
export type CallRequest = [fn: Value, ...args: Value[]];

/**
 * A native that calls back into Lua: a generator function that yields
 * {@link CallRequest}s, receives each call's results as an array (or has the
 * error thrown into it), and finally returns its own results as an array.
 */
export type NativeGen = (L: LuaThread, base: number, nargs: number) =>
  Generator<CallRequest, Value[], Value[]>;

const NO_UPVALUES: LuaValue[] = [];

/** A JS function callable from Lua. */
export class LuaNative implements GCObject {
  /** The type name `type()` returns. */
  readonly luaType = 'function' as const;
  /** Collector header (src/value/collectable.ts): natives are collectable, like C closures. */
  marked = 0;
  gcnext: GCObject | undefined = undefined;
  gcsize = 0;
  /** A light native: no upvalues, no heap, never collected. */
  constructor(name: string, fn: NativeFn | NativeGen, isGenerator?: boolean);
  /** A native with upvalues (a C closure): born into `heap`, collected. */
  constructor(name: string, fn: NativeFn | NativeGen, isGenerator: boolean, upvalues: LuaValue[], heap: Collector);
  constructor(
    /** Name used in "bad argument #1 to 'name'" messages. */
    readonly name: string,
    /** The JS function: a plain {@link NativeFn}, or a {@link NativeGen} when `isGenerator`. */
    readonly fn: NativeFn | NativeGen,
    /** True when `fn` is a generator function (a {@link NativeGen}). */
    readonly isGenerator = false,
    /**
     * Lua values the JS function captured (PUC-Rio's C-closure upvalues).
     * The collector cannot look inside a JS closure, so a native made at
     * run time that holds a table, function, userdata or thread keeps it
     * here too, where marking finds it (coroutine.wrap keeps its thread).
     */
    readonly upvalues: LuaValue[] = NO_UPVALUES,
    heap?: Collector,
  ) {
    // without upvalues it is a "light" function: a value, never collected
    if (upvalues.length === 0) this.marked = FIXED;
    else heap!.link(this, SIZE.closure + SIZE.closureUpval * upvalues.length);
  }
}

/** What to do with a metamethod's result when its frame returns (luaV_finishOp). */
export const enum Cont {
  /** A normal call: results are placed by the caller's CALL protocol. */
  NONE = 0,
  /** Store the first result in R[a] of the caller. */
  STORE = 1,
  /** Comparison: truth of the result (negated if `a` is 1) against the k bit of the instruction. */
  COMPARE = 2,
  /** Store the result and go on with a CONCAT. */
  CONCAT = 3,
  /** Discard the results (`__newindex`, `__close`). */
  DISCARD = 4,
  /** Resume the generator of the frame below with the results. */
  GENERATOR = 5,
}

/** Bits of `Frame.flags`. */
export const enum FrameFlag {
  /** The frame's function was entered by a tail call (tracebacks print "(...tail calls...)"). */
  TAIL = 1,
  /** A pcall/xpcall generator: errors stop here; `msgh` is its handler, if any. */
  PROTECT = 2,
  /** A debug hook is running for this frame (src/vm/hooks.ts); its callee is named "hook '?'". */
  HOOKED = 4,
  /** A finalizer is being called from this frame (src/gc/finalize.ts); its callee is named "metamethod '__gc'". */
  FIN = 8,
}

/** One activation record (PUC-Rio's CallInfo). */
export class Frame {
  /** The Lua closure run by this frame, or undefined for a native generator frame. */
  closure: LuaClosure | undefined = undefined;
  /** The generator of a native frame. */
  gen: Generator<CallRequest, Value[], Value[]> | undefined = undefined;
  /** The native this frame runs (a generator, or a plain native framed for hooks and tracebacks), else undefined. */
  native: LuaNative | undefined = undefined;
  /** Slot of the called function; results are moved here on return. */
  func = 0;
  /** R[0] of this frame. */
  base = 0;
  /** Next instruction to run (saved when the frame is not on top, or before an error). */
  pc = 0;
  /** Results the caller wants: -1 for all (multiple results). */
  nresults = 0;
  /** Number of extra arguments (`...`) of a vararg function. */
  nextra = 0;
  /** What the return of this frame finishes in the caller. */
  cont: Cont = Cont.NONE;
  /** Operand of the continuation (register, negation flag, ...). */
  contArg = 0;
  /** Values CONCAT still has to join when it resumes after a `__concat` (0: use B). */
  concatLeft = 0;
  /**
   * The end of a RETURN's open results while its `__close` handlers run as
   * frames (-1: none); the RETURN runs again after each handler.
   */
  closeTop = -1;
  /** Stack slots of active to-be-closed variables, innermost last. */
  tbc: number[] = [];
  /** FrameFlag bits: entered by a tail call, protected call (pcall/xpcall). */
  flags = 0;
  /** The message handler of an xpcall frame (with FrameFlag.PROTECT). */
  msgh: LuaValue = undefined;
  /** A native frame waiting for a host Promise (see src/api/task.ts); undefined otherwise. */
  awaiting: PromiseLike<unknown> | undefined = undefined;
  /**
   * A generator frame that catches an error (pcall) first runs the `__close`
   * handlers of the to-be-closed variables the error removed, innermost
   * last in `values`, as call requests of its own, so that they may yield
   * (driveGenerator in call.ts); `err` is the error they receive, replaced
   * by any error a handler raises.
   */
  closing: { values: LuaValue[]; err: LuaError } | undefined = undefined;
}

/** LUAI_MAXSTACK: the most stack slots a thread may use. */
export const LUAI_MAXSTACK = 1_000_000;

/** A Lua thread: a register file, its frames, and its open upvalues. */
export class LuaThread implements GCObject {
  /** The type name `type()` returns. */
  readonly luaType = 'thread' as const;
  /** Collector header (src/value/collectable.ts). */
  marked = 0;
  gcnext: GCObject | undefined = undefined;
  gcsize = 0;
  /** The register file (packed; see the module invariant). */
  stack: LuaValue[] = [];
  /** First free slot, used by natives and by open-result instructions. */
  top = 0;
  /** The call stack: frames 0 .. `depth` are live, those above are kept for reuse (no allocation per call). */
  frames: Frame[] = [];
  /** Index of the running frame in `frames` (-1: none). */
  depth = -1;
  /** Open upvalues (pointing into `stack`), sorted by slot: closures share them, CLOSE pops them from the end. */
  openUpvals: UpVal[] = [];
  /** Nested synchronous `execute` runs (C calls), limited like LUAI_MAXCCALLS. */
  nCcalls = 0;
  /**
   * Generator natives (pcall, xpcall, ...) waiting on a call they requested:
   * each is a C function inside luaD_call in PUC-Rio, so each counts with
   * `nCcalls` against LUAI_MAXCCALLS (vm/call.ts, checkCStack).
   */
  nGen = 0;
  /**
   * The most stack slots this thread may use: LUAI_MAXSTACK, plus
   * ERRORSTACKSIZE while a stack overflow is being handled, so the message
   * handler has room to run (luaD_growstack; call.ts, stackOverflow).
   */
  stackLimit = LUAI_MAXSTACK;
  /** Name, base and argument count of the running native (for argument errors). */
  cname = '?';
  /**
   * The plain native running above the top frame (plain natives get no
   * frame). Left set when it throws, so a traceback taken while the error
   * propagates shows `[C]: in function 'error'`; cleared once it is handled.
   */
  ccall: LuaNative | undefined = undefined;
  /** Function slot and wanted results of the running plain native (where yield's values go). */
  cfunc = 0;
  /** Results the caller of the running plain native wants (-1: all), paired with `cfunc`. */
  cnresults = 0;
  /** Coroutine state (§2.6): 'suspended' | 'running' | 'normal' | 'dead'. */
  status = 'running';
  /** The body of a coroutine not yet started. */
  body: LuaValue = undefined;
  /** Values passed by yield (to resume) while suspended. */
  transfer: LuaValue[] = [];
  /**
   * The error a coroutine died of. Its frames stay as the error left them
   * (debug.traceback(co) shows where it failed) and its to-be-closed
   * variables wait for coroutine.close, which closes them with this error
   * and returns it, as lua_resume and lua_closethread do.
   */
  failure: LuaError | undefined = undefined;
  /** The generator frame whose call request was the yield, if any. */
  yieldGen: Frame | undefined = undefined;
  /**
   * Debug hooks (src/vm/hooks.ts, lua_sethook): the hook function, the
   * events it wants (HookMask bits; the dispatch loop reads this once per
   * frame entry), the count period and countdown, whether a hook may run
   * now (not inside a hook), and the pc of the last line event (L->oldpc).
   */
  hook: LuaValue = undefined;
  /** Which hook events are on: HookMask bits (call, return, line, count; 16 is the instruction trace). */
  hookmask = 0;
  /** The count period set by `debug.sethook(f, mask, count)`: a count event every that many instructions. */
  basehookcount = 0;
  /** Instructions left before the next count event. */
  hookcount = 0;
  /** False while a hook runs, so that a hook does not fire inside itself (lua_State's allowhook). */
  allowhook = true;
  /** The pc of the last line event (L->oldpc): the next one fires on a new line or a backward jump. */
  oldpc = 0;
  /**
   * While a call or return hook runs: the hooked frame and the values it
   * transfers (`debug.getinfo(level, 'r')`, src/vm/hooks.ts): `frame`, and
   * `ftransfer`/`ntransfer`, the first transferred slot and how many.
   */
  hookTransfer: { frame: Frame; ftransfer: number; ntransfer: number } | undefined = undefined;

  /** @param global - The state the thread belongs to (its heap, registry, hooks' trace). */
  constructor(readonly global: GlobalState) {
    if (global.trace !== undefined) this.hookmask = 16;  // HookMask.TRACE (src/vm/trace.ts)
    for (let i = 0; i < 64; i++) this.stack.push(undefined);
    global.heap.link(this, SIZE.thread + SIZE.stackSlot * 64);
  }

  /** Make sure slots up to `n - 1` exist. */
  ensure(n: number): void {
    const s = this.stack;
    while (s.length < n) s.push(undefined);
  }

  /** Push a result of a native function. */
  push(v: LuaValue): void {
    const s = this.stack;
    if (this.top < s.length) s[this.top] = v; else s.push(v);
    this.top++;
  }

  /** The next frame object to use, reusing old ones. */
  pushFrame(): Frame {
    const d = ++this.depth;
    let f = this.frames[d];
    if (f === undefined) { f = new Frame(); this.frames.push(f); }
    f.closure = undefined; f.gen = undefined; f.native = undefined;
    f.cont = Cont.NONE; f.concatLeft = 0; f.closeTop = -1; f.nextra = 0; f.awaiting = undefined; f.flags = 0;
    f.closing = undefined; f.msgh = undefined;   // a stale handler would be marked, after it died
    if (f.tbc.length) f.tbc.length = 0;
    return f;
  }

  /** The upvalue for stack slot `index`, shared if one is already open. */
  findUpval(index: number): UpVal {
    const list = this.openUpvals;
    let i = list.length - 1;
    while (i >= 0 && list[i].index > index) i--;
    if (i >= 0 && list[i].index === index) return list[i];
    const u = new UpVal(this.global.heap, this, index);
    list.splice(i + 1, 0, u);
    return u;
  }

  /** Close every open upvalue at or above `level`. */
  closeUpvals(level: number): void {
    const list = this.openUpvals;
    while (list.length > 0 && list[list.length - 1].index >= level) {
      const u = list.pop()!;
      u.value = this.stack[u.index];
      u.thread = undefined;
    }
  }
}

/**
 * The collector of a state as this layer names it: the door objects use
 * (`Collector`, src/value/collectable.ts). The collector's own layer
 * completes this interface with everything its `Heap` has (src/gc/heap.ts
 * declares `interface StateHeap extends Heap` for this module: TypeScript
 * merges the two declarations), so the layers above see `G.heap` as the
 * whole heap while this layer imports nothing of the collector.
 */
export interface StateHeap extends Collector {}

/**
 * The warning modes of PUC-Rio's test build (ltests.c), on with the `T`
 * library: control messages "@normal", "@allow" and "@store" choose what a
 * finished warning does (src/api/warn.ts).
 *
 * @property on - Warnings are shown (`@on`/`@off`).
 * @property mode - What a finished warning does: print it (`normal`), print
 *   it even when off (`allow`), or keep it in `buffer` for the test (`store`).
 * @property buffer - The pieces of the warning being built, or the stored one.
 * @property continuing - The last piece said more would follow.
 */
export interface TestWarnings { on: boolean; mode: 'normal' | 'allow' | 'store'; buffer: string; continuing: boolean }

/** State shared by every thread of one Lua state. */
export class GlobalState {
  /** The instruction trace, while one is on (src/vm/trace.ts, `lucid --trace`). */
  trace: ((L: LuaThread, ci: Frame) => void) | undefined = undefined;
  /** The registry (LUA_REGISTRYINDEX): where libraries and hosts keep values hidden from Lua code, by string key. */
  registry = new Map<string, Value>();
  /** Metatables of the non-table types (strings get theirs from the string library). */
  typeMetatables = new Map<string, LuaTable>();
  /** The global table `_G` (LUA_RIDX_GLOBALS): what the `_ENV` upvalue of every main chunk starts as. */
  globals!: LuaTable;
  /** Output sink used by `print` (bytes as a latin1 string); the state sets it (the platform's stdout). */
  write: (s: string) => void = () => {};
  /** Flush what `write` buffered (os.exit calls it before the process ends). */
  flush: () => void = () => {};
  /** Where warnings go (bytes as a latin1 string); the state sets it (the platform's stderr). */
  warnWrite: (s: string) => void = () => {};
  /** Warnings are shown (`warn("@on")`, `lucid -W`). */
  warnOn = false;
  /**
   * Lua 5.3 compatibility (LUA_COMPAT_5_3, `LuaStateOptions.compat`): among
   * others, `a <= b` without `__le` falls back to `not (b < a)` through
   * `__lt` (LUA_COMPAT_LT_LE). The state sets it; on by default as in the
   * released Lua 5.4.
   */
  compat = true;
  /**
   * The addresses `%p` and `tostring` have shown (src/api/lua.ts,
   * topointer), and the next one to give. They belong to the state, so
   * its output does not depend on other states in the process; the map is
   * weak and keeps nothing alive.
   */
  readonly addresses = new WeakMap<object, number>();
  /** The address the next object asked for one gets (they go up by 0x40, like small allocations). */
  nextAddress = 0x55550000a0;
  /** The last warning piece said more would follow. */
  warnContinuing = false;
  /** The test build's warning modes (set by the `T` library; src/api/warn.ts). */
  testWarnings: TestWarnings | undefined = undefined;
  /** The main thread, created with the state; it cannot be yielded from. */
  mainThread!: LuaThread;
  /** The host's handle on this state (a `LuaState`), for libraries that hand it to JS code. */
  host: unknown = undefined;
  /**
   * Checks left before the dispatch loop looks at budgets, deadlines and
   * interrupts. Decremented on backward jumps and calls only (the one check
   * the hot loop pays); when it goes negative, `tick` (src/vm/budget.ts) decides.
   */
  ticks = TICK_QUANTUM;
  /** Set by `LuaState.interrupt()`: the next check raises "interrupted!". */
  interrupted = false;
  /**
   * The host's cross-thread interrupt (`LuaStateOptions.interruptSignal`):
   * element 0 turns non-zero when another thread asks this state to stop.
   * Read at the end of each slice, where the clock is read for a deadline.
   */
  interruptSignal: Int32Array | undefined = undefined;
  /**
   * The next check must come at once (an interrupt, memory past the
   * limit): `ticks` was zeroed and its value kept in `savedTicks`
   * (src/vm/budget.ts requestCheck).
   */
  checkRequested = false;
  /** `ticks` saved by `requestCheck`, restored when the early check is done. */
  savedTicks = 0;
  /** Size of the slice `ticks` started from (what one expiry consumed). */
  slice = TICK_QUANTUM;
  /** Checks the current host run may still make, the slice included (Infinity: no budget). */
  budget = Infinity;
  /** Most checks between two looks at the clock and the interrupt flag. */
  quantum = TICK_QUANTUM;
  /** Deadline (ms since epoch) of the current host run, or Infinity. */
  deadline = Infinity;
  /**
   * The budget and deadline are limits the host set (`LuaTask.step`), not
   * the pauses of `LuaState.run`: where the run cannot suspend, running
   * out of them is an error (src/vm/budget.ts).
   */
  hardLimit = false;
  /** Checks without a frame made since the limit ran out at the top level (src/vm/budget.ts). */
  framelessChecks = 0;
  /**
   * Synchronous nested calls in progress (`callSync`, across all threads):
   * while positive, nothing may suspend (PUC-Rio's non-yieldable count).
   */
  nny = 0;
  /** The host task (src/api/task.ts) running on the main thread, if any. */
  activeTask: unknown = undefined;
  /** Identities `debug.upvalueid` handed out, by upvalue cell (or native), kept while it lives (src/api/debug.ts). */
  readonly upvalueIds = new WeakMap<object, LuaUserdata[]>();
  /**
   * Resumes nested in JS calls right now (one JS level each, across all
   * threads; src/vm/resume.ts): beyond LUAI_MAXCCALLS, "C stack overflow".
   */
  nestedResumes = 0;
  /**
   * Message handlers running right now, one inside the other (src/vm/call.ts
   * callHandler): beyond a few, "error in error handling" (LUA_ERRERR).
   */
  handlerDepth = 0;

  /**
   * A state whose objects live in `heap` (src/gc/heap.ts; the state installs its callbacks).
   *
   * @param heap - The collector that owns every object of this state.
   */
  constructor(readonly heap: StateHeap) {}
}

/** Checks between looks at the clock / interrupt flag when no budget is set. */
export const TICK_QUANTUM = 1 << 20;
