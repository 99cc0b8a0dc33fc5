/**
 * # The os library
 *
 * Responsibility: manual §6.9 — time and dates, the environment, files by
 * name, running commands, exiting — as a C-locale PUC-Rio build on a POSIX
 * system provides them.
 *
 * Manual: §6.9. PUC-Rio counterpart: loslib.c. Date formatting and `time`'s
 * field normalisation live in src/lib/date.ts, tested on their own.
 *
 * Invariants:
 * - Everything outside the machine goes through the state's platform
 *   (src/api/platform.ts): files, commands, the environment, clocks, the
 *   local time zone, exit.
 * - `os.exit` flushes buffered output first (`GlobalState.flush`), since
 *   the program ends without returning to the interpreter. On a host that
 *   cannot end its program (a browser), the platform reports the status
 *   and raises a `LuaExit` that ends the host's call.
 * - Without processes (a browser), `os.execute()` is false and a command
 *   ends as a POSIX `system` reports a missing shell: `nil, "exit", 127`.
 * - `setlocale` succeeds only for "C" and "" (lucid is a C-locale build).
 *
 * Read next: src/lib/date.ts, src/api/platform.ts.
 */
import { native, type LuaState } from '../api/state.ts';
import { closeAllTbc, closeHeap, type LuaThread } from '../api/lua.ts';
import {
  arg, argError, checkInteger, checkString, checkTable, luaError, optString, checkCString, optCString,
} from '../api/auxlib.ts';
import { platformOf, type ExitStatus } from '../api/platform.ts';
import { LuaTable, mkfloat, type Value } from '../value/index.ts';
import { osDate, osTime, currentTime, type DateTable } from './date.ts';
import { guard } from './guard.ts';
import { failResult } from './errno.ts';

/** `nil, "name: reason", errno` as luaL_fileresult reports a failure. */
function fileResult(L: LuaThread, e: unknown, name: string | undefined): number {
  for (const v of failResult(e, name)) L.push(v);
  return 3;
}

function clock(L: LuaThread): number {
  L.push(mkfloat(platformOf(L).clock()));
  return 1;
}

function setFields(t: LuaTable, d: DateTable): void {
  t.set('year', d.year); t.set('month', d.month); t.set('day', d.day);
  t.set('hour', d.hour); t.set('min', d.min); t.set('sec', d.sec);
  t.set('yday', d.yday); t.set('wday', d.wday); t.set('isdst', d.isdst);
}

function date(L: LuaThread, base: number, nargs: number): number {
  const fmt = optString(L, base, nargs, 1, '%c');
  const platform = platformOf(L);
  const t = arg(L, base, nargs, 2) === undefined ? currentTime(platform.now()) : checkInteger(L, base, nargs, 2);
  const r = guard(L, () => osDate(fmt, t, platform.zone));
  if (typeof r === 'string') { L.push(r); return 1; }
  const tbl = new LuaTable(L.global.heap);
  setFields(tbl, r);
  L.push(tbl);
  return 1;
}

function time(L: LuaThread, base: number, nargs: number): number {
  const platform = platformOf(L);
  if (arg(L, base, nargs, 1) === undefined) { L.push(currentTime(platform.now())); return 1; }
  const t = checkTable(L, base, nargs, 1);
  const r = guard(L, () => osTime((key) => t.get(key), platform.zone));
  setFields(t, r.fields);
  L.push(r.time);
  return 1;
}

function difftime(L: LuaThread, base: number, nargs: number): number {
  const t1 = checkInteger(L, base, nargs, 1);
  const t2 = arg(L, base, nargs, 2) === undefined ? 0 : checkInteger(L, base, nargs, 2);
  L.push(mkfloat(Number(t1) - Number(t2)));
  return 1;
}

function getenv(L: LuaThread, base: number, nargs: number): number {
  L.push(platformOf(L).getenv(checkCString(L, base, nargs, 1)));   // names and paths are C strings: cut at a NUL
  return 1;
}

function remove(L: LuaThread, base: number, nargs: number): number {
  const name = checkCString(L, base, nargs, 1);
  try {
    platformOf(L).remove(name);
  } catch (e) {
    return fileResult(L, e, name);
  }
  L.push(true);
  return 1;
}

function rename(L: LuaThread, base: number, nargs: number): number {
  const from = checkCString(L, base, nargs, 1);
  const to = checkCString(L, base, nargs, 2);
  try {
    platformOf(L).rename(from, to);
  } catch (e) {
    return fileResult(L, e, undefined);  // loslib reports rename's failure without a name
  }
  L.push(true);
  return 1;
}

function tmpname(L: LuaThread): number {
  let name: string;
  try {
    name = platformOf(L).tmpname();
  } catch {
    luaError(L, 'unable to generate a unique filename');
  }
  L.push(name);
  return 1;
}

/** luaL_execresult: `true|nil, "exit"|"signal", code`. */
function execResult(L: LuaThread, st: ExitStatus): number {
  L.push(st.how === 'exit' && st.code === 0 ? true : undefined);
  L.push(st.how);
  L.push(st.code);
  return 3;
}

function execute(L: LuaThread, base: number, nargs: number): number {
  const processes = platformOf(L).processes;
  const cmd = arg(L, base, nargs, 1);
  if (cmd === undefined) { L.push(processes !== undefined && (processes.available?.() ?? true)); return 1; }  // is a shell available?
  const command = checkCString(L, base, nargs, 1);
  if (processes === undefined) return execResult(L, { how: 'exit', code: 127 });
  L.global.flush();   // what Lua printed comes before what the command prints
  try {
    return execResult(L, processes.execute(command));
  } catch (e) {
    return fileResult(L, e, undefined);
  }
}

function exit(L: LuaThread, base: number, nargs: number): number {
  const v: Value = arg(L, base, nargs, 1);
  const code = v === undefined || v === true ? 0 : v === false ? 1 : Number(checkInteger(L, base, nargs, 1));
  // os.exit(code, true) closes the state first: pending finalizers run (lua_close)
  if (arg(L, base, nargs, 2) !== undefined && arg(L, base, nargs, 2) !== false) {
    // lua_close: pending to-be-closed variables are closed (innermost first), then finalizers run
    closeAllTbc(L, undefined);
    closeHeap(L.global, L);
  }
  L.global.flush();
  return platformOf(L).exit(code);
}

function setlocale(L: LuaThread, base: number, nargs: number): number {
  const loc = arg(L, base, nargs, 1) === undefined ? undefined : checkCString(L, base, nargs, 1);
  const cats = ['all', 'collate', 'ctype', 'monetary', 'numeric', 'time'];
  const cat = optCString(L, base, nargs, 2, 'all');
  if (!cats.includes(cat)) argError(L, 2, `invalid option '${cat}'`);
  L.push(loc === undefined || loc === '' || loc === 'C' || loc === 'POSIX' ? 'C' : undefined);
  return 1;
}

/** Install the os library. */
export function openOs(state: LuaState): void {
  const O = new LuaTable(state.global.heap);
  const fns: [string, (L: LuaThread, base: number, nargs: number) => number][] = [
    ['clock', clock], ['date', date], ['difftime', difftime], ['execute', execute], ['exit', exit],
    ['getenv', getenv], ['remove', remove], ['rename', rename], ['setlocale', setlocale],
    ['time', time], ['tmpname', tmpname],
  ];
  for (const [name, fn] of fns) O.set(name, native(name, fn));
  state.globals.set('os', O);
}
