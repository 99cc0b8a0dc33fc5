/**
 * # The debug library: upvalues, metatables, user values, the registry
 *
 * Responsibility: the debug functions that read and change values behind
 * Lua's back — any function's upvalues (`getupvalue`, `setupvalue`, their
 * identities `upvalueid` and `upvaluejoin`), any value's metatable without
 * `__metatable` protection (`getmetatable`, `setmetatable`, including the
 * shared metatables of numbers, strings, booleans, nil and functions), the
 * user values of full userdata, and the registry.
 *
 * Manual: §6.10. PUC-Rio counterpart: `ldblib.c` (db_getupvalue,
 * db_upvalueid, db_upvaluejoin, db_setmetatable, db_getuservalue, ...),
 * written as there on lua.h's operations (here `src/api/debug.ts`:
 * getUpvalue, upvalueId, setMetatable, getUserValue, registryTable ...).
 *
 * Invariant: this module only checks arguments and pushes results; every
 * store is made by the api, which runs the collector's barriers (a black
 * closure given another upvalue, a black table given a metatable).
 *
 * Read next: `debug.ts` (stack levels, locals, hooks), `src/api/debug.ts`.
 */
import { LuaThread, LuaClosure, LuaUserdata } from '../api/lua.ts';
import { native } from '../api/state.ts';
import { arg, argError, checkAny, checkInteger, optInteger, typeArgError } from '../api/auxlib.ts';
import {
  getUpvalue, setUpvalue, upvalueId, upvalueJoin, getMetatable, setMetatable, isFunction,
  isLightUserdata, isFullUserdata, getUserValue, setUserValue, registryTable, type LuaFunction,
} from '../api/debug.ts';
import { LuaTable } from '../value/index.ts';

function checkFunction(L: LuaThread, base: number, nargs: number, n: number): LuaFunction {
  const f = arg(L, base, nargs, n);
  if (!isFunction(f)) typeArgError(L, base, nargs, n, 'function');
  return f;
}

/** debug.getupvalue(f, n): name and value of upvalue `n`, or nothing. */
function getupvalue(L: LuaThread, base: number, nargs: number): number {
  const n = Number(checkInteger(L, base, nargs, 2));
  const up = getUpvalue(checkFunction(L, base, nargs, 1), n);
  if (up === undefined) return 0;
  L.push(up[0]);
  L.push(up[1]);
  return 2;
}

/** debug.setupvalue(f, n, value): the upvalue's name, or nothing. */
function setupvalue(L: LuaThread, base: number, nargs: number): number {
  const v = checkAny(L, base, nargs, 3);
  const n = Number(checkInteger(L, base, nargs, 2));
  const name = setUpvalue(checkFunction(L, base, nargs, 1), n, v);
  if (name === undefined) return 0;
  L.push(name);
  return 1;
}

/** debug.upvalueid(f, n): a light userdata standing for the upvalue's variable, or fail. */
function upvalueid(L: LuaThread, base: number, nargs: number): number {
  const n = Number(checkInteger(L, base, nargs, 2));
  L.push(upvalueId(L, checkFunction(L, base, nargs, 1), n));
  return 1;
}

/** An upvalue argument pair (function, index); the index is checked first, as ldblib does. */
function checkUpvalue(L: LuaThread, base: number, nargs: number, fi: number, ni: number): [LuaFunction, number] {
  const n = Number(checkInteger(L, base, nargs, ni));
  const f = checkFunction(L, base, nargs, fi);
  if (getUpvalue(f, n) === undefined) argError(L, ni, 'invalid upvalue index');
  return [f, n];
}

/** debug.upvaluejoin(f1, n1, f2, n2): upvalue n1 of f1 becomes upvalue n2 of f2 (Lua functions only). */
function upvaluejoin(L: LuaThread, base: number, nargs: number): number {
  const [f1, n1] = checkUpvalue(L, base, nargs, 1, 2);
  const [f2, n2] = checkUpvalue(L, base, nargs, 3, 4);
  if (!(f1 instanceof LuaClosure)) argError(L, 1, 'Lua function expected');
  if (!(f2 instanceof LuaClosure)) argError(L, 3, 'Lua function expected');
  upvalueJoin(f1, n1, f2, n2);
  return 0;
}

/** debug.getmetatable(v): the metatable, `__metatable` ignored. */
function getmetatable(L: LuaThread, base: number, nargs: number): number {
  L.push(getMetatable(L, checkAny(L, base, nargs, 1)));
  return 1;
}

/** debug.setmetatable(v, mt): for any type, `__metatable` ignored; returns v. */
function setmetatable(L: LuaThread, base: number, nargs: number): number {
  const v = arg(L, base, nargs, 1);
  const mt = arg(L, base, nargs, 2);
  if (mt !== undefined && !(mt instanceof LuaTable)) typeArgError(L, base, nargs, 2, 'nil or table');
  setMetatable(L, v, mt);
  L.push(v);
  return 1;
}

/** debug.getuservalue(u [, n]): user value n and true, or fail (not a full userdata, or no such value). */
function getuservalue(L: LuaThread, base: number, nargs: number): number {
  const u = arg(L, base, nargs, 1);
  const n = Number(optInteger(L, base, nargs, 2, 1));
  const uv = isFullUserdata(u) ? getUserValue(u, n) : undefined;
  if (uv === undefined) { L.push(undefined); return 1; }
  L.push(uv[0]);
  L.push(true);
  return 2;
}

/** debug.setuservalue(u, value [, n]): u, or fail when it has no user value n. */
function setuservalue(L: LuaThread, base: number, nargs: number): number {
  const u = arg(L, base, nargs, 1);
  if (!(u instanceof LuaUserdata)) typeArgError(L, base, nargs, 1, 'userdata');
  if (isLightUserdata(u)) argError(L, 1, 'userdata expected, got light userdata');
  const v = checkAny(L, base, nargs, 2);
  const n = Number(optInteger(L, base, nargs, 3, 1));
  L.push(setUserValue(u, n, v) ? u : undefined);
  return 1;
}

/** debug.getregistry(): the registry table. */
function getregistry(L: LuaThread): number {
  L.push(registryTable(L));
  return 1;
}

/** Add these functions to the debug table. */
export function addDebugValueFunctions(t: LuaTable): void {
  const fns: [string, (L: LuaThread, base: number, nargs: number) => number][] = [
    ['getupvalue', getupvalue], ['setupvalue', setupvalue], ['upvalueid', upvalueid],
    ['upvaluejoin', upvaluejoin], ['getmetatable', getmetatable], ['setmetatable', setmetatable],
    ['getuservalue', getuservalue], ['setuservalue', setuservalue], ['getregistry', getregistry],
  ];
  for (const [name, fn] of fns) t.set(name, native(name, fn));
}

