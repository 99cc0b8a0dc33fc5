/**
 * # Resuming a coroutine
 *
 * Responsibility: running a suspended `LuaThread` until it yields, returns
 * or fails (`resume`), and turning how it stopped into `resume`'s results
 * (`finishResume`). Shared by the coroutine library and the host driver.
 *
 * Manual: §2.6 (coroutines), §6.2 (coroutine.resume, coroutine.wrap).
 * PUC-Rio counterpart: `ldo.c` (lua_resume, resume, resume_error,
 * precover), `lcorolib.c` (auxresume, auxwrap).
 *
 * How it works: `resume` runs the dispatch loop on the coroutine's own
 * frames (one JS call per *nested* resume, limited like LUAI_MAXCCALLS).
 * `coroutine.yield` throws the private YIELD signal, which leaves the
 * loop without unwinding; the next resume `deliver`s its arguments as the
 * results of the call that yielded. A host suspension (`Suspend`) passes
 * through, recording this level so src/api/task.ts can continue it later
 * without JS recursion.
 *
 * Invariant: a coroutine's status is 'running' exactly while its frames
 * are being executed or are suspended by the host inside a resume.
 *
 * Read next: `src/lib/coroutine.ts` (the library), `src/api/task.ts`.
 */
import type { LuaValue } from '../value/types.ts';
import type { LuaThread } from '../object/objects.ts';
import { precall, deliver, closeAllTbc, closeStackReserve, Suspend, YIELD, LUAI_MAXCCALLS } from './call.ts';
import { execute, recover } from './execute.ts';
import { toLuaError, libWhere } from './errors.ts';
import { LuaError, MEMERRMSG } from '../value/index.ts';

/** Run `co` until it finishes, fails or yields. Returns [ok, ...values]. */
export function resume(L: LuaThread, co: LuaThread, args: LuaValue[], wrap = false): LuaValue[] {
  if (co.status === 'dead') return [false, 'cannot resume dead coroutine'];
  if (co.status !== 'suspended') return [false, 'cannot resume non-suspended coroutine'];
  const G = L.global;
  // each nested resume is a level of JS recursion, counted across the state's threads
  if (G.nestedResumes >= LUAI_MAXCCALLS) return [false, 'C stack overflow'];
  G.nestedResumes++;
  L.status = 'normal';
  co.status = 'running';
  let outcome: LuaError | undefined;
  try {
    const stack = co.stack;
    if (co.body !== undefined) {
      // first resume: call the body with the arguments
      co.ensure(args.length + 2);
      stack[0] = co.body;
      co.body = undefined;
      for (let i = 0; i < args.length; i++) stack[1 + i] = args[i];
      co.top = 1 + args.length;
      outcome = runProtected(co, () => { if (precall(co, 0, args.length, -1) !== undefined) execute(co, 0); });
    } else {
      outcome = runProtected(co, () => { deliver(co, args, undefined); execute(co, 0); });
    }
  } catch (e) {
    // a host suspension (budget, Promise) leaves through every level; the driver rebuilds it
    if (e instanceof Suspend) { e.levels.push({ co, resumer: L, wrap }); throw e; }
    throw e;
  } finally {
    G.nestedResumes--;
  }
  return finishResume(L, co, outcome);
}

/**
 * The coroutine stopped (yielded, returned, or failed with `err`): settle
 * the statuses and compute what `resume` returns.
 */
export function finishResume(L: LuaThread, co: LuaThread, err: LuaError | undefined): LuaValue[] {
  L.status = 'running';
  if (err !== undefined) {
    co.status = 'dead';
    co.failure = err;   // frames and pending __close handlers kept for close/traceback
    return [false, err.value];
  }
  if (co.status === 'suspended') return [true, ...co.transfer];
  co.status = 'dead';
  return [true, ...co.stack.slice(0, co.top)];
}

/**
 * Run `body` on the coroutine; a yield leaves it suspended; an error not
 * caught inside is recovered by a pcall of the coroutine or returned.
 * A host suspension passes through untouched.
 */
export function runProtected(co: LuaThread, body: () => void): LuaError | undefined {
  for (;;) {
    try {
      body();
      return undefined;
    } catch (e) {
      if (e === YIELD) { co.status = 'suspended'; return undefined; }
      if (e instanceof Suspend) throw e;
      const err = toLuaError(co, e);
      if (!recover(co, 0, err, true)) return err;
      body = () => execute(co, 0);
    }
  }
}

/**
 * The error a wrap function raises for a failed resume (lcorolib's auxwrap):
 * the coroutine is closed first (its `__close` handlers may replace the
 * error), and a string error gets the position of the wrap function's caller
 * (not a memory error, whose message stands for its status).
 */
export function wrapError(L: LuaThread, co: LuaThread, v: LuaValue): LuaError {
  // only a coroutine that died of an error is closed (a running or normal one is not touched)
  const err = (co.failure !== undefined ? closeThread(co) : undefined) ?? new LuaError(v);
  // a memory error passes as it is (auxwrap adds no position to LUA_ERRMEM)
  if (typeof err.value === 'string' && err.value !== MEMERRMSG) {
    const ci = L.depth >= 0 ? L.frames[L.depth] : undefined;
    return new LuaError(libWhere(ci) + err.value);
  }
  return err;
}

/**
 * Close a suspended or dead coroutine (lua_closethread): run its pending
 * `__close` handlers, innermost first, on the coroutine itself (it counts as
 * running meanwhile), with the error it died of. Returns the error that
 * stands at the end (the original, or one raised by a handler), or
 * undefined for a clean close. The coroutine is dead afterwards, with no
 * frames.
 */
export function closeThread(co: LuaThread): LuaError | undefined {
  let err = co.failure;
  co.failure = undefined;
  co.ccall = undefined;   // the native that failed is no longer a level of its stack
  closeStackReserve(co);
  const G = co.global;
  if (co.depth >= 0 && G.nestedResumes >= LUAI_MAXCCALLS) {
    // a chain of closes, each from a handler of the previous (cstack.lua): a host
    // level each, limited as resumes are; the handlers cannot be called
    err = new LuaError('C stack overflow');
  } else if (co.depth >= 0) {
    const saved = co.status;
    co.status = 'running';
    G.nestedResumes++;
    try {
      err = closeAllTbc(co, err);
    } finally {
      co.status = saved;
      G.nestedResumes--;
    }
  }
  co.status = 'dead';
  co.closeUpvals(0);
  co.depth = -1;
  co.nGen = 0;   // no generator native of it waits any more
  co.top = 0;
  return err;
}

