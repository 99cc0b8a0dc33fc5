/**
 * # The debug library: stack levels, locals, hooks
 *
 * Responsibility: the debug functions that look at a thread's call stack —
 * `traceback`, `getinfo` (every option letter), `getlocal` / `setlocal`
 * (named locals, "(temporary)" slots, "(vararg)" values at negative
 * indices) — the hook functions `sethook` / `gethook`, and the `debug.debug`
 * console. Values behind Lua's back (upvalues, metatables, user values, the
 * registry) are in `debug-values.ts`.
 *
 * Manual: §6.10 (the debug library). PUC-Rio counterpart: `ldblib.c`
 * (db_traceback, db_getinfo, db_getlocal, db_setlocal, db_sethook,
 * db_gethook, db_debug), on `ldebug.c`'s lua_getinfo and luaG_findlocal.
 *
 * Invariant: a level is read off the thread as `traceback.ts` numbers them
 * (level 0 is the running function, a plain native when one is running);
 * nothing here moves frames. Hooks themselves run from `src/vm/hooks.ts`.
 *
 * Read next: `src/vm/hooks.ts` (when hooks fire), `src/vm/traceback.ts`
 * (levels and names), `debug-values.ts`.
 */
import { readSync } from 'node:fs';
import { LuaClosure, LuaNative, LuaThread, type Frame } from '../object/objects.ts';
import { addLibrary, native, loadChunk, type LuaState } from '../api/state.ts';
import { arg, argError, checkAny, checkInteger, checkString, optInteger, optString, typeArgError } from '../api/auxlib.ts';
import { stackLevels, funcName, levelSource, traceback, type StackLevel } from '../vm/traceback.ts';
import { setHook, transferInfo, HookMask } from '../vm/hooks.ts';
import { callSync } from '../vm/call.ts';
import { LoadError } from '../api/load.ts';
import { tostringMeta } from './base.ts';
import { LuaTable, LuaFloat, LuaError, number2string, type Value } from '../value/index.ts';
import { addDebugValueFunctions } from './debug-values.ts';
import { chunkid } from '../parser/errors.ts';

/** An optional thread first argument: [thread, number of arguments before the rest]. */
function threadArg(L: LuaThread, base: number, nargs: number): [LuaThread, number] {
  const t = arg(L, base, nargs, 1);
  return t instanceof LuaThread ? [t, 1] : [L, 0];
}

function isFunction(v: Value): v is LuaClosure | LuaNative {
  return v instanceof LuaClosure || v instanceof LuaNative;
}

function tracebackFn(L: LuaThread, base: number, nargs: number): number {
  const [L1, off] = threadArg(L, base, nargs);
  let msg = arg(L, base, nargs, off + 1);
  if (typeof msg === 'number' || typeof msg === 'bigint' || msg instanceof LuaFloat) msg = number2string(msg);
  if (msg !== undefined && typeof msg !== 'string') { L.push(msg); return 1; }  // returned untouched
  const level = Number(optInteger(L, base, nargs, off + 2, L1 === L ? 1 : 0));
  L.push(traceback(L1, msg, level));
  return 1;
}

/** The lines that have code, as a set table (collectvalidlines); VARARGPREP is not one. */
function activeLines(p: LuaClosure['proto']): LuaTable {
  const t = new LuaTable();
  if (p.lines.length === 0) return t;  // stripped: no line information
  for (let pc = p.isVararg ? 1 : 0; pc < p.code.length; pc++) t.set(p.lineAt(pc), true);
  return t;
}

/**
 * The table of `getinfo` for `fn`, at stack level `level` (undefined when
 * asked about a function: no current line, name or tail call then).
 */
function info(L1: LuaThread, what: string, fn: LuaClosure | LuaNative, level: StackLevel | undefined): LuaTable {
  const t = new LuaTable();
  const p = fn instanceof LuaClosure ? fn.proto : undefined;
  if (what.includes('S')) {
    if (p !== undefined) {
      t.set('source', p.source ?? '=?');
      t.set('short_src', chunkid(p.source ?? '=?'));
      t.set('linedefined', p.linedefined);
      t.set('lastlinedefined', p.lastlinedefined);
      t.set('what', p.linedefined === 0 ? 'main' : 'Lua');
    } else {
      t.set('source', '=[C]'); t.set('short_src', '[C]');
      t.set('linedefined', -1); t.set('lastlinedefined', -1); t.set('what', 'C');
    }
  }
  if (what.includes('l')) t.set('currentline', level !== undefined ? levelSource(level).line : -1);
  if (what.includes('u')) {
    t.set('nups', p !== undefined ? (fn as LuaClosure).upvals.length : (fn as LuaNative).upvalues.length);
    t.set('nparams', p !== undefined ? p.numparams : 0);
    t.set('isvararg', p !== undefined ? p.isVararg : true);
  }
  if (what.includes('n')) {
    const n = level !== undefined ? funcName(level) : undefined;
    t.set('name', n?.[1]);
    t.set('namewhat', n !== undefined ? n[0] : '');
  }
  if (what.includes('r')) {
    const [f, n] = level !== undefined ? transferInfo(L1, level.ci) : [0, 0];
    t.set('ftransfer', f);
    t.set('ntransfer', n);
  }
  if (what.includes('t')) t.set('istailcall', level !== undefined && level.tail);
  if (what.includes('L') && p !== undefined) t.set('activelines', activeLines(p));
  if (what.includes('f')) t.set('func', fn);
  return t;
}

function getinfo(L: LuaThread, base: number, nargs: number): number {
  const [L1, off] = threadArg(L, base, nargs);
  const what = optString(L, base, nargs, off + 2, 'flnSrtu');
  if (what.startsWith('>')) argError(L, off + 2, "invalid option '>'");
  const f = arg(L, base, nargs, off + 1);
  let fn: LuaClosure | LuaNative;
  let level: StackLevel | undefined;
  if (isFunction(f)) fn = f;
  else {
    const n = Number(checkInteger(L, base, nargs, off + 1));
    level = n >= 0 ? stackLevels(L1)[n] : undefined;
    if (level === undefined || level.fn === undefined) { L.push(undefined); return 1; }
    fn = level.fn;
  }
  if (/[^SlnrutfL]/.test(what)) argError(L, off + 2, 'invalid option');
  L.push(info(L1, what, fn, level));
  return 1;
}

/**
 * Where local `n` of a level lives and its name (luaG_findlocal):
 * declared locals by name, other slots in use as "(temporary)" (or "(C
 * temporary)" in a native), extra arguments of a vararg function at
 * n = -1, -2, ... as "(vararg)". Undefined if there is no such slot.
 */
function findLocal(L1: LuaThread, lv: StackLevel, n: number): { slot: number; name: string } | undefined {
  const ci = lv.ci;
  let base: number, limit: number;
  if (ci === undefined) {
    // the running plain native: its arguments from cfunc+1 up to top
    base = L1.cfunc + 1;
    limit = L1.top;
  } else {
    base = ci.base;
    limit = frameLimit(L1, ci);
  }
  const fn = lv.fn;
  if (fn instanceof LuaClosure && ci !== undefined) {
    const p = fn.proto;
    if (n < 0) {
      if (!p.isVararg || n < -ci.nextra) return undefined;
      return { slot: ci.func + 1 + p.numparams + (-n - 1), name: '(vararg)' };
    }
    const name = p.localName(n, ci.pc - 1);
    if (name !== undefined) return { slot: base + n - 1, name };
  }
  if (n > 0 && limit - base >= n) {
    return { slot: base + n - 1, name: fn instanceof LuaClosure ? '(temporary)' : '(C temporary)' };
  }
  return undefined;
}

/** First slot past frame `ci`'s window: the next level's function slot, or the top. */
function frameLimit(L1: LuaThread, ci: Frame): number {
  let d = L1.depth;
  while (d >= 0 && L1.frames[d] !== ci) d--;
  if (d >= 0 && d < L1.depth) return L1.frames[d + 1].func;
  if (L1.ccall !== undefined) return L1.cfunc;  // a plain native runs above it
  if (ci.closure === undefined) return ci.pc;  // a native frame keeps its top in pc
  return Math.max(L1.top, ci.base);
}

function levelArg(L: LuaThread, L1: LuaThread, base: number, nargs: number, n: number): StackLevel {
  const k = Number(checkInteger(L, base, nargs, n));
  const lv = k >= 0 ? stackLevels(L1)[k] : undefined;
  if (lv === undefined || lv.fn === undefined) argError(L, n, 'level out of range');
  return lv;
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
    L.push(where instanceof LuaClosure ? where.proto.localName(n, 0) : undefined);
    return 1;
  }
  const lv = levelArg(L, L1, base, nargs, off + 1);
  const loc = findLocal(L1, lv, n);
  if (loc === undefined) { L.push(undefined); return 1; }
  const v = L1.stack[loc.slot];
  L.push(loc.name);
  L.push(v);
  return 2;
}

/** debug.setlocal([thread,] level, n, value): the local's name, or fail. */
function setlocal(L: LuaThread, base: number, nargs: number): number {
  const [L1, off] = threadArg(L, base, nargs);
  const lv = levelArg(L, L1, base, nargs, off + 1);
  const n = Number(checkInteger(L, base, nargs, off + 2));
  const v = checkAny(L, base, nargs, off + 3);
  const loc = findLocal(L1, lv, n);
  if (loc !== undefined) L1.stack[loc.slot] = v;
  L.push(loc?.name);
  return 1;
}

/** The registry table of hook functions by thread, weak keys (ldblib's HOOKKEY). */
function hookTable(L: LuaThread): LuaTable {
  const reg = L.global.registry;
  let t = reg.get('_HOOKKEY');
  if (!(t instanceof LuaTable)) {
    t = new LuaTable();
    t.set('__mode', 'k');
    t.metatable = t;
    reg.set('_HOOKKEY', t);
  }
  return t as LuaTable;
}

/** debug.sethook([thread,] f, mask [, count]) or debug.sethook([thread]) to turn hooks off. */
function sethook(L: LuaThread, base: number, nargs: number): number {
  const [L1, off] = threadArg(L, base, nargs);
  let fn = arg(L, base, nargs, off + 1);
  let mask = 0, count = 0;
  if (fn === undefined) fn = undefined;
  else {
    const smask = checkString(L, base, nargs, off + 2);
    if (!isFunction(fn)) typeArgError(L, base, nargs, off + 1, 'function');
    count = Number(optInteger(L, base, nargs, off + 3, 0));
    if (smask.includes('c')) mask |= HookMask.CALL;
    if (smask.includes('r')) mask |= HookMask.RET;
    if (smask.includes('l')) mask |= HookMask.LINE;
    if (count > 0) mask |= HookMask.COUNT;
  }
  hookTable(L).set(L1, fn);
  setHook(L1, fn, mask, count);
  return 0;
}

/** debug.gethook([thread]): the hook function, its mask and count, or fail. */
function gethook(L: LuaThread, base: number, nargs: number): number {
  const [L1] = threadArg(L, base, nargs);
  if (L1.hook === undefined) { L.push(undefined); return 1; }
  const m = L1.hookmask;
  L.push(hookTable(L).get(L1));
  L.push((m & HookMask.CALL ? 'c' : '') + (m & HookMask.RET ? 'r' : '') + (m & HookMask.LINE ? 'l' : ''));
  L.push(L1.basehookcount);
  return 3;
}

/** One line from standard input with its newline (bytes as chars, like fgets), or undefined at end of file. */
function readLine(): string | undefined {
  const buf = Buffer.alloc(1);
  let s = '';
  for (;;) {
    let n: number;
    try { n = readSync(0, buf, 0, 1, null); } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      return s.length > 0 ? s : undefined;
    }
    if (n === 0) return s.length > 0 ? s : undefined;
    const c = String.fromCharCode(buf[0]);
    s += c;
    if (c === '\n') return s;
  }
}

/**
 * debug.debug(): a console on standard input — each line runs as a chunk
 * named "(debug command)"; errors are printed; "cont" (or end of input)
 * returns (db_debug).
 */
function debugConsole(L: LuaThread): number {
  const G = L.global;
  const errWrite = (s: string) => process.stderr.write(Buffer.from(s, 'latin1'));
  for (;;) {
    errWrite('lua_debug> ');
    const line = readLine();
    if (line === undefined || line === 'cont\n') return 0;
    try {
      const f = loadChunk(G, line, '=(debug command)', 'bt', G.globals);
      callSync(L, f, []);
    } catch (e) {
      let msg: Value;
      if (e instanceof LoadError) msg = e.message;
      else if (e instanceof LuaError) msg = e.value;
      else throw e;
      errWrite(tostringMeta(L, msg) + '\n');
    }
  }
}

/** Install the debug library. */
export function openDebug(state: LuaState): void {
  const t = new LuaTable();
  const fns: [string, (L: LuaThread, base: number, nargs: number) => number][] = [
    ['traceback', tracebackFn], ['getinfo', getinfo], ['getlocal', getlocal], ['setlocal', setlocal],
    ['sethook', sethook], ['gethook', gethook], ['debug', debugConsole],
  ];
  for (const [name, fn] of fns) t.set(name, native(name, fn));
  addDebugValueFunctions(t);
  state.globals.set('debug', t);
}
