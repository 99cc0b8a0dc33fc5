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
 * How continuations are read here: a plain native cannot be resumed in
 * the middle, so `callk`/`pcallk` run as `call`/`pcall` (their
 * continuation would only run after a yield inside the call, which lucid
 * refuses across a plain native: "attempt to yield across a C-call
 * boundary"), and `yieldk` yields as `yield` does: the values of the
 * next resume become the script's results.
 *
 * Invariant: the results of a call are left on the window as lua_call
 * leaves them (adjusted to `nres`, all with -1); the status of the last
 * pcall or resume is kept for `pushstatus`.
 *
 * Read next: `src/lib/testc-commands.ts`, `src/api/capi.ts`.
 */
import {
  call, pcallh, load, error, yieldValues, resume, isyieldable, isthread, cclosure, newthread,
  Status, type LuaThread, type Value,
} from '../api/lua.ts';
import { traceback, setHook, MASKCALL, MASKRET, MASKLINE, MASKCOUNT } from '../api/debug.ts';
import { luaError, getmetafield } from '../api/auxlib.ts';
import { platformOf } from '../api/platform.ts';
import { cannotOpen } from './errno.ts';
import {
  type CFrame, num, word, index, get, put, popValues, pushResults, checkString, gettop,
  returnAcross, runC, newFrame, STATUS_NAMES,
} from './testc.ts';
import type { Command } from './testc-commands.ts';

/** Pop the function and its `narg` arguments of a call. */
function callee(f: CFrame, narg: number): [Value, Value[]] {
  const [fn, ...args] = popValues(f, narg + 1);
  return [fn, args];
}

function doCall(f: CFrame): undefined {
  const narg = num(f), nres = num(f);
  const [fn, args] = callee(f, narg);
  pushResults(f, call(f.L1, fn, args), nres);
  return undefined;
}

function protectedCall(f: CFrame, narg: number, nres: number, msgh: Value): undefined {
  const [fn, args] = callee(f, narg);
  const r = pcallh(f.L1, fn, args, msgh);
  f.status = r.status;
  if (r.status === Status.OK) pushResults(f, r.values, nres); else f.L1.push(r.values[0]);
  return undefined;
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
  const r = resume(f.L1, co, args);
  const dead = co.status === 'dead';
  f.status = r[0] === true ? (dead ? Status.OK : Status.YIELD) : Status.ERRRUN;
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

/** A C closure of the interpreter with `upvalues` (pushcclosure): called with a script, like T.testC. */
export function testCClosure(L: LuaThread, upvalues: Value[]): Value {
  return cclosure(L, 'testC', (L2, base, nargs) => {
    const script = checkScript(L2, base, nargs);
    return runC(newFrame(L2, L2, base, script, upvalues));
  }, upvalues);
}

function checkScript(L: LuaThread, base: number, nargs: number): string {
  const s = nargs >= 1 ? L.stack[base] : undefined;
  if (typeof s !== 'string') luaError(L, 'bad argument #1 to \'testC\' (string expected)');
  return s;
}

/** The instructions that call, raise, yield, resume and close. */
export const CALL_COMMANDS: [string, Command][] = [
  ['call', doCall],
  ['callk', (f) => { const narg = num(f), nres = num(f); index(f); const [fn, args] = callee(f, narg); pushResults(f, call(f.L1, fn, args), nres); return undefined; }],
  ['pcall', (f) => {
    const narg = num(f), nres = num(f), h = num(f);
    return protectedCall(f, narg, nres, h === 0 ? undefined : get(f, h));
  }],
  ['pcallk', (f) => { const narg = num(f), nres = num(f); index(f); return protectedCall(f, narg, nres, undefined); }],
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
  ['yield', (f) => yieldValues(f.L1, popValues(f, num(f)))],
  ['yieldk', (f) => { const n = num(f); index(f); return yieldValues(f.L1, popValues(f, n)); }],
  ['resume', doResume],
  ['isyieldable', (f) => { const co = get(f, index(f)); f.L1.push(isthread(co) && isyieldable(f.L1, co)); return undefined; }],
  ['threadstatus', (f) => { f.L1.push(STATUS_NAMES[threadStatus(f)]); return undefined; }],
  ['traceback', (f) => { const msg = word(f); f.L1.push(traceback(f.L1, msg, num(f))); return undefined; }],
  ['newthread', (f) => { f.L1.push(newthread(f.L1, undefined)); return undefined; }],
  ['pushcclosure', (f) => { f.L1.push(testCClosure(f.L1, popValues(f, num(f)))); return undefined; }],
  ['sethook', sethook],
  ['toclose', toclose],
  ['closeslot', closeslot],
  ['abort', (f) => luaError(f.L, 'abort')],
];
