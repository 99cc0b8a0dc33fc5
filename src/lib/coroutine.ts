/**
 * # The coroutine library
 *
 * Responsibility: the `coroutine` table (create, resume, yield, status,
 * wrap, running, isyieldable, close) on top of `resume.ts`.
 *
 * Manual: §2.6 (coroutines), §6.2 (the coroutine library).
 * PUC-Rio counterpart: `lcorolib.c`, with `ldo.c` lua_yield.
 *
 * How yield works: `coroutine.yield` hands its values to the api's
 * `yieldValues` (lua_yield), which leaves the dispatch loop with the
 * coroutine's frames intact; the next resume delivers its arguments as
 * the results of that call (src/vm/resume.ts). Yield therefore works
 * across pcall, metamethods and iterators.
 *
 * Invariant: yield is refused ("attempt to yield across a C-call
 * boundary") when the coroutine is inside a synchronous nested call,
 * since that JS frame cannot be suspended.
 *
 * Read next: src/api/calls.ts (resume, yieldValues, closethread),
 * src/vm/resume.ts.
 */
import type { LuaState } from '../api/state.ts';
import {
  isfunction, isthread, newthread, cclosure, resume, yieldValues, wrapError, costatus, isyieldable,
  ismainthread, closethread, type LuaThread,
} from '../api/lua.ts';
import { arg, luaError, typeArgError, newlib } from '../api/auxlib.ts';
import type { LuaTable } from '../value/index.ts';

function checkCo(L: LuaThread, base: number, nargs: number, n: number): LuaThread {
  const co = arg(L, base, nargs, n);
  if (!isthread(co)) typeArgError(L, base, nargs, n, 'thread');
  return co;
}

/** The function argument of create and wrap, as a new suspended coroutine. */
function newCoroutine(L: LuaThread, base: number, nargs: number): LuaThread {
  const f = arg(L, base, nargs, 1);
  if (!isfunction(f)) typeArgError(L, base, nargs, 1, 'function');
  return newthread(L, f);
}

function create(L: LuaThread, base: number, nargs: number): number {
  L.push(newCoroutine(L, base, nargs));
  return 1;
}

function resumeFn(L: LuaThread, base: number, nargs: number): number {
  const co = checkCo(L, base, nargs, 1);
  const r = resume(L, co, L.stack.slice(base + 1, base + nargs));
  for (const v of r) L.push(v);
  return r.length;
}

function yieldFn(L: LuaThread, base: number, nargs: number): number {
  yieldValues(L, L.stack.slice(base, base + nargs));
}

function status(L: LuaThread, base: number, nargs: number): number {
  L.push(costatus(L, checkCo(L, base, nargs, 1)));
  return 1;
}

function running(L: LuaThread): number {
  L.push(L);
  L.push(ismainthread(L));
  return 2;
}

function isyieldableFn(L: LuaThread, base: number, nargs: number): number {
  L.push(isyieldable(L, nargs >= 1 ? checkCo(L, base, nargs, 1) : L));
  return 1;
}

function wrap(L: LuaThread, base: number, nargs: number): number {
  const co = newCoroutine(L, base, nargs);
  // the thread is also an upvalue of the native, where the collector sees it
  L.push(cclosure(L, 'wrap', (L2, b2, n2) => {
    const r = resume(L2, co, L2.stack.slice(b2, b2 + n2), true);
    if (r[0] !== true) throw wrapError(L2, co, r[1]);
    for (let i = 1; i < r.length; i++) L2.push(r[i]);
    return r.length - 1;
  }, [co]));
  return 1;
}

function close(L: LuaThread, base: number, nargs: number): number {
  const co = checkCo(L, base, nargs, 1);
  if (co.status !== 'suspended' && co.status !== 'dead') {
    luaError(L, `cannot close a ${co === L ? 'running' : co.status} coroutine`);
  }
  const err = closethread(L, co);
  if (err !== undefined) { L.push(false); L.push(err.value); return 2; }
  L.push(true);
  return 1;
}

/** Install the coroutine library. */
export function openCoroutine(state: LuaState): LuaTable {
  return newlib(state.L, {
    create, resume: resumeFn, yield: yieldFn, status, running, isyieldable: isyieldableFn, wrap, close,
  });
}
