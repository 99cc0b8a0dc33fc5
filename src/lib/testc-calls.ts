/**
 * # The instructions of `T.testC`: calls, errors, coroutines, closing
 *
 * Responsibility: the instructions that leave the straight line of a
 * script — calling (call, pcall, callk, pcallk), loading (loadstring),
 * raising (error, throw), returning, yielding and resuming, thread
 * status, hooks, C closures of the interpreter itself (pushcclosure), and
 * to-be-closed slots (toclose, closeslot).
 *
 * Manual: §4.4–4.7 (calls, errors, yields), §3.3.8 (to-be-closed
 * variables; lua_toclose, lua_closeslot). PUC-Rio counterpart: the
 * corresponding instructions of `ltests.c`'s runC.
 *
 * How calls and continuations work: an instruction that calls or yields
 * is a generator (`Step`, testc.ts) that yields a call request. Inside
 * `T.testC` (a generator native) the request is the native's own call,
 * so the callee may yield the coroutine; when the call comes back after
 * a yield, `callk`, `pcallk` and `yieldk` replace the rest of the script
 * by their continuation script (PUC-Rio's Cfunck, with the globals
 * `status` and `ctx` set), as lua_callk's continuation replaces the rest
 * of a C function. A script on another thread, a hook or a panic runs
 * in a plain native: its requests are made at once (lua_call, lua_pcall)
 * and `yield` is lua_yield without a continuation.

 * Invariant: the results of a call are left on the window as lua_call
 * leaves them (adjusted to `nres`, all with -1); the status of the last
 * pcall or resume is kept for `pushstatus`.
 *
 * Read next: `src/lib/testc-commands.ts`, `src/api/capi.ts`.
 */
import {
  call, load, error, resume, settop, isyieldable, isthread, cclosure, newthread, setglobal, tostring,
  errorStatus, lastyield, protectnative, canstart, startwith, LuaError, Status, type LuaThread, type Value, type CallRequest,
} from '../api/lua.ts';
import { traceback, setHook, MASKCALL, MASKRET, MASKLINE, MASKCOUNT } from '../api/debug.ts';
import { luaError, getmetafield } from '../api/auxlib.ts';
import { platformOf } from '../api/platform.ts';
import { cannotOpen } from './errno.ts';
import {
  type CFrame, type Step, Script, num, word, index, get, put, popValues, pushResults, checkString, gettop,
  returnAcross, runC, newFrame, YIELD_REQUEST, STATUS_NAMES,
} from './testc.ts';
import { testCClosure } from './testc-entry.ts';
import type { Command } from './testc-commands.ts';

/** Pop the function and its `narg` arguments of a call, as a call request. */
function request(f: CFrame, narg: number): CallRequest {
  return popValues(f, narg + 1) as CallRequest;
}

/**
 * `call`/`callk`: lua_call(k). With a continuation (`ctx`, the index of
 * its script), a call that yielded goes on, once it returns, with that
 * script instead of the rest of this one (lua_callk's continuation).
 */
function* doCall(f: CFrame, narg: number, nres: number, ctx?: number): Step {
  const before = lastyield(f.L1);
  const results = yield request(f, narg);
  pushResults(f, results, nres);
  if (ctx !== undefined && lastyield(f.L1) !== before) continuation(f, Status.YIELD, ctx);
  return undefined;
}

/** `pcall`/`pcallk`: lua_pcall(k) with message handler `msgh`; the status is kept for `pushstatus`. */
function* doPcall(f: CFrame, narg: number, nres: number, msgh: Value, ctx?: number): Step {
  const before = lastyield(f.L1);
  const req = request(f, narg);
  f.protect = { msgh };
  if (f.gen) protectnative(f.L1, true, msgh);
  let status = Status.OK, values: Value[];
  try {
    values = yield req;
  } catch (e) {
    if (!(e instanceof LuaError)) throw e;
    status = errorStatus(e);
    values = [e.value];
  } finally {
    f.protect = undefined;
    if (f.gen) protectnative(f.L1, false);
  }
  f.status = status;
  if (status === Status.OK) pushResults(f, values, nres); else f.L1.push(values[0]);
  if (ctx === undefined) return undefined;
  // where it may yield, lua_pcallk goes on in the continuation after a yield, and
  // after any error (the error is recovered there); elsewhere it is lua_pcall
  if (status !== Status.OK && f.gen === true && isyieldable(f.L1, f.L1)) continuation(f, status, ctx);
  else if (lastyield(f.L1) !== before) continuation(f, status === Status.OK ? Status.YIELD : status, ctx);
  return undefined;
}

/** `yield n`/`yieldk n ctx`: yield the top n values; the values of the next resume are the native's results, or go to the continuation. */
function* doYield(f: CFrame, n: number, ctx?: number): Step {
  const resumed = yield [YIELD_REQUEST, ...popValues(f, n)];
  for (const v of resumed) f.L1.push(v);
  if (ctx === undefined) return resumed.length;
  continuation(f, Status.YIELD, ctx);
  return undefined;
}

/**
 * A continuation (PUC-Rio's Cfunck): set the globals `status` and `ctx`,
 * then go on with the script found at stack index `ctx`, in place of
 * what was left of this one.
 */
function continuation(f: CFrame, status: Status, ctx: number): void {
  setglobal(f.L1, 'status', STATUS_NAMES[status]);
  setglobal(f.L1, 'ctx', ctx);
  f.script = new Script(tostring(get(f, ctx)) ?? '');
}

/** `lua_status` of the script's thread, as `threadstatus` names it. */
function threadStatus(f: CFrame): Status {
  if (f.panicStatus !== undefined) return f.panicStatus;
  const co = f.L1;
  return co.status === 'suspended' && co.depth >= 0 ? Status.YIELD : Status.OK;
}

/**
 * `lua_resume(co, L, n)`: the arguments are the top `n` values of `co`'s
 * stack (moved there by xmove); its results or its error value are left
 * on `co`'s stack, as C finds them.
 */
function doResume(f: CFrame): undefined {
  const co = get(f, index(f));
  if (!isthread(co)) luaError(f.L, 'thread expected for resume');
  const n = num(f);
  const args = co.stack.slice(co.top - n, co.top);
  co.top -= n;
  // a thread not in the middle of a function starts the one pushed below the arguments
  if (canstart(co) && co.top > 0) { startwith(co, co.stack[co.top - 1]); co.top--; }
  const r = resume(f.L1, co, args);
  const dead = co.status === 'dead';
  if (dead) settop(co, 0, 0);   // a finished thread's stack holds its results only
  f.status = r[0] === true ? (dead ? Status.OK : Status.YIELD) : Status.ERRRUN;
  (f.resumed ??= new Map()).set(co, co.top);
  for (const v of r.slice(1)) co.push(v);
  return undefined;
}

/** `lua_toclose(n)`: the value must be closable (nil, false or with `__close`). */
function toclose(f: CFrame): undefined {
  const i = num(f), a = i > 0 ? i : gettop(f) + i + 1;
  const v = get(f, a);
  if (v !== undefined && v !== false && getmetafield(f.L1, v, '__close') === undefined) {
    luaError(f.L1, "variable '(C temporary)' got a non-closable value");
  }
  f.tbc.push(a);
  return undefined;
}

/** `lua_closeslot(n)`: close the to-be-closed slot now (no error) and set it to nil. */
function closeslot(f: CFrame): undefined {
  const i = num(f), a = i > 0 ? i : gettop(f) + i + 1;
  const at = f.tbc.lastIndexOf(a);
  if (at >= 0) {
    f.tbc.splice(at, 1);
    const v = get(f, a);
    if (v !== undefined && v !== false) call(f.L1, getmetafield(f.L1, v, '__close'), [v, undefined]);
  }
  put(f, a, undefined);
  return undefined;
}

/** `sethook mask count script`: a hook that runs `script` with the event name and line on its window. */
function sethook(f: CFrame): undefined {
  const mask = num(f), count = num(f);
  installHook(f.L1, mask, count, word(f));
  return undefined;
}

/**
 * Make `script` the hook of `L1` for the events of `mask` (lua.h's bits:
 * call 1, return 2, line 4, count 8); an empty script turns hooks off.
 * The hook runs the script on a window holding the event name and the
 * line, as PUC-Rio's C hook pushes them.
 */
export function installHook(L1: LuaThread, mask: number, count: number, script: string): void {
  if (script === '') { setHook(L1, undefined, 0, 0); return; }
  const hook = cclosure(L1, 'hook', (L, base) => runC(newFrame(L, L, base, script)), [script]);
  const bits = (mask & 1 ? MASKCALL : 0) | (mask & 2 ? MASKRET : 0) | (mask & 4 ? MASKLINE : 0) | (mask & 8 ? MASKCOUNT : 0);
  setHook(L1, hook, bits, count);
}

/** The instructions that call, raise, yield, resume and close. */
export const CALL_COMMANDS: [string, Command][] = [
  ['call', (f) => { const narg = num(f), nres = num(f); return doCall(f, narg, nres); }],
  ['callk', (f) => { const narg = num(f), nres = num(f); return doCall(f, narg, nres, index(f)); }],
  ['pcall', (f) => {
    const narg = num(f), nres = num(f), h = num(f);
    return doPcall(f, narg, nres, h === 0 ? undefined : get(f, h));
  }],
  ['pcallk', (f) => { const narg = num(f), nres = num(f); return doPcall(f, narg, nres, undefined, index(f)); }],
  ['loadstring', (f) => {
    const s = checkString(f, num(f));
    const r = load(f.L1, s, s);
    f.L1.push(r);
    return undefined;
  }],
  ['loadfile', (f) => {
    // luaL_loadfile: the chunk of the file (a first `#` line skipped), or why it cannot be read
    const path = checkString(f, num(f));
    let text: string;
    try { text = platformOf(f.L1).readFile(path); } catch (e) { f.L1.push(cannotOpen(path, e)); return undefined; }
    if (text[0] === '#') text = '--' + text;
    f.L1.push(load(f.L1, text, '@' + path));
    return undefined;
  }],
  ['error', (f) => error(f.L1, get(f, -1))],
  ['throw', (f) => luaError(f.L1, 'C++')],
  ['return', (f) => { const n = num(f); return f.L1 === f.L ? n : returnAcross(f, n); }],
  ['yield', (f) => doYield(f, num(f))],
  ['yieldk', (f) => { const n = num(f); return doYield(f, n, index(f)); }],
  ['resume', doResume],
  ['isyieldable', (f) => { const co = get(f, index(f)); f.L1.push(isthread(co) && isyieldable(f.L1, co)); return undefined; }],
  ['threadstatus', (f) => { f.L1.push(STATUS_NAMES[threadStatus(f)]); return undefined; }],
  ['traceback', (f) => { const msg = word(f); f.L1.push(traceback(f.L1, msg, num(f))); return undefined; }],
  ['newthread', (f) => { f.L1.push(newthread(f.L1, undefined)); return undefined; }],
  ['pushcclosure', (f) => { f.L1.push(testCClosure(f.L1, 'testC', undefined, popValues(f, num(f)))); return undefined; }],
  ['sethook', sethook],
  ['toclose', toclose],
  ['closeslot', closeslot],
  ['abort', (f) => luaError(f.L, 'abort')],
];
