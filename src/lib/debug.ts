/**
 * # The debug library (a first part)
 *
 * Responsibility: `debug.traceback` and `debug.getinfo` — reading the call
 * stack the VM keeps (levels, names, lines) for Lua programs.
 *
 * Manual: §6.10 (the debug library). PUC-Rio counterpart: `ldblib.c`
 * (db_traceback, db_getinfo), on `ldebug.c`'s lua_getinfo.
 *
 * Invariant: reading only; no function here changes a thread.
 *
 * Read next: `src/vm/traceback.ts` (levels and names).
 */
import { LuaClosure, LuaNative, LuaThread } from '../vm/objects.ts';
import { addLibrary, native, type LuaState } from '../vm/state.ts';
import { arg, argError, optInteger, optString } from '../vm/args.ts';
import { stackLevels, funcName, levelSource, traceback, type StackLevel } from '../vm/traceback.ts';
import { LuaTable, LuaFloat, number2string, type Value } from '../vm/values.ts';
import { addDebugValueFunctions } from './debug-values.ts';

/** An optional thread first argument: [thread, index of the next argument]. */
function threadArg(L: LuaThread, base: number, nargs: number): [LuaThread, number] {
  const t = arg(L, base, nargs, 1);
  return t instanceof LuaThread ? [t, 1] : [L, 0];
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

/** Fill `t` with the fields of `what` for a level or a function (lua_getinfo). */
function info(what: string, fn: Value, level: StackLevel | undefined): LuaTable {
  const t = new LuaTable();
  for (const c of what) {
    switch (c) {
      case 'S': {
        if (fn instanceof LuaClosure) {
          const p = fn.proto;
          const src = p.source ?? '=?';
          t.set('source', src);
          t.set('short_src', levelSource({ fn, ci: undefined, caller: undefined, tail: false }).short);
          t.set('linedefined', p.linedefined);
          t.set('lastlinedefined', p.lastlinedefined);
          t.set('what', p.linedefined === 0 ? 'main' : 'Lua');
        } else {
          t.set('source', '=[C]'); t.set('short_src', '[C]');
          t.set('linedefined', -1); t.set('lastlinedefined', -1); t.set('what', 'C');
        }
        break;
      }
      case 'l': t.set('currentline', level !== undefined ? levelSource(level).line : -1); break;
      case 'u': {
        const p = fn instanceof LuaClosure ? fn.proto : undefined;
        t.set('nups', fn instanceof LuaClosure ? fn.upvals.length : 0);
        t.set('nparams', p ? p.numparams : 0);
        t.set('isvararg', p ? p.isVararg : true);
        break;
      }
      case 'n': {
        const n = level !== undefined ? funcName(level) : undefined;
        t.set('name', n ? n[1] : undefined);
        t.set('namewhat', n ? n[0] : '');
        break;
      }
      case 't': t.set('istailcall', level !== undefined && level.tail); break;
      case 'f': t.set('func', fn); break;
      case 'L': case 'r': break;
      case '>': break;
      default: throw new Error(`bad option ${c}`);
    }
  }
  return t;
}

function getinfo(L: LuaThread, base: number, nargs: number): number {
  const [L1, off] = threadArg(L, base, nargs);
  const what = optString(L, base, nargs, off + 2, 'flnSrtu');
  if (/[^SlnrutfL]/.test(what)) argError(L, off + 2, 'invalid option');
  const f = arg(L, base, nargs, off + 1);
  if (f instanceof LuaClosure || f instanceof LuaNative) {
    L.push(info(what.replace(/[lnt]/g, ''), f, undefined));
    return 1;
  }
  if (typeof f !== 'number') argError(L, off + 1, 'function or level expected');
  const levels = stackLevels(L1);
  // level 0 is getinfo itself when it asks about its own thread
  const lv = levels[f];
  if (lv === undefined || lv.fn === undefined) {
    if (f < 0 || lv === undefined) { L.push(undefined); return 1; }
  }
  L.push(info(what, lv.fn, lv));
  return 1;
}

/**
 * debug.getlocal([thread,] level, n): name and value of local `n` of a
 * level (active locals in declaration order; "(temporary)" for other
 * registers in use, "(C temporary)" for a native's arguments), or
 * debug.getlocal(f, n): parameter names of a Lua function.
 */
function getlocal(L: LuaThread, base: number, nargs: number): number {
  const [L1, off] = threadArg(L, base, nargs);
  const where = arg(L, base, nargs, off + 1);
  const n = Number(optInteger(L, base, nargs, off + 2, 0));
  if (where instanceof LuaClosure) {
    L.push(n >= 1 && n <= where.proto.numparams ? where.proto.localName(n, 0) : undefined);
    return 1;
  }
  if (typeof where !== 'number') argError(L, off + 1, 'number expected, got ' + (where === undefined ? 'no value' : typeof where));
  const lv = stackLevels(L1)[where];
  if (lv === undefined || lv.fn === undefined) argError(L, off + 1, 'level out of range');
  const ci = lv.ci;
  if (lv.fn instanceof LuaClosure && ci !== undefined) {
    const p = lv.fn.proto;
    const name = p.localName(n, ci.pc - 1);
    if (name !== undefined) { L.push(name); L.push(L1.stack[ci.base + n - 1]); return 2; }
    if (n >= 1 && n <= p.maxstacksize && (L1 !== L || lv !== stackLevels(L1)[0])) {
      L.push('(temporary)'); L.push(L1.stack[ci.base + n - 1]); return 2;
    }
  }
  L.push(undefined);
  return 1;
}

/** Install the debug library. */
export function openDebug(state: LuaState): void {
  const t = new LuaTable();
  t.set('traceback', native('traceback', tracebackFn));
  t.set('getinfo', native('getinfo', getinfo));
  t.set('getlocal', native('getlocal', getlocal));
  addDebugValueFunctions(t);
  state.globals.set('debug', t);
}

addLibrary(openDebug);
