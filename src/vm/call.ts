/**
 * # Calls, returns and native continuations
 *
 * Responsibility: starting a call of any Lua value (`precall`), finishing a
 * frame's return in its caller (`finishReturn`, PUC-Rio's luaV_finishOp for
 * metamethod frames), driving generator natives (`driveGenerator`), and the
 * one synchronous entry used by the host and by the rare places that must
 * nest (`callSync`).
 *
 * Manual: §3.4.10 (function calls), §3.4.11 (tail calls and varargs),
 * §2.4 (`__call`), §4.4 (calls from the host).
 * PUC-Rio counterpart: `ldo.c` (luaD_precall, luaD_poscall, luaD_call,
 * luaD_pretailcall, tryfuncTM), `lvm.c` (luaV_finishOp).
 *
 * Invariants:
 * - A Lua→Lua call only pushes a frame: `precall` returns it and the
 *   dispatch loop picks it up. Nothing here recurses into `execute` except
 *   `callSync`, which counts itself in `L.nCcalls` (limit 200, "C stack
 *   overflow").
 * - A plain native runs at once: its arguments are the stack window after
 *   the function slot, it pushes results at `L.top` and returns their
 *   count; `precall` moves them down to the function slot.
 * - A generator native gets a frame; each call request it yields is started
 *   above that frame with `cont = GENERATOR`, so its results come back into
 *   the generator when the callee's frame returns.
 * - Errors meet an xpcall's message handler (`callHandler`) before any
 *   frame is unwound, wherever they are caught.
 * - `Suspend` and YIELD are signals, not errors: nothing unwinds for them.
 * - Results of a finished call always start at the call's function slot;
 *   when all results were wanted (`nresults === -1`) `L.top` ends them.
 *
 * Read next: `execute.ts` (the loop), `docs/vm.md` (the native protocol).
 */
import type { LuaValue } from '../value/types.ts';
import { LuaClosure, LuaNative, Cont, FrameFlag, LUAI_MAXSTACK, type Frame, type LuaThread, type CallRequest } from '../object/objects.ts';
import { runError, toLuaError, typeError, NO_VAR } from './errors.ts';
import { metafield, objTypeName } from './meta.ts';
import { funcName } from './traceback.ts';
import { execute } from './execute.ts';
import { LuaError as LuaErrorCtor, type LuaError } from '../value/index.ts';
import { gcStep } from '../gc/collector.ts';
import { stringSize } from '../value/collectable.ts';
import { tick, endHostRun } from './budget.ts';
import { hookNativeCall, hookNativeReturn, hookYieldReturn, hookGeneratorCall, hookReturn } from './hooks.ts';

export { LUAI_MAXSTACK };
/** ERRORSTACKSIZE: the extra slots a message handler gets after a stack overflow. */
const ERRORSTACKSIZE = 200;

/**
 * Raise "stack overflow", opening the reserve so a message handler can run;
 * overflowing the reserve too is "error in error handling" (luaD_growstack).
 */
export function stackOverflow(L: LuaThread): never {
  if (L.stackLimit > LUAI_MAXSTACK) throw new LuaErrorCtor('error in error handling');
  L.stackLimit = LUAI_MAXSTACK + ERRORSTACKSIZE;
  runError(L, 'stack overflow');
}

/** The error that may have been a stack overflow is handled: the reserve closes. */
export function closeStackReserve(L: LuaThread): void {
  L.stackLimit = LUAI_MAXSTACK;
}
/** LUAI_MAXCCALLS: nested synchronous calls (JS recursion) allowed. */
export const LUAI_MAXCCALLS = 200;

/**
 * Count a C-level call (a nested `execute`, or a call requested by a
 * generator native) against LUAI_MAXCCALLS, as luaE_checkcstack does:
 * reaching the limit raises "C stack overflow" once; the levels above it
 * are a reserve for the message handler and the code that handles the
 * error, and a tenth more is "error in error handling", which no handler
 * sees. Without the reserve, a handler that recurses through pcall (the
 * official calls.lua) would meet the overflow again at every level.
 * `n` counts the call being made, as luaD_call counts before it checks: a
 * generator's request is already counted by `nGen` (`entering` 0), a
 * nested `execute` is not yet (`entering` 1).
 */
function checkCStack(L: LuaThread, entering: number): void {
  const n = L.nCcalls + L.nGen + entering;
  if (n < LUAI_MAXCCALLS) return;
  if (n === LUAI_MAXCCALLS) {
    // raised in the native that asked for the call: no position, as in PUC-Rio
    if (L.ccall !== undefined || L.frames[L.depth]?.gen !== undefined) throw new LuaErrorCtor('C stack overflow');
    runError(L, 'C stack overflow');
  }
  if (n >= (LUAI_MAXCCALLS / 10) * 11) {
    const err = new LuaErrorCtor('error in error handling');
    err.handled = true;   // LUA_ERRERR goes past the message handlers
    throw err;
  }
}

/**
 * Start a call of `stack[func]` with `nargs` arguments after it. Returns the
 * frame pushed for the call when it is still running (a Lua function, or a
 * generator native waiting on a call it requested), or undefined when the
 * call already finished (a plain native; a generator that never yielded).
 */
export function precall(L: LuaThread, func: number, nargs: number, nresults: number): Frame | undefined {
  const stack = L.stack;
  for (let loops = 0; ; loops++) {
    const f = stack[func];
    if (f instanceof LuaClosure) {
      const p = f.proto;
      const base = func + 1;
      const need = base + p.maxstacksize + (p.isVararg ? nargs + 1 : 0);
      if (need > L.stackLimit) stackOverflow(L);
      if (stack.length < need) L.ensure(need + 64);
      for (let i = nargs; i < p.numparams; i++) stack[base + i] = undefined;
      const ci = L.pushFrame();
      ci.closure = f;
      ci.func = func;
      ci.base = base;
      ci.pc = 0;
      ci.nresults = nresults;
      ci.nextra = p.isVararg && nargs > p.numparams ? nargs - p.numparams : 0;
      return ci;
    }
    if (f instanceof LuaNative) {
      if (f.isGenerator) return startGenerator(L, f, func, nargs, nresults);
      L.top = func + 1 + nargs;
      L.cfunc = func;  // where a coroutine.yield called here must put its resume values
      L.cnresults = nresults;
      const saved = L.cname, savedC = L.ccall;
      L.cname = f.name;
      L.ccall = f;  // stays set if the native throws: tracebacks show it as `[C]`
      if (L.hookmask !== 0) hookNativeCall(L, nargs);  // debug hooks (hooks.ts)
      const n = (f.fn as (L: LuaThread, b: number, n: number) => number)(L, func + 1, nargs);
      if (L.hookmask !== 0) { L.cfunc = func; hookNativeReturn(L, n); }
      L.cname = saved;
      L.ccall = savedC;
      const heap = L.global.heap;
      for (let i = L.top - n; i < L.top; i++) {
        // strings a native made count as allocation (docs/design.md §5)
        const s = stack[i];
        if (typeof s === 'string' && s.length > 32) heap.charge(stringSize(s));
      }
      moveResults(L, L.top - n, func, n, nresults);
      // a safe point: the native is done, and its caller's live values end at its results
      // (slots above the results, the native's stale copies among them, are dead)
      if (heap.debt > 0) gcStep(L, func + (nresults < 0 ? n : nresults));
      return undefined;
    }
    // not a function: try its __call metamethod, with the object as first argument
    const h = metafield(L.global, f, '__call');
    if (h === undefined || loops >= 2000) callError(L, f, func);
    L.ensure(func + nargs + 2);
    for (let i = func + nargs; i >= func; i--) stack[i + 1] = stack[i];
    stack[func] = h;
    nargs++;
  }
}

/**
 * "attempt to call a nil value (global 'f')" (luaG_callerror): the callee is
 * named by the calling instruction, as a traceback names a function, so a
 * non-function `__add` is "(metamethod 'add')" and a bad iterator
 * "(for iterator 'for iterator')"; failing that, by the register it sits in.
 */
function callError(L: LuaThread, f: LuaValue, func: number): never {
  const ci = L.depth >= 0 ? L.frames[L.depth] : undefined;
  if (ci !== undefined && ci.closure !== undefined) {
    const named = funcName({ fn: undefined, ci: undefined, caller: ci, tail: false });
    if (named !== undefined) runError(L, `attempt to call a ${objTypeName(f)} value (${named[0]} '${named[1]}')`);
  }
  const loc = ci !== undefined && ci.closure !== undefined ? func - ci.base : NO_VAR;
  typeError(L, f, 'call', loc >= 0 && loc < 256 ? loc : NO_VAR);
}

/** Move `n` results from `from` to `to`, adjusted to `wanted` (-1: all, setting `L.top`). */
export function moveResults(L: LuaThread, from: number, to: number, n: number, wanted: number): void {
  const stack = L.stack;
  if (wanted === -1) {
    if (to + n > stack.length) L.ensure(to + n);
    for (let i = 0; i < n; i++) stack[to + i] = stack[from + i];
    L.top = to + n;
    return;
  }
  if (to + wanted > stack.length) L.ensure(to + wanted);
  const m = n < wanted ? n : wanted;
  for (let i = 0; i < m; i++) stack[to + i] = stack[from + i];
  for (let i = m; i < wanted; i++) stack[to + i] = undefined;
}

function startGenerator(L: LuaThread, f: LuaNative, func: number, nargs: number, nresults: number): Frame | undefined {
  const ci = L.pushFrame();
  ci.native = f;
  ci.func = func;
  ci.base = func + 1;
  ci.pc = func + 1 + nargs;  // a native frame keeps its top in pc
  ci.nresults = nresults;
  if (L.hookmask !== 0) hookGeneratorCall(L, ci, nargs);  // debug hooks (hooks.ts)
  const saved = L.cname;
  L.cname = f.name;
  try {
    ci.gen = (f.fn as (L: LuaThread, b: number, n: number) => Generator<CallRequest, LuaValue[], LuaValue[]>)(L, func + 1, nargs);
  } finally { L.cname = saved; }
  L.nGen++;   // until its generator ends (driveGenerator) or its frame is unwound (detachFrames)
  const depth = L.depth;
  driveGenerator(L, ci, undefined, undefined);
  return L.depth >= depth && L.frames[depth] === ci && ci.gen !== undefined ? ci : undefined;
}

/**
 * Run the generator of frame `ci` (which is on top) until it requests a
 * call of a Lua function (then that frame is on top and the loop runs it),
 * or returns (then its results are placed and its frame popped). `input` is
 * the results of the previous request, `error` the error to throw into it.
 */
export function driveGenerator(L: LuaThread, ci: Frame, input: LuaValue[] | undefined, error: LuaError | undefined): void {
  const gen = ci.gen!;
  const depth = L.depth;  // ci is on top
  for (;;) {
    let req: CallRequest;
    const closing = ci.closing;
    if (closing !== undefined) {
      // an error is on its way into this frame: first the __close handlers of the
      // variables it removed, each a request of this frame (so it may yield); a
      // handler's error replaces the one the next handlers and the frame receive
      if (error !== undefined) closing.err = error;
      error = undefined;
      if (closing.values.length > 0) {
        const v = closing.values.pop();
        req = [metafield(L.global, v, '__close'), v, closing.err.value];
      } else {
        ci.closing = undefined;
        error = closing.err;
        continue;
      }
    } else {
      let step: IteratorResult<CallRequest, LuaValue[]>;
      const saved = L.cname;
      L.cname = ci.native!.name;
      try {
        step = error !== undefined ? gen.throw(error) : gen.next(input as LuaValue[]);
      } catch (e) {
        L.cname = saved;
        ci.gen = undefined;
        L.nGen--;
        throw e;  // the generator did not handle it: unwinding continues below it
      } finally { L.cname = saved; }
      if (step.done) {
        const results = step.value ?? [];
        const stack = L.stack;
        const at = ci.pc;
        L.ensure(at + results.length);
        for (let i = 0; i < results.length; i++) stack[at + i] = results[i];
        ci.gen = undefined;
        L.nGen--;
        if (L.hookmask !== 0) { L.top = at + results.length; hookReturn(L, ci, at, results.length); }
        L.depth--;
        moveResults(L, at, ci.func, results.length, ci.nresults);
        finishReturn(L, ci);
        return;
      }
      // a call request: [fn, ...args] placed at the frame's top
      req = step.value;
      if (req[0] === AWAIT) {
        // a host Promise: the frame stays on top, waiting; the loop sees it and suspends
        ci.awaiting = req[1] as PromiseLike<unknown>;
        return;
      }
    }
    const slot = ci.pc;
    L.ensure(slot + req.length + 1);
    for (let i = 0; i < req.length; i++) L.stack[slot + i] = req[i];
    error = undefined;
    let callee: Frame | undefined;
    try {
      checkCStack(L, 0);   // the request is a call from C (luaD_call)
      callee = precall(L, slot, req.length - 1, -1);
      if (callee === undefined) {
        input = L.stack.slice(slot, L.top);
        // a native that finished is a check too, one that cannot suspend
        // (a reader that is a native could feed `load` forever)
        if (--L.global.ticks < 0) tick(L, undefined, false);
      }
    } catch (e) {
      if (e === YIELD || e instanceof Suspend) { L.yieldGen = ci; throw e; }  // the thread suspends inside this request
      error = toLuaError(L, e);
      callHandler(L, error);
      unwindTo(L, depth, error);  // drop what the failed request left above ci
      L.ccall = undefined;
      input = undefined;
    }
    if (callee !== undefined) {
      callee.cont = Cont.GENERATOR;
      // the requested call is a check (src/vm/budget.ts), as if at its first
      // instruction: a suspension here resumes the callee's frame on top
      if (--L.global.ticks < 0) tick(L, callee, false);
      return;
    }
  }
}

/**
 * A frame `ci` has returned (already popped, results at `ci.func`): finish
 * what it was called for in the frame now on top (luaV_finishOp).
 */
export function finishReturn(L: LuaThread, ci: Frame): void {
  switch (ci.cont) {
    case Cont.NONE: case Cont.DISCARD: return;
    case Cont.STORE: {
      const caller = L.frames[L.depth];
      L.stack[caller.base + ci.contArg] = L.stack[ci.func];
      return;
    }
    case Cont.COMPARE: {
      const caller = L.frames[L.depth];
      const v = L.stack[ci.func];
      let res = v !== undefined && v !== false;
      if (ci.contArg & 1) res = !res;
      const k = (caller.closure!.proto.code[caller.pc - 1] >>> 15) & 1;
      if (res !== (k === 1)) caller.pc++;
      return;
    }
    case Cont.CONCAT: {
      // the metamethod joined the last two pending values; go on with CONCAT
      const caller = L.frames[L.depth];
      const i = caller.closure!.proto.code[caller.pc - 1];
      const a = (i >>> 7) & 0xff;
      const left = ci.contArg;  // values still to join, counting the result
      L.stack[caller.base + a + left - 1] = L.stack[ci.func];
      if (left > 1) { caller.concatLeft = left; caller.pc--; }
      return;
    }
    case Cont.GENERATOR: {
      const caller = L.frames[L.depth];
      driveGenerator(L, caller, L.stack.slice(ci.func, L.top), undefined);
      return;
    }
  }
}

/**
 * Call a metamethod `h(x, y)` for an instruction of the running Lua frame.
 * Returns its first result when it finished at once (a plain native), or
 * PENDING when a frame was pushed whose return will finish the instruction
 * through `cont`/`arg` (see {@link finishReturn}).
 */
export function callMeta(L: LuaThread, h: LuaValue, x: LuaValue, y: LuaValue, cont: Cont, arg: number): LuaValue | Pending {
  const ci = L.frames[L.depth];
  const slot = ci.closure !== undefined ? ci.base + ci.closure.proto.maxstacksize : L.top;
  L.ensure(slot + 4);
  const stack = L.stack;
  stack[slot] = h; stack[slot + 1] = x; stack[slot + 2] = y;
  const savedTop = L.top;
  const callee = precall(L, slot, 2, 1);
  if (callee !== undefined) { callee.cont = cont; callee.contArg = arg; return PENDING; }
  L.top = savedTop;
  return stack[slot];
}

/**
 * Thrown by `coroutine.yield` to leave the dispatch loop of a coroutine
 * with its frames intact (see resume.ts); never seen by Lua code.
 */
export const YIELD: unique symbol = Symbol('yield');

/**
 * The first element of a call request that is not a call: `yield [AWAIT,
 * promise]` in a generator native suspends its thread until the Promise
 * settles (see src/api/task.ts); the yield returns `[value]` or throws.
 */
export const AWAIT: unique symbol = Symbol('await');

/** A coroutine suspended inside a nested resume, recorded while a Suspend leaves it. */
export interface ResumeLevel {
  /** The coroutine that was running. */
  co: LuaThread;
  /** The thread whose `coroutine.resume` (or wrap function) started it. */
  resumer: LuaThread;
  /** True for a `coroutine.wrap` function: errors propagate, no leading `true`. */
  wrap: boolean;
}

/**
 * Thrown to leave every dispatch loop with all frames intact so the host
 * driver can come back later: a budget ran out (`promise` undefined) or a
 * native waits for a Promise. Nested coroutine resumes add themselves to
 * `levels` (innermost first) as it passes, so the driver can rebuild them
 * without JS recursion. Only src/api/task.ts catches it for good.
 */
export class Suspend {
  /** The coroutine resumes the exception crossed, innermost first, to be rebuilt by the driver. */
  readonly levels: ResumeLevel[] = [];
  constructor(
    /** The innermost thread, the one that stopped. */
    readonly thread: LuaThread,
    /** The Promise a native waits for, or undefined when the run's budget or deadline ran out. */
    readonly promise: PromiseLike<unknown> | undefined,
  ) {}
}

/** Is `e` a signal that suspends rather than an error? */
export function isSignal(e: unknown): boolean {
  return e === YIELD || e instanceof Suspend;
}

/**
 * Give `values` (or raise `err`) as the results of the call `T` was
 * suspended in (a coroutine.yield, a nested resume): into the generator
 * native that requested it, or where the plain native's CALL wants them.
 */
export function deliver(T: LuaThread, values: LuaValue[], err: LuaError | undefined): void {
  T.ccall = undefined;
  const gen = T.yieldGen;
  if (gen !== undefined) {
    T.yieldGen = undefined;
    driveGenerator(T, gen, err === undefined ? values : undefined, err);
    return;
  }
  if (err !== undefined) throw err;
  if (T.hookmask !== 0) hookYieldReturn(T, values.length);  // the yield returns (hooks.ts)
  T.ensure(T.cfunc + values.length + 1);
  for (let i = 0; i < values.length; i++) T.stack[T.cfunc + i] = values[i];
  moveResults(T, T.cfunc, T.cfunc, values.length, T.cnresults);
}

/** Returned by slow paths that pushed a frame instead of producing a value. */
export const PENDING: unique symbol = Symbol('pending');
/** The type of PENDING, in the results of the helpers that may push a frame. */
export type Pending = typeof PENDING;

/**
 * Call `f(...args)` synchronously and return all its results. This nests a
 * JS-level `execute`, so it is for the host API and the few places where
 * Lua itself forbids yielding; it counts against LUAI_MAXCCALLS.
 */
export function callSync(L: LuaThread, f: LuaValue, args: LuaValue[]): LuaValue[] {
  checkCStack(L, 1);
  const savedC = L.ccall;
  const savedTop = L.top;  // an error leaves the stack as the call found it
  const pushed = pushCFrame(L);  // the plain native calling us is a level of the stack
  const slot = stackTop(L);
  L.ensure(slot + args.length + 1);
  const stack = L.stack;
  stack[slot] = f;
  for (let i = 0; i < args.length; i++) stack[slot + 1 + i] = args[i];
  const depth = L.depth;
  const G = L.global;
  L.nCcalls++;
  G.nny++;
  try {
    // a nested call is a check (src/vm/budget.ts): limits reach code that a library runs
    if (--G.ticks < 0) tick(L, undefined, false);
    const callee = precall(L, slot, args.length, -1);
    if (callee !== undefined) execute(L, depth + 1);
  } catch (e) {
    // a JS frame cannot be suspended: a Promise here is a Lua error
    let err: LuaError;
    if (e instanceof Suspend) {
      for (const lv of e.levels) lv.co.status = 'dead';
      L.ccall = undefined;
      err = toLuaError(L, LuaErrorCtor.runtime('attempt to yield across a C-call boundary'));
    } else err = toLuaError(L, e);
    callHandler(L, err);
    // unwind whatever this call left above the caller's frame, and give
    // back its slots: a host that catches a million errors must find the
    // stack where it was (the collector clears the slots above the top)
    unwindTo(L, depth, err);
    L.top = savedTop;
    // back at the host with no Lua frame left: a stack overflow's reserve
    // closes here, as a pcall closes it (otherwise the next overflow would
    // be "error in error handling")
    if (depth < 0) closeStackReserve(L);
    throw err;
  } finally {
    L.nCcalls--;
    G.nny--;
    if (pushed) L.depth--;
    L.ccall = savedC;
    if (depth < 0) endHostRun(L);  // back at the host: no interrupt left pending
  }
  const results = stack.slice(slot, L.top);
  // the stack as the call found it: a plain native's window ends where it did
  // (slot may lie above it, past the calling Lua frame's registers)
  L.top = savedTop;
  return results;
}

/** The first free slot above the running frame (and above a native's arguments). */
function stackTop(L: LuaThread): number {
  const ci = L.depth >= 0 ? L.frames[L.depth] : undefined;
  let slot = L.top;
  if (ci !== undefined && ci.closure !== undefined) {
    const t = ci.base + ci.closure.proto.maxstacksize;
    if (t > slot) slot = t;
  } else if (ci !== undefined && ci.pc > slot) slot = ci.pc;
  return slot;
}

/**
 * Give the running plain native (`L.ccall`) a frame of its own while Lua
 * code runs above it (a nested call, an error handler), so the stack's
 * levels show it. Returns whether a frame was pushed; the caller pops it.
 */
function pushCFrame(L: LuaThread): boolean {
  const c = L.ccall;
  if (c === undefined) return false;
  const top = stackTop(L);
  const f = L.pushFrame();
  f.native = c;
  f.func = f.base = f.pc = top;
  f.nresults = 0;
  L.ccall = undefined;
  return true;
}


/**
 * If the protected call that will catch `err` is an xpcall, run its
 * message handler now, while the frames where the error happened are
 * still there (luaG_errormsg), and replace the error value by its result.
 */
export function callHandler(L: LuaThread, err: LuaError): void {
  if (err.handled) return;   // each error meets its handler once
  err.handled = true;
  let d = L.depth;
  while (d >= 0 && (L.frames[d].flags & FrameFlag.PROTECT) === 0) d--;
  if (d < 0) return;
  const h = L.frames[d].msgh;
  if (h === undefined) return;
  const G = L.global;
  // nested handler runs (a handler that fails calls the handler again): a few, then LUA_ERRERR
  if (G.handlerDepth >= 10) { err.value = 'error in error handling'; err.message = err.value; return; }
  const savedC = L.ccall;
  const pushed = pushCFrame(L);
  G.handlerDepth++;
  try {
    err.value = callSync(L, h, [err.value])[0];
  } catch (e) {
    // the handler failed: its own error went through the handler again (nested); keep that result
    err.value = e instanceof LuaErrorCtor ? e.value : 'error in error handling';
  } finally {
    G.handlerDepth--;
    if (pushed) L.depth--;
    L.ccall = savedC;
  }
  if (typeof err.value === 'string') err.message = err.value;
}

/** Pop frames above `depth`, closing their upvalues (error unwinding). */
export function unwindTo(L: LuaThread, depth: number, err: LuaError | undefined): void {
  const pending = detachFrames(L, depth);
  if (pending !== undefined) {
    // an error raised by a __close handler replaces the propagating one
    // (§3.3.8); callers hold `err`, so the replacement is carried in it
    const r = closeSlots(L, pending, 0, err, false);
    if (err !== undefined && r !== undefined && r !== err) {
      err.value = r.value;
      err.message = r.message;
      err.traceback = r.traceback;
    }
  }
}

/**
 * Unwind to generator frame `depth`, which catches `err` (recover in
 * execute.ts): the removed frames' to-be-closed values are handed to it,
 * and driveGenerator runs their handlers before the error reaches it.
 */
export function unwindInto(L: LuaThread, depth: number, err: LuaError): void {
  const pending = detachFrames(L, depth);
  if (pending === undefined) return;
  const ci = L.frames[depth];
  const values = pending.map((slot) => L.stack[slot]);
  // a handler's own pending variables are higher, so they close first
  if (ci.closing !== undefined) ci.closing.values.push(...values);
  else ci.closing = { values, err };
}

/**
 * Remove the frames above `depth` and close their upvalues, returning the
 * slots of their pending to-be-closed variables (or undefined if none).
 * The frames go before the `__close` handlers run, so a handler's caller
 * is the frame that catches (pcall), and no message handler of a removed
 * xpcall applies, as in luaD_closeprotected. The slots are gathered first
 * because the handlers' calls reuse the frame objects; slots of higher
 * frames are higher, so the list is ascending and closes from its end.
 */
function detachFrames(L: LuaThread, depth: number): number[] | undefined {
  if (L.depth <= depth) return undefined;
  let pending: number[] | undefined;
  for (let d = depth + 1; d <= L.depth; d++) {
    const f = L.frames[d];
    if (f.tbc.length) {
      pending ??= [];
      for (const slot of f.tbc) pending.push(slot);
      f.tbc.length = 0;
    }
    if (f.gen !== undefined) { f.gen = undefined; L.nGen--; }
  }
  const level = L.frames[depth + 1].func;
  L.depth = depth;
  L.closeUpvals(level);
  return pending;
}

/**
 * Start the `__close` handler of the innermost pending to-be-closed
 * variable at or above `level` of Lua frame `ci` (a normal exit: CLOSE, or
 * RETURN with k). A handler written in Lua runs as a frame — it may yield —
 * and the instruction runs again when it returns, to close the next one
 * (as PUC-Rio's luaV_finishOp repeats OP_CLOSE and OP_RETURN). Returns true
 * if a frame was pushed; false once every variable is closed.
 */
export function closeNextAsFrame(L: LuaThread, ci: Frame, level: number): boolean {
  const list = ci.tbc;
  const stack = L.stack;
  while (list.length > 0 && list[list.length - 1] >= level) {
    const slot = list.pop()!;
    const v = stack[slot];
    const h = metafield(L.global, v, '__close');
    // above the frame's registers and any open results
    const top = Math.max(L.top, ci.base + ci.closure!.proto.maxstacksize);
    L.ensure(top + 3);
    stack[top] = h; stack[top + 1] = v; stack[top + 2] = undefined;
    const savedTop = L.top;
    let callee: Frame | undefined;
    try {
      callee = precall(L, top, 2, 0);
    } catch (e) {
      // a native handler that yields (`__close = coroutine.yield`): when resumed, the
      // frame repeats its CLOSE or RETURN for the variables still pending
      if (e === YIELD || e instanceof Suspend) ci.pc--;
      throw e;
    }
    if (callee !== undefined) { callee.cont = Cont.DISCARD; return true; }
    L.top = savedTop;
  }
  return false;
}

/**
 * Close every pending to-be-closed variable of `L`, innermost first, as
 * closing a thread or a state does (luaD_closeprotected): an error in one
 * handler goes on to the next ones, which receive it. Returns the error
 * left at the end, if any.
 */
export function closeAllTbc(L: LuaThread, err: LuaError | undefined): LuaError | undefined {
  const pending = detachFrames(L, -1);
  return pending === undefined ? err : closeSlots(L, pending, 0, err, true);
}

/**
 * Close the slots at or above `level` of an ascending list of to-be-closed
 * slots, from its end. A handler's error replaces `err`; with no `err`, it
 * propagates at once unless `goOn` (closing a thread: the next handlers
 * still run, and receive it).
 */
function closeSlots(
  L: LuaThread, list: number[], level: number, err: LuaError | undefined, goOn: boolean,
): LuaError | undefined {
  while (list.length > 0 && list[list.length - 1] >= level) {
    const slot = list.pop()!;
    const v = L.stack[slot];
    const h = metafield(L.global, v, '__close');
    const savedTop = L.top;
    if (L.top < slot + 1) L.top = slot + 1;
    try {
      callSync(L, h, [v, err === undefined ? undefined : err.value]);
    } catch (e) {
      if (err === undefined && !goOn) throw e;
      err = toLuaError(L, e);
    }
    L.top = savedTop;
  }
  return err;
}
