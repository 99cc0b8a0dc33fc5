/**
 * # `T.testC`, `T.makeCfunc` and the C closures of the interpreter
 *
 * Responsibility: the natives that run a script of the `T.testC`
 * language (`testc.ts`): `T.testC` on the caller's window, on another
 * thread or on another state's main thread; `T.makeCfunc`, a C closure
 * whose upvalues are its arguments; and the closures the `pushcclosure`
 * instruction makes. They are generator natives, so that the calls a
 * script makes may yield and continuations run (lua_callk).
 *
 * Manual: §4.4 (C functions), §4.5 (continuations). PUC-Rio counterpart:
 * `ltests.c` (testC, Cfunc, makeCfunc).
 *
 * Invariant: a script on the caller's own thread runs in the generator
 * driver (`runCGen`); one on another thread or state runs in the
 * plain one (`runC`), whose requests are made at once.
 *
 * Read next: `src/lib/testc.ts`, `src/lib/testc-calls.ts`.
 */
import {
  tostring, typeName, isthread, isuserdata, cclosure, type LuaThread, type Value, type CallRequest,
} from '../api/lua.ts';
import { argError } from '../api/auxlib.ts';
import { runC, runCGen, newFrame } from './testc.ts';

/**
 * `T.testC(script, ...)`, `T.testC(thread, script)`, `T.testC(state,
 * script)`: run `script` on the caller's window (the script itself is
 * value 1 of it), on another thread's stack, or on the main thread of a
 * state made by `T.newstate`. A generator native, so that its calls may
 * yield (lua_callk); scripts on another thread run as a plain native would.
 */
export function* testC(L: LuaThread, base: number, nargs: number): Generator<CallRequest, Value[], Value[]> {
  L.top = base + nargs;
  const first = nargs >= 1 ? L.stack[base] : undefined;
  let L1: LuaThread | undefined;
  if (isthread(first)) L1 = first;
  else if (isuserdata(first)) {
    const host = first.data as { L?: LuaThread } | undefined;
    if (host?.L === undefined) argError(L, 1, 'state expected');
    L1 = host.L;
  }
  if (L1 === undefined) {
    const f = newFrame(L, L, base, checkScriptArg(L, base, nargs, 1));
    f.gen = true;
    return resultsOf(L, yield* runCGen(f));
  }
  const script = checkScriptArg(L, base, nargs, 2);
  // an idle thread's window is its whole stack; a suspended coroutine's starts at its top
  return resultsOf(L, runC(newFrame(L, L1, L1.depth < 0 ? 0 : L1.top, script)));
}

/** The top `n` values of `L`'s stack, a generator native's results. */
function resultsOf(L: LuaThread, n: number): Value[] {
  return L.stack.slice(L.top - n, L.top);
}

/**
 * A C closure running `script` (or, without one, its first argument as
 * T.testC does) with `upvalues` as its upvalues (`U n`): what
 * T.makeCfunc and the `pushcclosure` instruction make.
 */
export function testCClosure(L: LuaThread, name: string, script: string | undefined, upvalues: Value[]): Value {
  return cclosure(L, name, function* (L2: LuaThread, base: number, nargs: number): Generator<CallRequest, Value[], Value[]> {
    L2.top = base + nargs;
    const f = newFrame(L2, L2, base, script ?? checkScriptArg(L2, base, nargs, 1), upvalues);
    f.gen = true;
    return resultsOf(L2, yield* runCGen(f));
  }, upvalues);
}

function checkScriptArg(L: LuaThread, base: number, nargs: number, n: number): string {
  const s = n <= nargs ? tostring(L.stack[base + n - 1]) : undefined;
  if (s === undefined) argError(L, n, `string expected, got ${n <= nargs ? typeName(L.stack[base + n - 1]) : 'no value'}`);
  return s;
}

/** `T.makeCfunc(script, ...)`: a C closure whose upvalues are the arguments; calling it runs upvalue 1. */
export function makeCfunc(L: LuaThread, base: number, nargs: number): number {
  const script = checkScriptArg(L, base, nargs, 1);
  L.push(testCClosure(L, 'Cfunc', script, L.stack.slice(base, base + nargs)));
  return 1;
}
