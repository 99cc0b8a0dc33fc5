/**
 * # The debug library: stack levels, locals, hooks
 *
 * Responsibility: the debug functions that look at a thread's call stack —
 * `traceback`, `getinfo` (every option letter), `getlocal` / `setlocal`
 * (named locals, "(temporary)" slots, "(vararg)" values at negative
 * indices) — the hook functions `sethook` / `gethook`, and the `debug.debug`
 * console. Values behind Lua's back (upvalues, metatables, user values, the
 * registry) are in `debug-values.ts`. Everything here is written on the
 * debug interface of `src/api/debug.ts` (lua.h's), as ldblib.c is on
 * lua.h: this module checks arguments and builds tables, nothing more.
 *
 * Manual: §6.10 (the debug library). PUC-Rio counterpart: `ldblib.c`
 * (db_traceback, db_getinfo, db_getlocal, db_setlocal, db_sethook,
 * db_gethook, db_debug).
 *
 * Invariant: a level is read off the thread as lua_getstack numbers them
 * (level 0 is the running function, a plain native when one is running);
 * nothing here moves frames. Hooks themselves run from the machine.
 *
 * Read next: `src/api/debug.ts` (the interface used here),
 * `debug-values.ts`.
 */
import { LuaThread, FrameFlag, type CallRequest } from '../api/lua.ts';
import { addLibrary, native, nativeGen, loadChunk, type LuaState } from '../api/state.ts';
import { arg, argError, checkAny, checkInteger, checkString, optInteger, optString, typeArgError, checkCString, optCString } from '../api/auxlib.ts';
import {
  getStack, getInfo, getLocal, setLocal, getParamName, setHook, getHook, getHookMask, getHookCount,
  traceback, isFunction, getRegistryField, setRegistryField, setMetatable,
  MASKCALL, MASKRET, MASKLINE, MASKCOUNT, type LuaDebug,
} from '../api/debug.ts';
import { LoadError } from '../api/load.ts';
import { platformOf } from '../api/platform.ts';
import { tostringMeta } from './base.ts';
import { LuaTable, LuaFloat, LuaError, number2string, type Value } from '../value/index.ts';
import { addDebugValueFunctions } from './debug-values.ts';

/** An optional thread first argument: [thread, number of arguments before the rest]. */
function threadArg(L: LuaThread, base: number, nargs: number): [LuaThread, number] {
  const t = arg(L, base, nargs, 1);
  return t instanceof LuaThread ? [t, 1] : [L, 0];
}

/** debug.traceback([thread,] [message [, level]]): a message that is not a string or number is returned untouched. */
function tracebackFn(L: LuaThread, base: number, nargs: number): number {
  const [L1, off] = threadArg(L, base, nargs);
  let msg = arg(L, base, nargs, off + 1);
  if (typeof msg === 'number' || typeof msg === 'bigint' || msg instanceof LuaFloat) msg = number2string(msg);
  if (msg !== undefined && typeof msg !== 'string') { L.push(msg); return 1; }
  const level = Number(optInteger(L, base, nargs, off + 2, L1 === L ? 1 : 0));
  L.push(traceback(L1, msg, level));
  return 1;
}

/** The table `getinfo` returns: the fields of the options asked for (as ldblib's settabs*). */
function infoTable(L: LuaThread, ar: LuaDebug, what: string): LuaTable {
  const t = new LuaTable(L.global.heap);
  if (what.includes('S')) {
    t.set('source', ar.source);
    t.set('short_src', ar.short_src);
    t.set('linedefined', ar.linedefined);
    t.set('lastlinedefined', ar.lastlinedefined);
    t.set('what', ar.what);
  }
  if (what.includes('l')) t.set('currentline', ar.currentline);
  if (what.includes('u')) {
    t.set('nups', ar.nups);
    t.set('nparams', ar.nparams);
    t.set('isvararg', ar.isvararg);
  }
  if (what.includes('n')) {
    t.set('name', ar.name);
    t.set('namewhat', ar.namewhat);
  }
  if (what.includes('r')) {
    t.set('ftransfer', ar.ftransfer);
    t.set('ntransfer', ar.ntransfer);
  }
  if (what.includes('t')) t.set('istailcall', ar.istailcall);
  if (ar.activelines !== undefined) {
    const lines = new LuaTable(L.global.heap);   // a set: line -> true
    for (const line of ar.activelines) lines.set(line, true);
    t.set('activelines', lines);
  }
  if (ar.func !== undefined) t.set('func', ar.func);
  return t;
}

/** debug.getinfo([thread,] f | level [, what]): a table of facts, or fail for a level out of range. */
function getinfo(L: LuaThread, base: number, nargs: number): number {
  const [L1, off] = threadArg(L, base, nargs);
  const what = optCString(L, base, nargs, off + 2, 'flnSrtu');   // options are a C string: they end at a NUL
  if (what.startsWith('>')) argError(L, off + 2, "invalid option '>'");
  const f = arg(L, base, nargs, off + 1);
  let target: LuaDebug | undefined;
  if (!isFunction(f)) {
    target = getStack(L1, Number(checkInteger(L, base, nargs, off + 1)));
    if (target === undefined) { L.push(undefined); return 1; }
  }
  const ar = getInfo(L1, what, target ?? f);
  if (ar === undefined) argError(L, off + 2, 'invalid option');
  L.push(infoTable(L, ar, what));
  return 1;
}

/** The record of the level in argument `n`, or "level out of range". */
function levelArg(L: LuaThread, L1: LuaThread, base: number, nargs: number, n: number): LuaDebug {
  const ar = getStack(L1, Number(checkInteger(L, base, nargs, n)));
  if (ar === undefined) argError(L, n, 'level out of range');
  return ar;
}

/**
 * debug.getlocal([thread,] level, n): name and value of local `n` of a
 * level; debug.getlocal(f, n): the name of parameter `n` of a Lua function.
 */
function getlocal(L: LuaThread, base: number, nargs: number): number {
  const [L1, off] = threadArg(L, base, nargs);
  const n = Number(checkInteger(L, base, nargs, off + 2));
  const where = arg(L, base, nargs, off + 1);
  if (isFunction(where)) {
    L.push(getParamName(where, n));
    return 1;
  }
  const local = getLocal(L1, levelArg(L, L1, base, nargs, off + 1), n);
  if (local === undefined) { L.push(undefined); return 1; }
  L.push(local[0]);
  L.push(local[1]);
  return 2;
}

/** debug.setlocal([thread,] level, n, value): the local's name, or fail. */
function setlocal(L: LuaThread, base: number, nargs: number): number {
  const [L1, off] = threadArg(L, base, nargs);
  const ar = levelArg(L, L1, base, nargs, off + 1);
  const n = Number(checkInteger(L, base, nargs, off + 2));
  const v = checkAny(L, base, nargs, off + 3);
  L.push(setLocal(L1, ar, n, v));
  return 1;
}

/**
 * The registry table of hook functions by thread, with weak keys
 * (ldblib's HOOKKEY): it keeps each thread's hook function alive for the
 * collector, and lets a dead thread go.
 */
function hookTable(L: LuaThread): LuaTable {
  let t = getRegistryField(L, '_HOOKKEY');
  if (!(t instanceof LuaTable)) {
    t = new LuaTable(L.global.heap);
    t.set('__mode', 'k');
    setMetatable(L, t, t);
    setRegistryField(L, '_HOOKKEY', t);
  }
  return t as LuaTable;
}

/** debug.sethook([thread,] f, mask [, count]) or debug.sethook([thread]) to turn hooks off. */
function sethook(L: LuaThread, base: number, nargs: number): number {
  const [L1, off] = threadArg(L, base, nargs);
  let fn = arg(L, base, nargs, off + 1);
  let mask = 0, count = 0;
  if (fn !== undefined) {
    const smask = checkCString(L, base, nargs, off + 2);   // a C string: the mask ends at a NUL
    if (!isFunction(fn)) typeArgError(L, base, nargs, off + 1, 'function');
    count = Number(optInteger(L, base, nargs, off + 3, 0));
    if (smask.includes('c')) mask |= MASKCALL;
    if (smask.includes('r')) mask |= MASKRET;
    if (smask.includes('l')) mask |= MASKLINE;
    if (count > 0) mask |= MASKCOUNT;
  }
  if (mask === 0) fn = undefined;   // no events: the hook is off
  hookTable(L).set(L1, fn);
  setHook(L1, fn, mask, count);
  return 0;
}

/** debug.gethook([thread]): the hook function, its mask and count, or fail. */
function gethook(L: LuaThread, base: number, nargs: number): number {
  const [L1] = threadArg(L, base, nargs);
  if (getHook(L1) === undefined) { L.push(undefined); return 1; }
  const m = getHookMask(L1);
  L.push(hookTable(L).get(L1));
  L.push((m & MASKCALL ? 'c' : '') + (m & MASKRET ? 'r' : '') + (m & MASKLINE ? 'l' : ''));
  L.push(getHookCount(L1));
  return 3;
}

/**
 * One line of the console's input with its newline (like fgets), or
 * undefined at end of file: the state's platform's stdin, as ldblib.c
 * reads C's stdin (shared with io.read's buffer).
 */
function readLine(L: LuaThread): string | undefined {
  try {
    return platformOf(L).stdin.readLine(true);
  } catch {
    return undefined;   // a read error ends the console, as end of file does
  }
}

/**
 * debug.debug(): a console on standard input — each line runs as a chunk
 * named "(debug command)"; its error, if any, is printed without a
 * traceback; "cont" (or end of input) returns (db_debug). Each command
 * runs as lua_pcall(L, 0, 0, 0) runs it: errors stop at this function's
 * frame, and no message handler of an xpcall further down sees them.
 */
function* debugConsole(L: LuaThread): Generator<CallRequest, Value[], Value[]> {
  const ci = L.frames[L.depth];
  ci.flags |= FrameFlag.PROTECT;   // a protected call without message handler, as pcall's frame
  ci.msgh = undefined;
  const G = L.global;
  const stderr = platformOf(L).stderr;   // lua_writestringerror's stream
  for (;;) {
    stderr.write('lua_debug> ');
    const line = readLine(L);
    if (line === undefined || line === 'cont\n') return [];
    let msg: Value;
    try {
      yield [loadChunk(G, line, '=(debug command)', 'bt', G.globals)];
      continue;
    } catch (e) {
      if (e instanceof LoadError) msg = e.message;
      else if (e instanceof LuaError) msg = e.value;
      else throw e;
    }
    stderr.write(tostringMeta(L, msg) + '\n');
  }
}

/** Install the debug library. */
export function openDebug(state: LuaState): void {
  const t = new LuaTable(state.global.heap);
  const fns: [string, (L: LuaThread, base: number, nargs: number) => number][] = [
    ['traceback', tracebackFn], ['getinfo', getinfo], ['getlocal', getlocal], ['setlocal', setlocal],
    ['sethook', sethook], ['gethook', gethook],
  ];
  for (const [name, fn] of fns) t.set(name, native(name, fn));
  t.set('debug', nativeGen('debug', debugConsole));
  addDebugValueFunctions(t);
  state.globals.set('debug', t);
}
