/**
 * # The collector's part of the `T` testing library
 *
 * Responsibility: the functions of PUC-Rio's internal testing library that
 * the official gc.lua and gengc.lua use, so that its collector checks run for real:
 * `T.gcstate` (read the phase, or run the collector to one), `T.gccolor`,
 * `T.gcage`, `T.totalmem` (bytes in use, objects of a type, or a memory
 * limit),
 * `T.checkmemory` (the invariant checker of `verify.ts`) and
 * `T.newuserdata`. Off unless LUCID_TESTLIB=1 (see src/lib/testlib.ts).
 *
 * `T.gcage` names an object's age in generational mode (heap.ts; every
 * object is "new" in incremental mode), as gengc.lua checks it.
 *
 * Manual: none (a testing aid). PUC-Rio counterpart: `ltests.c`
 * (`gc_state`, `gc_color`, `gc_age`, `mem_query`, `lua_checkmemory`, `newuserdata`).
 *
 * Invariant: `T.gcstate` names follow ltests.c, which calls the state
 * before the atomic step "atomic" (lucid's ENTERATOMIC).
 *
 * Read next: `collector.ts`, `verify.ts`.
 */
import type { LuaThread } from '../object/objects.ts';
import type { LuaTable } from '../value/table.ts';
import { LuaUserdata } from '../object/userdata.ts';
import { native } from './state.ts';
import { arg, checkAny, optInteger, luaError } from './auxlib.ts';
import { BLACK, WHITES, FIXED, Phase, AGE_NAMES, declaredMode, getAge, type GCObject } from '../gc/heap.ts';
import { runToPhase, isDead } from '../gc/collector.ts';
import { checkHeap, countObjects } from '../gc/verify.ts';

/** ltests.c's state names, in lucid's Phase order. */
const T_NAMES = ['propagate', 'atomic', 'enteratomic', 'sweepallgc', 'sweepfinobj', 'sweeptobefnz',
  'sweepend', 'callfin', 'pause'];

function gcstate(L: LuaThread, base: number, nargs: number): number {
  const h = L.global.heap;
  const name = arg(L, base, nargs, 1);
  if (name === undefined) { L.push(T_NAMES[h.phase]); return 1; }
  const phase = T_NAMES.indexOf(String(name)) as Phase;
  if (phase < 0) luaError(L, `invalid state '${String(name)}'`);
  if (declaredMode(h) === 'generational') luaError(L, 'cannot change states in generational mode');
  if (phase < h.phase) runToPhase(L.global, L, Phase.PAUSE);
  runToPhase(L.global, L, phase);
  return 0;
}

function gccolor(L: LuaThread, base: number, nargs: number): number {
  const o = checkAny(L, base, nargs, 1) as { marked?: number };
  const h = L.global.heap;
  if (typeof o !== 'object' || o === null || o.marked === undefined || o.marked & FIXED) { L.push('no collectable'); return 1; }
  const m = o.marked;
  L.push(isDead(h, o as never) ? 'dead' : m & WHITES ? 'white' : m & BLACK ? 'black' : 'gray');
  return 1;
}

function gcage(L: LuaThread, base: number, nargs: number): number {
  const o = checkAny(L, base, nargs, 1) as { marked?: number };
  if (typeof o !== 'object' || o === null || o.marked === undefined || o.marked & FIXED) { L.push('no collectable'); return 1; }
  L.push(AGE_NAMES[getAge(o as GCObject)]);
  return 1;
}

function totalmem(L: LuaThread, base: number, nargs: number): number {
  const h = L.global.heap;
  const a = arg(L, base, nargs, 1);
  if (typeof a === 'string') { L.push(countObjects(h, a)); return 1; }
  if (a === undefined) { L.push(Math.round(h.total)); return 1; }
  const limit = Number(optInteger(L, base, nargs, 1, 0));
  h.limit = limit === 0 ? Infinity : limit;
  return 0;
}

function checkmemory(L: LuaThread): number {
  try {
    checkHeap(L.global.heap);
  } catch (e) {
    luaError(L, `checkmemory: ${(e as Error).message}`);
  }
  return 0;
}

function newuserdata(L: LuaThread, base: number, nargs: number): number {
  const size = Number(optInteger(L, base, nargs, 1, 0));
  const nuv = Number(optInteger(L, base, nargs, 2, 0));
  L.push(new LuaUserdata(L.global.heap, new Uint8Array(size), undefined, nuv));
  return 1;
}

/** Add the collector's functions to the table `T`. */
export function addGcTestFunctions(T: LuaTable): void {
  T.set('gcstate', native('gcstate', gcstate));
  T.set('gccolor', native('gccolor', gccolor));
  T.set('gcage', native('gcage', gcage));
  T.set('totalmem', native('totalmem', totalmem));
  T.set('checkmemory', native('checkmemory', checkmemory));
  T.set('newuserdata', native('newuserdata', newuserdata));
}
