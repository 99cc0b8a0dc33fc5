/**
 * # The `T` testing library
 *
 * Responsibility: the functions of PUC-Rio's internal testing library that
 * the official test suite uses, so that its checks run for real instead of
 * being skipped:
 * - compiled code, for code.lua: `T.listcode(f)`, `T.listk(f)`,
 *   `T.listabslineinfo(f)`, `T.listlocals(f, pc)`;
 * - the collector, for gc.lua and gengc.lua: `T.gcstate` (read the state,
 *   or run the collector to one), `T.gccolor`, `T.gcage`, `T.totalmem`
 *   (bytes in use, objects of a type, or a memory limit), `T.checkmemory`
 *   (the heap's invariant checker) and `T.newuserdata`.
 *
 * Manual: none; this is PUC-Rio's ltests.c, which only exists in test
 * builds. Like there, it is off by default: set the environment variable
 * `LUCID_TESTLIB=1` (the conformance runner does it for the files that use
 * it) to get a global `T`.
 *
 * PUC-Rio counterpart: `ltests.c` (listcode, listk, listabslineinfo,
 * listlocals, gc_state, gc_color, gc_age, mem_query, lua_checkmemory,
 * newuserdata). ltests.c is compiled against the core's internals; here
 * the library stays above the api like every other one, and what it reads
 * below lua.h comes from `src/api/introspect.ts`.
 *
 * Invariant: these functions only check arguments, call the introspection
 * module and convert its answers to Lua values.
 *
 * Read next: `src/api/introspect.ts`, `src/bytecode/testlib.ts` (the text of
 * each instruction).
 */
import { addLibrary, native, type LuaState } from '../api/state.ts';
import { LuaUserdata, type LuaThread } from '../api/lua.ts';
import { arg, argError, checkAny, checkInteger, optInteger, luaError } from '../api/auxlib.ts';
import {
  protoOf, listcode, listk, listabslineinfo, listlocals, GC_STATE_NAMES, gcStateName, gcMode,
  runGcToState, gcColor, gcAge, totalMemory, countObjectsOfType, setMemoryLimit, checkMemory,
  listEveryObject, chargeBlock, type Proto,
} from '../api/introspect.ts';
import { LuaTable, type Value } from '../value/index.ts';
import { addApiTestFunctions } from './testlib-api.ts';
import { standardLibraries } from './init.ts';

type Native = (L: LuaThread, base: number, nargs: number) => number;

// ---- compiled code (code.lua) ---------------------------------------------

function protoArg(L: LuaThread, base: number, nargs: number): Proto {
  const p = protoOf(arg(L, base, nargs, 1));
  if (p === undefined) argError(L, 1, 'Lua function expected');
  return p;
}

/** A sequence of `values` as a Lua table. */
function sequence(L: LuaThread, values: readonly Value[]): LuaTable {
  const t = new LuaTable(L.global.heap);
  values.forEach((v, i) => t.setInt(i + 1, v));
  return t;
}

/** T.listcode(f): one line per instruction, with `maxstack` and `numparams` fields. */
function tListcode(L: LuaThread, base: number, nargs: number): number {
  const r = listcode(protoArg(L, base, nargs));
  const t = sequence(L, r.code);
  t.set('maxstack', r.maxstack);
  t.set('numparams', r.numparams);
  L.push(t);
  return 1;
}

/** T.listk(f): the constants. */
function tListk(L: LuaThread, base: number, nargs: number): number {
  L.push(sequence(L, listk(protoArg(L, base, nargs))));
  return 1;
}

/** T.listabslineinfo(f): pc1, line1, pc2, line2, ... of the absolute line anchors. */
function tListabslineinfo(L: LuaThread, base: number, nargs: number): number {
  const r = listabslineinfo(protoArg(L, base, nargs));
  if (r === undefined) argError(L, 1, 'function has no debug info');
  L.push(sequence(L, r));
  return 1;
}

/** T.listlocals(f, pc): the names of the locals active at pc, as results. */
function tListlocals(L: LuaThread, base: number, nargs: number): number {
  const p = protoArg(L, base, nargs);
  const pc = Number(checkInteger(L, base, nargs, 2));
  const names = listlocals(p, pc);
  for (const n of names) L.push(n);
  return names.length;
}

// ---- the collector (gc.lua, gengc.lua) ------------------------------------

/** T.gcstate(): the collector's state; T.gcstate(name): run the collector to that state. */
function gcstate(L: LuaThread, base: number, nargs: number): number {
  const name = arg(L, base, nargs, 1);
  if (name === undefined) { L.push(gcStateName(L)); return 1; }
  if (!GC_STATE_NAMES.includes(String(name))) luaError(L, `invalid state '${String(name)}'`);
  if (gcMode(L) === 'generational') luaError(L, 'cannot change states in generational mode');
  runGcToState(L, String(name));
  return 0;
}

/** T.gccolor(v): "white", "gray", "black", "dead" or "no collectable". */
function gccolor(L: LuaThread, base: number, nargs: number): number {
  L.push(gcColor(L, checkAny(L, base, nargs, 1)));
  return 1;
}

/** T.gcage(v): the generational age of v, or "no collectable". */
function gcage(L: LuaThread, base: number, nargs: number): number {
  L.push(gcAge(checkAny(L, base, nargs, 1)));
  return 1;
}

/** T.totalmem(): bytes in use; T.totalmem(type): objects of that type; T.totalmem(n): set a memory limit (0: none). */
function totalmem(L: LuaThread, base: number, nargs: number): number {
  const a = arg(L, base, nargs, 1);
  if (typeof a === 'string') { L.push(countObjectsOfType(L, a)); return 1; }
  if (a === undefined) { L.push(totalMemory(L)); return 1; }
  setMemoryLimit(L, Number(optInteger(L, base, nargs, 1, 0)));
  return 0;
}

/** T.checkmemory(): raise an error if the heap breaks one of the collector's invariants. */
function checkmemory(L: LuaThread): number {
  const problem = checkMemory(L);
  if (problem !== undefined) luaError(L, `checkmemory: ${problem}`);
  return 0;
}

/** The largest block a userdata may have (a JS typed array's limit, well above any memory limit). */
const MAX_BLOCK = 2 ** 31;

/** T.newuserdata([size [, nuv]]): a full userdata of `size` bytes with `nuv` user values. */
function newuserdata(L: LuaThread, base: number, nargs: number): number {
  const size = Number(optInteger(L, base, nargs, 1, 0));
  if (size > MAX_BLOCK) luaError(L, 'memory allocation error: block too big');
  const nuv = Number(optInteger(L, base, nargs, 2, 0));
  const u = new LuaUserdata(L.global.heap, new Uint8Array(size), undefined, nuv);
  L.push(u);
  chargeBlock(L, u, size);
  return 1;
}

function addAll(T: LuaTable, fns: [string, Native][]): void {
  for (const [name, fn] of fns) T.set(name, native(name, fn));
}

/** Add the compiled-code functions to the table `T`. */
export function addCodeTestFunctions(T: LuaTable): void {
  addAll(T, [['listcode', tListcode], ['listk', tListk], ['listabslineinfo', tListabslineinfo],
    ['listlocals', tListlocals]]);
}

/** Add the collector's functions to the table `T` (the specs use them without the rest of `T`). */
export function addGcTestFunctions(T: LuaTable): void {
  addAll(T, [['gcstate', gcstate], ['gccolor', gccolor], ['gcage', gcage], ['totalmem', totalmem],
    ['checkmemory', checkmemory], ['newuserdata', newuserdata]]);
}

/** Install `T` when LUCID_TESTLIB is set. */
export function openTestLib(state: LuaState): void {
  if (!state.platform.getenv('LUCID_TESTLIB')) return;
  const T = new LuaTable(state.global.heap);
  addCodeTestFunctions(T);
  addGcTestFunctions(T);
  addApiTestFunctions(T, standardLibraries);
  listEveryObject(state.L);   // every object on the list, so T.totalmem can count them
  state.global.testWarnings = { on: false, mode: 'normal', buffer: '', continuing: false };
  state.globals.set('T', T);
}
