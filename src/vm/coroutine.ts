/**
 * # Coroutines
 *
 * Responsibility: resuming and suspending Lua threads, and the `coroutine`
 * library built on it (create, resume, yield, status, wrap, running,
 * isyieldable, close).
 *
 * Manual: §2.6 (coroutines), §6.2 (the coroutine library).
 * PUC-Rio counterpart: `ldo.c` (lua_resume, lua_yieldk, resume_error),
 * `lcorolib.c`.
 *
 * How it works: a coroutine is a `LuaThread` with its own register file and
 * frames. `resume` runs the dispatch loop on that thread until its body
 * returns, fails, or calls `yield`. `yield` throws the private YIELD signal,
 * which the loop lets through without unwinding anything: the thread's
 * frames stay exactly as they were, with the pc after the CALL of yield
 * saved. The next `resume` places its arguments where that CALL expects
 * its results (`cfunc`/`cnresults`, or into the generator native that
 * requested the yield, e.g. a pcall) and runs the loop again. Lua frames
 * of the coroutine never grow the JS stack; each level of *nested* resume
 * is one JS call, limited like LUAI_MAXCCALLS ("C stack overflow").
 *
 * Invariant: yield is refused ("attempt to yield across a C-call
 * boundary") when the coroutine is inside a synchronous nested call
 * (`L.nCcalls > 0`), since that JS frame cannot be suspended.
 *
 * Read next: `execute.ts` (recover), `call.ts` (driveGenerator).
 */
import { LuaThread, LuaClosure, LuaNative } from './objects.ts';
import { YIELD } from './call.ts';
import { resume, wrapError } from './resume.ts';
import { addLibrary, native, type LuaState } from './state.ts';
import { arg, argError, luaError, typeArgError } from './args.ts';
import { LuaTable } from './values.ts';

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
  L.push(native('wrap', (L2, b2, n2) => {
    const r = resume(L2, co, L2.stack.slice(b2, b2 + n2), true);
    if (r[0] !== true) throw wrapError(r[1]);
    for (let i = 1; i < r.length; i++) L2.push(r[i]);
    return r.length - 1;
  }));
  return 1;
}

function close(L: LuaThread, base: number, nargs: number): number {
  const co = checkCo(L, base, nargs, 1);
  if (co.status !== 'suspended' && co.status !== 'dead') {
    argError(L, 1, `cannot close a ${co === L ? 'running' : co.status} coroutine`);
  }
  co.status = 'dead';
  co.closeUpvals(0);
  co.depth = -1;
  L.push(true);
  return 1;
}

/** Install the coroutine library. */
export function openCoroutine(state: LuaState): void {
  const t = new LuaTable();
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
