/**
 * # The rest of lua.h: pseudo-indices, status codes, lua_pcall with a
 * # handler, lua_xmove, light userdata, lua_tocfunction, closing
 *
 * Responsibility: the lua.h entries that only code written like C needs
 * (the `T.testC` interpreter of `src/lib/testc.ts`, which drives PUC-Rio's
 * api.lua): the pseudo-indices of the registry and of C upvalues, the
 * status codes lua_pcall and lua_resume return, lua_pcall's status for a
 * protected call (the call itself, message handler included, is
 * `calls.ts`'s `pcall`), moving values between threads
 * (lua_xmove), light userdata that compare by their pointer value
 * (lua_pushlightuserdata), the C function of a native
 * (lua_tocfunction), and closing the to-be-closed values a C function
 * marked (lua_toclose, lua_closeslot).
 *
 * Manual: §4.1.2 (valid indices, pseudo-indices), §4.4.1 (status codes),
 * §4.6 (lua_pcall, lua_xmove, lua_pushlightuserdata, lua_tocfunction).
 * PUC-Rio counterpart: `lua.h` (LUA_REGISTRYINDEX, lua_upvalueindex,
 * LUA_OK..LUA_ERRERR), `lapi.c` (lua_pcallk, lua_xmove,
 * lua_pushlightuserdata, lua_tocfunction).
 *
 * Invariant: one function per lua.h entry, each a thin layer over what
 * `lua.ts` and `calls.ts` already do; nothing here keeps state outside the
 * Lua state (light userdata are interned in the state's registry).
 *
 * Read next: `lua.ts` (the stack window), `calls.ts` (call, pcall),
 * `src/lib/testc.ts` (the code that uses these).
 */
import { LuaNative, FrameFlag, type LuaThread } from '../object/objects.ts';
import { LuaUserdata } from '../object/userdata.ts';
import { LUAI_MAXSTACK } from '../object/objects.ts';
import { LuaError, MEMERRMSG, type Value } from '../value/index.ts';
import { call, pcall } from './calls.ts';
import { metafield } from '../vm/meta.ts';

/** `LUA_REGISTRYINDEX`: the pseudo-index of the registry (below every valid stack index). */
export const REGISTRYINDEX = -LUAI_MAXSTACK - 1000;

/** `lua_upvalueindex(i)`: the pseudo-index of upvalue `i` of the running C closure. */
export function upvalueindex(i: number): number {
  return REGISTRYINDEX - i;
}

/** The status codes of lua.h, in their order (LUA_OK = 0 ... LUA_ERRERR = 5). */
export const enum Status {
  /** LUA_OK: the call finished normally. */
  OK = 0,
  /** LUA_YIELD: the coroutine is suspended in a yield. */
  YIELD = 1,
  /** LUA_ERRRUN: a runtime error (any error value but the two below). */
  ERRRUN = 2,
  /** LUA_ERRSYNTAX: a chunk did not compile. */
  ERRSYNTAX = 3,
  /** LUA_ERRMEM: "not enough memory"; no message handler runs for it. */
  ERRMEM = 4,
  /** LUA_ERRERR: the message handler itself failed. */
  ERRERR = 5,
}

/** What {@link pcallh} gives back. */
export interface PcallResult {
  /** How the call ended: {@link Status.OK} or an error status. */
  status: Status;
  /** The call's results on success, or the single error value. */
  values: Value[];
}

/**
 * The status a caught error stands for: "not enough memory" is LUA_ERRMEM,
 * "error in error handling" (which no handler saw) LUA_ERRERR, any other
 * error LUA_ERRRUN.
 */
export function errorStatus(e: LuaError): Status {
  return valueStatus(e.value);
}

/** {@link errorStatus} of an error value (the one a protected call caught). */
function valueStatus(v: Value): Status {
  if (v === MEMERRMSG) return Status.ERRMEM;
  if (v === 'error in error handling') return Status.ERRERR;
  return Status.ERRRUN;
}

/**
 * `lua_pcall(L, nargs, nresults, msgh)` with its status code: the call
 * {@link pcall} makes (with message handler `msgh`, or none if it is
 * undefined), its outcome given as a status and the results (or the
 * single error value) instead of a leading boolean.
 */
export function pcallh(L: LuaThread, f: Value, args: Value[], msgh: Value): PcallResult {
  const r = pcall(L, f, args, msgh);
  if (r[0] === true) return { status: Status.OK, values: r.slice(1) };
  return { status: valueStatus(r[1]), values: [r[1]] };
}

/**
 * `lua_xmove(from, to, n)`: pop `n` values from the top of `from`'s stack
 * and push them, in order, onto `to`'s. Both threads belong to one state.
 */
export function xmove(from: LuaThread, to: LuaThread, n: number): void {
  if (from === to || n <= 0) return;
  const start = from.top - n;
  for (let i = start; i < from.top; i++) { to.push(from.stack[i]); from.stack[i] = undefined; }
  from.top = start;
}

/**
 * `lua_pushlightuserdata(L, p)` (without the push): the light userdata of
 * pointer value `p`. Two light userdata of the same pointer are the same
 * Lua value, as in C, so they are interned per state, in a weak-free map
 * kept in the registry (pointers are plain numbers: nothing to collect).
 */
export function lightuserdata(L: LuaThread, p: unknown): LuaUserdata {
  const G = L.global;
  let box = G.registry.get('_LIGHTUSERDATA') as LuaUserdata | undefined;
  if (box === undefined) {
    box = LuaUserdata.light(G.heap, new Map<unknown, LuaUserdata>());
    G.registry.set('_LIGHTUSERDATA', box);
  }
  const map = box.data as Map<unknown, LuaUserdata>;
  let u = map.get(p);
  if (u === undefined) { u = LuaUserdata.light(G.heap, p); map.set(p, u); }
  return u;
}

/**
 * `lua_tocfunction`: the C function of a native — the native itself when
 * it holds no upvalues (a light C function, so `tocfunction(f) == f`),
 * else a new light native running the same JS function — or undefined
 * for any other value.
 */
export function tocfunction(v: Value): LuaNative | undefined {
  if (!(v instanceof LuaNative)) return undefined;
  if (v.upvalues.length === 0) return v;
  return new LuaNative(v.name, v.fn, v.isGenerator);
}

/**
 * Close to-be-closed values as a C function's return or error does
 * (lua_toclose's promise): call each value's `__close(v, err)` in the
 * order given (the last marked first), a nil or false value being
 * skipped. `e` is what ended the function (undefined: a normal return).
 * Returns the error to go on with: `e` (or the error of a `__close` that
 * failed, which replaces it), undefined after a normal return where every
 * handler succeeded. A signal (a yield) is not an error: returned as is,
 * nothing closed.
 */
export function closeToBeClosed(L: LuaThread, values: Value[], e: unknown): unknown {
  if (e !== undefined && !(e instanceof LuaError)) return e;
  let err = e as LuaError | undefined;
  for (const v of values) {
    if (v === undefined || v === false) continue;
    const h = metafield(L.global, v, '__close');
    try {
      call(L, h, [v, err?.value]);
    } catch (x) {
      if (!(x instanceof LuaError)) throw x;
      err = x;
    }
  }
  return err;
}

/**
 * For a generator native about to yield a call request (lua_callk from C):
 * its frame's top becomes `L.top`, so the call is placed above the values
 * the native keeps on its stack window instead of over them.
 */
export function marknativetop(L: LuaThread): void {
  const ci = L.frames[L.depth];
  if (ci !== undefined && ci.native !== undefined && ci.gen !== undefined) ci.pc = L.top;
}

/**
 * Make the running generator native a protected call for the requests it
 * yields (lua_pcallk), with message handler `msgh`, or (`on` false) an
 * unprotected one again (lua_callk): an error of a request is thrown into
 * the generator either way; protection decides whose message handler
 * sees it first.
 */
export function protectnative(L: LuaThread, on: boolean, msgh?: Value): void {
  const ci = L.frames[L.depth];
  if (on) { ci.flags |= FrameFlag.PROTECT; ci.msgh = msgh; } else { ci.flags &= ~FrameFlag.PROTECT; ci.msgh = undefined; }
}

/**
 * An identity of `L`'s last yield (the array of values it yielded): it
 * changes at every yield, so a native that compares it before and after
 * a call it made knows whether the call yielded in between (what decides,
 * in C, whether lua_callk's continuation runs).
 */
export function lastyield(L: LuaThread): unknown {
  return L.transfer;
}

/**
 * Is `co` free to start a function (lua_resume with a function pushed
 * below the arguments)? A new thread is, and so is one whose last function
 * returned normally (PUC-Rio lets a thread in status LUA_OK be reused); one
 * that yielded, is running, or died of an error is not.
 */
export function canstart(co: LuaThread): boolean {
  return co.depth < 0 && co.body === undefined && (co.status === 'suspended' || (co.status === 'dead' && co.failure === undefined));
}

/** Make `body` the function `co` starts at its next resume (see {@link canstart}). */
export function startwith(co: LuaThread, body: Value): void {
  co.status = 'suspended';
  co.body = body;
}
