/**
 * # The coroutine library
 *
 * Responsibility: the `coroutine` table (create, resume, yield, status,
 * wrap, running, isyieldable, close) on top of `resume.ts`.
 *
 * Manual: §2.6 (coroutines), §6.2 (the coroutine library).
 * PUC-Rio counterpart: `lcorolib.c`, with `ldo.c` lua_yield.
 *
 * How yield works: `coroutine.yield` stores its values in `transfer` and
 * throws the private YIELD signal; the dispatch loop lets it through
 * without unwinding, so the coroutine's frames stay as they were, and the
 * next resume delivers its arguments as the results of that call (see
 * `resume.ts`). Yield therefore works across pcall, metamethods and
 * iterators.
 *
 * Invariant: yield is refused ("attempt to yield across a C-call
 * boundary") when the coroutine is inside a synchronous nested call
 * (`L.nCcalls > 0`), since that JS frame cannot be suspended.
 *
 * Read next: `resume.ts`, `host.ts` (host suspensions use the same path).
 */
import { LuaThread, LuaClosure, LuaNative } from '../object/objects.ts';
import { YIELD } from '../vm/call.ts';
import { resume, wrapError, closeThread } from '../vm/resume.ts';
import { addLibrary, native, type LuaState } from '../api/state.ts';
import { arg, luaError, typeArgError } from '../api/auxlib.ts';
import { LuaTable } from '../value/index.ts';

function checkCo(L: LuaThread, base: number, nargs: number, n: number): LuaThread {
  const co = arg(L, base, nargs, n);
  if (!(co instanceof LuaThread)) typeArgError(L, base, nargs, n, 'coroutine');
  return co;
}

function create(L: LuaThread, base: number, nargs: number): number {
  const f = arg(L, base, nargs, 1);
  if (!(f instanceof LuaClosure || f instanceof LuaNative)) typeArgError(L, base, nargs, 1, 'function');
  const co = new LuaThread(L.global);
  co.status = 'suspended';
  co.body = f;
  L.push(co);
  return 1;
}

function resumeFn(L: LuaThread, base: number, nargs: number): number {
  const co = checkCo(L, base, nargs, 1);
  const r = resume(L, co, L.stack.slice(base + 1, base + nargs));
  for (const v of r) L.push(v);
  return r.length;
}

function yieldFn(L: LuaThread, base: number, nargs: number): number {
  if (L === L.global.mainThread) luaError(L, 'attempt to yield from outside a coroutine');
  if (L.nCcalls > 0) luaError(L, 'attempt to yield across a C-call boundary');
  L.transfer = L.stack.slice(base, base + nargs);
  throw YIELD;
}

function status(L: LuaThread, base: number, nargs: number): number {
  const co = checkCo(L, base, nargs, 1);
  L.push(co === L ? 'running' : co.status);
  return 1;
}

function running(L: LuaThread): number {
  L.push(L);
  L.push(L === L.global.mainThread);
  return 2;
}

function isyieldable(L: LuaThread, base: number, nargs: number): number {
  const co = nargs >= 1 ? checkCo(L, base, nargs, 1) : L;
  L.push(co !== L.global.mainThread && co.nCcalls === 0);
  return 1;
}

function wrap(L: LuaThread, base: number, nargs: number): number {
  create(L, base, nargs);
  const co = L.stack[L.top - 1] as LuaThread;
  L.top--;
  // the thread is also an upvalue of the native, where the collector sees it
  L.push(new LuaNative('wrap', (L2, b2, n2) => {
    const r = resume(L2, co, L2.stack.slice(b2, b2 + n2), true);
    if (r[0] !== true) throw wrapError(L2, co, r[1]);
    for (let i = 1; i < r.length; i++) L2.push(r[i]);
    return r.length - 1;
  }, false, [co], L.global.heap));
  return 1;
}

function close(L: LuaThread, base: number, nargs: number): number {
  const co = checkCo(L, base, nargs, 1);
  if (co.status !== 'suspended' && co.status !== 'dead') {
    luaError(L, `cannot close a ${co === L ? 'running' : co.status} coroutine`);
  }
  const err = closeThread(co);
  if (err !== undefined) { L.push(false); L.push(err.value); return 2; }
  L.push(true);
  return 1;
}

/** Install the coroutine library. */
export function openCoroutine(state: LuaState): void {
  const t = new LuaTable(state.global.heap);
  const put = (name: string, fn: (L: LuaThread, base: number, nargs: number) => number) =>
    t.set(name, native(name, fn));
  put('create', create);
  put('resume', resumeFn);
  put('yield', yieldFn);
  put('status', status);
  put('running', running);
  put('isyieldable', isyieldable);
  put('wrap', wrap);
  put('close', close);
  state.globals.set('coroutine', t);
}

addLibrary(openCoroutine);
