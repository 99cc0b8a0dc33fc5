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
 * db_upvalueid, db_upvaluejoin, db_setmetatable, db_getuservalue, ...), on
 * `lapi.c`'s lua_getupvalue / lua_upvalueid.
 *
 * Invariant: every store goes through the collector's barriers (a black
 * closure given a white upvalue, a black table given a metatable).
 *
 * Read next: `debug.ts` (stack levels, locals, hooks).
 */
import { LuaClosure, LuaNative, LuaThread, UpVal } from '../object/objects.ts';
import { native } from '../api/state.ts';
import { arg, argError, checkAny, checkInteger, optInteger, typeArgError } from '../api/auxlib.ts';
import { typeName } from '../vm/meta.ts';
import { LuaTable } from '../value/index.ts';
import { LuaUserdata } from '../object/userdata.ts';
import { BLACK } from '../value/collectable.ts';

function checkFunction(L: LuaThread, base: number, nargs: number, n: number): LuaClosure | LuaNative {
  const f = arg(L, base, nargs, n);
  if (!(f instanceof LuaClosure || f instanceof LuaNative)) typeArgError(L, base, nargs, n, 'function');
  return f;
}

/** Name of upvalue `n` of `f` ("" for a native's, "(no name)" if stripped), or undefined if out of range. */
function upvalueName(f: LuaClosure | LuaNative, n: number): string | undefined {
  if (f instanceof LuaNative) return n >= 1 && n <= f.upvalues.length ? '' : undefined;
  if (n < 1 || n > f.upvals.length) return undefined;
  return f.proto.upvalues[n - 1]?.name ?? '(no name)';
}

function getupvalue(L: LuaThread, base: number, nargs: number): number {
  const n = Number(checkInteger(L, base, nargs, 2));
  const f = checkFunction(L, base, nargs, 1);
  const name = upvalueName(f, n);
  if (name === undefined) return 0;
  L.push(name);
  L.push(f instanceof LuaNative ? f.upvalues[n - 1] : f.upvals[n - 1].get());
  return 2;
}

function setupvalue(L: LuaThread, base: number, nargs: number): number {
  const v = checkAny(L, base, nargs, 3);
  const n = Number(checkInteger(L, base, nargs, 2));
  const f = checkFunction(L, base, nargs, 1);
  const name = upvalueName(f, n);
  if (name === undefined) return 0;
  if (f instanceof LuaNative) f.upvalues[n - 1] = v; else f.upvals[n - 1].set(v);
  L.push(name);
  return 1;
}

/**
 * Upvalue identities are light userdata in PUC-Rio (the address of the
 * UpVal). lucid hands out one userdata per upvalue cell, kept while the
 * cell lives, so equal identities compare equal and print alike.
 */
const ids = new WeakMap<object, LuaUserdata>();
const nativeIds = new WeakMap<LuaNative, LuaUserdata[]>();
/** The identities handed out: they behave as light userdata (no user values, "got light userdata"). */
const light = new WeakSet<LuaUserdata>();

function upvalueid(L: LuaThread, base: number, nargs: number): number {
  const n = Number(checkInteger(L, base, nargs, 2));
  const f = checkFunction(L, base, nargs, 1);
  if (upvalueName(f, n) === undefined) { L.push(undefined); return 1; }
  let id: LuaUserdata | undefined;
  if (f instanceof LuaClosure) {
    const cell = f.upvals[n - 1];
    id = ids.get(cell);
    if (id === undefined) { id = LuaUserdata.light(L.global.heap, cell); ids.set(cell, id); light.add(id); }
  } else {
    let list = nativeIds.get(f);
    if (list === undefined) { list = []; nativeIds.set(f, list); }
    id = list[n - 1] ??= LuaUserdata.light(L.global.heap, f);
    light.add(id);
  }
  L.push(id);
  return 1;
}

/** An upvalue argument pair (function, index); the index is checked first, as ldblib does. */
function checkUpvalue(L: LuaThread, base: number, nargs: number, fi: number, ni: number): [LuaClosure | LuaNative, number] {
  const n = Number(checkInteger(L, base, nargs, ni));
  const f = checkFunction(L, base, nargs, fi);
  if (upvalueName(f, n) === undefined) argError(L, ni, 'invalid upvalue index');
  return [f, n];
}

function upvaluejoin(L: LuaThread, base: number, nargs: number): number {
  const [f1, n1] = checkUpvalue(L, base, nargs, 1, 2);
  const [f2, n2] = checkUpvalue(L, base, nargs, 3, 4);
  if (!(f1 instanceof LuaClosure)) argError(L, 1, 'Lua function expected');
  if (!(f2 instanceof LuaClosure)) argError(L, 3, 'Lua function expected');
  const cell: UpVal = f2.upvals[n2 - 1];
  f1.upvals[n1 - 1] = cell;
  if (f1.marked & BLACK) L.global.heap.barrierForward(f1, cell);
  return 0;
}

function getmetatable(L: LuaThread, base: number, nargs: number): number {
  const v = checkAny(L, base, nargs, 1);
  if (v instanceof LuaTable || v instanceof LuaUserdata) { L.push(v.metatable); return 1; }
  L.push(L.global.typeMetatables.get(typeName(L.global, v)));
  return 1;
}

function setmetatable(L: LuaThread, base: number, nargs: number): number {
  const v = arg(L, base, nargs, 1);
  const mt = arg(L, base, nargs, 2);
  if (mt !== undefined && !(mt instanceof LuaTable)) typeArgError(L, base, nargs, 2, 'nil or table');
  if (v instanceof LuaTable) v.setMetatable(mt);
  else if (v instanceof LuaUserdata) v.setMetatable(mt);
  else {
    const type = typeName(L.global, v);
    if (mt === undefined) L.global.typeMetatables.delete(type); else L.global.typeMetatables.set(type, mt);
  }
  L.push(v);
  return 1;
}

function getuservalue(L: LuaThread, base: number, nargs: number): number {
  const u = arg(L, base, nargs, 1);
  const n = Number(optInteger(L, base, nargs, 2, 1));
  if (!(u instanceof LuaUserdata) || light.has(u)) { L.push(undefined); return 1; }
  if (n < 1 || n > u.uservalues.length) { L.push(undefined); return 1; }
  L.push(u.uservalues[n - 1]);
  L.push(true);
  return 2;
}

function setuservalue(L: LuaThread, base: number, nargs: number): number {
  const u = arg(L, base, nargs, 1);
  if (!(u instanceof LuaUserdata)) typeArgError(L, base, nargs, 1, 'userdata');
  if (light.has(u)) argError(L, 1, 'userdata expected, got light userdata');
  const v = checkAny(L, base, nargs, 2);
  const n = Number(optInteger(L, base, nargs, 3, 1));
  L.push(u.setUserValue(n, v) ? u : undefined);
  return 1;
}

/** The registry as a table: `_LOADED`, the main thread at 1 and the globals at 2, as in PUC-Rio. */
function getregistry(L: LuaThread): number {
  const G = L.global;
  let t = G.registry.get('_REGISTRY') as LuaTable | undefined;
  if (t === undefined) {
    t = new LuaTable(G.heap);
    G.registry.set('_REGISTRY', t);
  }
  t.setInt(1, G.mainThread);
  t.setInt(2, G.globals);
  for (const [k, v] of G.registry) if (k !== '_REGISTRY') t.set(k, v);
  L.push(t);
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

