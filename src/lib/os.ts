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
 * - `os.exit` flushes buffered output first (`GlobalState.flush`), since the
 *   process ends without returning to the interpreter.
 * - `setlocale` succeeds only for "C" and "" (lucid is a C-locale build).
 *
 * Read next: src/lib/date.ts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { addLibrary, native, type LuaState } from '../api/state.ts';
import type { LuaThread } from '../object/objects.ts';
import {
  arg, argError, checkInteger, checkString, checkTable, luaError, optString,
} from '../api/auxlib.ts';
import { LuaTable, mkfloat, type Value } from '../value/index.ts';
import { osDate, osTime, currentTime, type DateTable } from './date.ts';
import { guard } from './guard.ts';
import { failResult } from './errno.ts';
import { closeHeap } from '../gc/collector.ts';
import { closeAllTbc } from '../vm/call.ts';


/** `nil, "name: reason", errno` as luaL_fileresult reports a failure. */
function fileResult(L: LuaThread, e: unknown, name: string | undefined): number {
  for (const v of failResult(e, name)) L.push(v);
  return 3;
}

function clock(L: LuaThread): number {
  // processor time of this process, as C's clock() measures it
  const u = process.cpuUsage();
  L.push(mkfloat((u.user + u.system) / 1e6));
  return 1;
}

function setFields(t: LuaTable, d: DateTable): void {
  t.set('year', d.year); t.set('month', d.month); t.set('day', d.day);
  t.set('hour', d.hour); t.set('min', d.min); t.set('sec', d.sec);
  t.set('yday', d.yday); t.set('wday', d.wday); t.set('isdst', d.isdst);
}

function date(L: LuaThread, base: number, nargs: number): number {
  const fmt = optString(L, base, nargs, 1, '%c');
  const t = arg(L, base, nargs, 2) === undefined ? currentTime() : checkInteger(L, base, nargs, 2);
  const r = guard(L, () => osDate(fmt, t));
  if (typeof r === 'string') { L.push(r); return 1; }
  const tbl = new LuaTable(L.global.heap);
  setFields(tbl, r);
  L.push(tbl);
  return 1;
}

function time(L: LuaThread, base: number, nargs: number): number {
  if (arg(L, base, nargs, 1) === undefined) { L.push(currentTime()); return 1; }
  const t = checkTable(L, base, nargs, 1);
  const r = guard(L, () => osTime((key) => t.get(key)));
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
  L.push(process.env[checkString(L, base, nargs, 1)]);
  return 1;
}

function remove(L: LuaThread, base: number, nargs: number): number {
  const name = checkString(L, base, nargs, 1);
  try {
    if (fs.statSync(name).isDirectory()) fs.rmdirSync(name); else fs.unlinkSync(name);
  } catch (e) {
    return fileResult(L, e, name);
  }
  L.push(true);
  return 1;
}

function rename(L: LuaThread, base: number, nargs: number): number {
  const from = checkString(L, base, nargs, 1);
  const to = checkString(L, base, nargs, 2);
  try {
    fs.renameSync(from, to);
  } catch (e) {
    return fileResult(L, e, undefined);  // loslib reports rename's failure without a name
  }
  L.push(true);
  return 1;
}

function tmpname(L: LuaThread): number {
  const name = path.join(os.tmpdir(), `lua_${process.pid}_${Math.random().toString(36).slice(2, 10)}`);
  try {
    fs.writeFileSync(name, '', { flag: 'wx' });  // mkstemp creates the file
  } catch {
    luaError(L, 'unable to generate a unique filename');
  }
  L.push(name);
  return 1;
}

function execute(L: LuaThread, base: number, nargs: number): number {
  const cmd = arg(L, base, nargs, 1);
  if (cmd === undefined) { L.push(true); return 1; }  // a shell is available
  L.global.flush();
  const r = spawnSync('/bin/sh', ['-c', checkString(L, base, nargs, 1)], { stdio: 'inherit' });
  if (r.signal) { L.push(undefined); L.push('signal'); L.push(os.constants.signals[r.signal] ?? 0); return 3; }
  const code = r.status ?? 1;
  L.push(code === 0 ? true : undefined);
  L.push('exit');
  L.push(code);
  return 3;
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
  process.exit(code);
}

function setlocale(L: LuaThread, base: number, nargs: number): number {
  const loc = arg(L, base, nargs, 1) === undefined ? undefined : checkString(L, base, nargs, 1);
  const cats = ['all', 'collate', 'ctype', 'monetary', 'numeric', 'time'];
  const cat = optString(L, base, nargs, 2, 'all');
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
