/**
 * # Calls, errors, coroutines and chunks, for natives
 *
 * Responsibility: calling Lua values from a native (`call`, `pcall`, and
 * `protect` for generator natives), raising errors, the coroutine
 * operations (yield, resume, status, close), and loading and dumping
 * chunks.
 *
 * Manual: §4.4–4.7 (calls, errors, yields), §2.6 (coroutines), §3.3.2
 * (chunks). PUC-Rio counterpart: `lapi.c` (lua_callk, lua_pcallk,
 * lua_error, lua_load, lua_dump), `ldo.c` (lua_yieldk, lua_resume),
 * `lstate.c` (lua_closethread).
 *
 * Two ways to call Lua from a native, as in C:
 * - a plain native calls {@link call} (lua_call without a continuation):
 *   the call nests in JS, cannot yield, and counts against the C-call
 *   limit ("C stack overflow");
 * - a generator native (`nativeGen`) yields a call request
 *   `yield [f, ...args]` and receives the results (lua_callk: the rest of
 *   the generator is the continuation). The loop runs the call as an
 *   ordinary frame, so it may yield, and `try/catch` around the `yield`
 *   after {@link protect} is lua_pcallk.
 *
 * Invariant: every error leaves as a `LuaError` carrying the Lua value.
 *
 * Read next: `src/vm/call.ts` (how requests and nested calls run),
 * `src/lib/base.ts` (pcall, xpcall, load), `src/lib/coroutine.ts`.
 */
import { LuaNative, LuaClosure, FrameFlag, type LuaThread } from '../object/objects.ts';
import { callHandler, callSync, YIELD } from '../vm/call.ts';
import { metafield, objTypeName } from '../vm/meta.ts';
import { resume as vmResume, wrapError as vmWrapError, closeThread } from '../vm/resume.ts';
import { LuaError, type Value } from '../value/index.ts';
import { dumpToString } from '../bytecode/dump.ts';
import { LoadError } from './load.ts';
import { loadChunk } from './state.ts';
import { handlerFrame } from './traced.ts';

// ---------------------------------------------------------------------------
// Calls and errors
// ---------------------------------------------------------------------------

/**
 * `lua_call` from a plain native: `f(...args)`, all results. A value that
 * is neither a function nor has `__call` raises "attempt to call a X
 * value"; errors of the callee pass through.
 */
export function call(L: LuaThread, f: Value, args: Value[]): Value[] {
  if (!callable(L, f)) throw new LuaError(`attempt to call a ${objTypeName(f)} value`);
  return callSync(L, f, args);
}

/** A function, or a value with `__call`. */
function callable(L: LuaThread, f: Value): boolean {
  return f instanceof LuaClosure || f instanceof LuaNative || metafield(L.global, f, '__call') !== undefined;
}

/**
 * `lua_pcall(L, nargs, LUA_MULTRET, msgh)` from a plain native: `f(...args)`
 * in protected mode. Returns `[true, ...results]`, or `[false, error
 * value]` if the call raised an error.
 *
 * @param msgh - The message handler, as xpcall's: it runs on the error
 *   value where the error happened, before the stack unwinds (so it can
 *   take a traceback), and what it returns becomes the error value; an
 *   error inside it gives "error in error handling". Without one, no
 *   handler runs, not even the one of an enclosing xpcall.
 *   `pcallh` (capi.ts) gives the same call's status code (LUA_ERRRUN, ...).
 */
export function pcall(L: LuaThread, f: Value, args: Value[], msgh?: Value): Value[] {
  // the running frame stands for this protected call while it lasts, so
  // that its own handler (or none), not an enclosing xpcall's, sees errors
  const ci = L.depth >= 0 ? L.frames[L.depth] : undefined;
  if (ci === undefined && msgh !== undefined) {
    // called by the host, no frame is running to carry the handler: a
    // native frame of its own does (as lua.c's docall has one)
    return pcall(L, handlerFrame(f, args, msgh), []);
  }
  const flags = ci?.flags ?? 0, saved = ci?.msgh;
  if (ci !== undefined) { ci.flags |= FrameFlag.PROTECT; ci.msgh = msgh; }
  try {
    const r = call(L, f, args);
    r.unshift(true);
    return r;
  } catch (e) {
    if (e instanceof LuaError) {
      // an error of the call itself ("attempt to call a nil value") meets the
      // handler too; one raised inside it has met it already
      callHandler(L, e);
      return [false, e.value];
    }
    throw e;
  } finally {
    if (ci !== undefined) { ci.flags = flags; ci.msgh = saved; }
  }
}

/**
 * Make the running generator native a protected call (what lua_pcallk
 * sets up): an error raised by a call it yields unwinds no further than
 * it and is thrown into the generator at its `yield`; `msgh` (xpcall's
 * handler), if given, runs first, where the error happened.
 */
export function protect(L: LuaThread, msgh?: Value): void {
  const ci = L.frames[L.depth];
  ci.flags |= FrameFlag.PROTECT;
  ci.msgh = msgh;
}

/** `lua_error`: raise `v` as it is (any value; no position is added). */
export function error(L: LuaThread, v: Value): never {
  void L;
  throw new LuaError(v);
}

/**
 * An error raised and caught inside the running native, as `lua_load`
 * catches its reader's `luaL_error`: the value the catcher receives. The
 * error is raised in a protected call of its own, which keeps the running
 * message handler (an xpcall's, or the standalone interpreter's traceback),
 * so that handler sees it first, where it happened (luaG_errormsg).
 */
export function caughtError(L: LuaThread, v: Value): Value {
  const err = new LuaError(v);
  callHandler(L, err);
  return err.value;
}

// ---------------------------------------------------------------------------
// Coroutines
// ---------------------------------------------------------------------------

/**
 * `lua_yield` from a plain native: suspend the running coroutine, handing
 * `values` to its resumer; the native's call then returns the values of
 * the next resume. Raises "attempt to yield from outside a coroutine", or
 * "attempt to yield across a C-call boundary" inside a nested call.
 */
export function yieldValues(L: LuaThread, values: Value[]): never {
  if (L === L.global.mainThread) throw new LuaError('attempt to yield from outside a coroutine');
  if (L.nCcalls > 0) throw new LuaError('attempt to yield across a C-call boundary');
  L.transfer = values;
  throw YIELD;   // a signal the loop lets through, leaving the frames as they are
}

/**
 * `lua_resume` as coroutine.resume uses it: run `co` with `args` until it
 * yields, returns or fails; `[true, ...values]` or `[false, error value]`.
 * With `wrap` (coroutine.wrap) the same shape, for {@link wrapError}.
 */
export function resume(L: LuaThread, co: LuaThread, args: Value[], wrap = false): Value[] {
  return vmResume(L, co, args, wrap);
}

/**
 * The error a `coroutine.wrap` function raises when its coroutine failed
 * (lcorolib's auxwrap): the coroutine is closed first, and a string error
 * gets the position of the caller.
 */
export function wrapError(L: LuaThread, co: LuaThread, v: Value): LuaError {
  return vmWrapError(L, co, v);
}

/** `lua_status` as coroutine.status shows it, seen from the running thread `L`. */
export function costatus(L: LuaThread, co: LuaThread): string {
  return co === L ? 'running' : co.status;
}

/** `lua_isyieldable`: may `co` yield now (not the main thread, not inside a nested call)? */
export function isyieldable(L: LuaThread, co: LuaThread): boolean {
  return co !== L.global.mainThread && co.nCcalls === 0;
}

/** Is `co` the main thread of its state? (`lua_pushthread`'s result) */
export function ismainthread(co: LuaThread): boolean {
  return co === co.global.mainThread;
}

/**
 * `lua_closethread`: run the pending `__close` handlers of a suspended or
 * dead coroutine and kill it; returns the error it stands with at the end
 * (undefined for a clean close).
 */
export function closethread(L: LuaThread, co: LuaThread): LuaError | undefined {
  void L;
  return closeThread(co);
}

// ---------------------------------------------------------------------------
// Chunks
// ---------------------------------------------------------------------------

/**
 * `lua_load`: compile `chunk` (a byte string, source or binary) named
 * `chunkname`, with `mode` "b", "t" or "bt"; its first upvalue (`_ENV`) is
 * `env` when given — even nil, as load(s, name, mode, nil) sets it — and
 * the global table otherwise. Returns the function, or the error message
 * as a string when the chunk does not load (load's second result).
 */
export function load(L: LuaThread, chunk: string, chunkname: string, mode = 'bt', ...env: [Value?]): LuaClosure | string {
  try {
    // a rest parameter, not a default: a default would replace an explicit nil (undefined)
    // the calls in progress (pcall, ...) count against the parser's C-stack limit, as nCcalls does in lua
    return loadChunk(L.global, chunk, chunkname, mode, env.length > 0 ? env[0] : L.global.globals, L.nCcalls + L.nGen);
  } catch (e) {
    if (!(e instanceof LoadError)) throw e;
    if (!e.runtime) return e.message;
    // a message handler's result replaces the message; load's second result is
    // a string here, so a handler that returns another value leaves the message
    const handled = caughtError(L, e.message);
    return typeof handled === 'string' ? handled : e.message;
  }
}

/**
 * `lua_dump`: the binary chunk of a Lua function (string.dump), stripped
 * of debug information with `strip`; undefined for a native function.
 */
export function dump(f: Value, strip = false): string | undefined {
  return f instanceof LuaClosure ? dumpToString(f.proto, strip) : undefined;
}
