/**
 * # Operations with metamethods, for natives
 *
 * Responsibility: what Lua code does with operators, done from a native:
 * indexing and assigning with `__index`/`__newindex` (the one walker the
 * libraries use), length with `__len`, arithmetic, comparison and
 * concatenation with their metamethods. Metamethods are called
 * synchronously (`callSync`), as lua_gettable & co. call them through
 * luaD_call from C: they cannot yield, and they count against the C-call
 * limit.
 *
 * Manual: §2.4 (metatables and metamethods), §3.4 (expressions).
 * PUC-Rio counterpart: `lapi.c` (lua_gettable, lua_getfield, lua_geti,
 * lua_settable, lua_setfield, lua_seti, lua_len, lua_arith, lua_compare,
 * lua_concat, lua_getglobal, lua_setglobal) over `lvm.c`'s luaV_finishget,
 * luaV_finishset, luaV_objlen, luaV_lessthan, luaV_equalobj, luaV_concat.
 *
 * Invariants:
 * - The raw case costs what a raw access costs: a table without a
 *   metatable (or with the key present) never reaches the slow path.
 * - Indexing, assigning and ordering are not written twice: their slow
 *   paths are the dispatch loop's own (src/vm/meta.ts `index`, `setIndex`,
 *   `lessApi`) in API mode (FROM_API), where a metamethod is called to
 *   completion instead of being pushed as a frame the loop resumes. The
 *   chain limits, the Lua 5.3 `__le` fallback and the budget checks of a
 *   nested call are therefore the loop's.
 * - Errors are worded as when a C function performs the operation: no
 *   position, no variable name ("attempt to index a number value").
 *
 * Read next: `calls.ts`, `src/vm/meta.ts` (the same rules inside the loop).
 */
import type { LuaThread } from '../object/objects.ts';
import { callSync } from '../vm/call.ts';
import { metafield, objTypeName, concatPiece, index, setIndex, lessApi } from '../vm/meta.ts';
import { FROM_API } from '../vm/errors.ts';
import {
  LuaTable, LuaError, ArithOp, arith as valueArith, tointeger, F2I, isNumber,
  numberLessEqual, type LuaInteger, type Value,
} from '../value/index.ts';

// ---------------------------------------------------------------------------
// Indexing (lua_gettable, lua_getfield, lua_geti, lua_getglobal)
// ---------------------------------------------------------------------------

/**
 * `lua_gettable`: `t[k]` honouring `__index`; raises "attempt to index a X
 * value" for a value without one, "'__index' chain too long; possible
 * loop" after MAXTAGLOOP handlers; errors of a handler pass through.
 */
export function gettable(L: LuaThread, t: Value, k: Value): Value {
  if (t instanceof LuaTable) {
    const v = t.get(k);
    if (v !== undefined || t.metatable === undefined) return v;
  }
  return finishGet(L, t, k);
}

/** `lua_getfield`: `t[k]` for a string key (errors as {@link gettable}). */
export function getfield(L: LuaThread, t: Value, k: string): Value {
  if (t instanceof LuaTable) {
    const v = t.getStr(k);
    if (v !== undefined || t.metatable === undefined) return v;
  }
  return finishGet(L, t, k);
}

/** `lua_geti`: `t[i]` for an integer key (errors as {@link gettable}). */
export function geti(L: LuaThread, t: Value, i: LuaInteger): Value {
  if (t instanceof LuaTable) {
    const v = typeof i === 'number' ? t.getInt(i) : t.get(i);
    if (v !== undefined || t.metatable === undefined) return v;
  }
  return finishGet(L, t, i);
}

/** `lua_getglobal`: a global variable (the global table may have `__index`). */
export function getglobal(L: LuaThread, name: string): Value {
  return getfield(L, L.global.globals, name);
}

/**
 * The `__index` chain once the raw access found nothing: the dispatch
 * loop's own walker (luaV_finishget), in its API mode.
 */
function finishGet(L: LuaThread, t: Value, k: Value): Value {
  return index(L, t, k, FROM_API, 0) as Value;
}

// ---------------------------------------------------------------------------
// Assigning (lua_settable, lua_setfield, lua_seti, lua_setglobal)
// ---------------------------------------------------------------------------

/**
 * `lua_settable`: `t[k] = v` honouring `__newindex`; raises "attempt to
 * index a X value" for a value without one, "table index is nil" / "table
 * index is NaN" for such keys.
 */
export function settable(L: LuaThread, t: Value, k: Value, v: Value): void {
  if (t instanceof LuaTable && (t.metatable === undefined || t.get(k) !== undefined)) { t.set(k, v); return; }
  finishSet(L, t, k, v);
}

/** `lua_setfield`: `t[k] = v` for a string key (errors as {@link settable}). */
export function setfield(L: LuaThread, t: Value, k: string, v: Value): void {
  if (t instanceof LuaTable && (t.metatable === undefined || t.getStr(k) !== undefined)) { t.setStr(k, v); return; }
  finishSet(L, t, k, v);
}

/** `lua_seti`: `t[i] = v` for an integer key (errors as {@link settable}). */
export function seti(L: LuaThread, t: Value, i: LuaInteger, v: Value): void {
  if (t instanceof LuaTable) {
    if (typeof i === 'number') {
      if (t.metatable === undefined || t.getInt(i) !== undefined) { t.setInt(i, v); return; }
    } else if (t.metatable === undefined || t.get(i) !== undefined) { t.set(i, v); return; }
  }
  finishSet(L, t, i, v);
}

/** `lua_setglobal`. */
export function setglobal(L: LuaThread, name: string, v: Value): void {
  setfield(L, L.global.globals, name, v);
}

/** The `__newindex` chain: the dispatch loop's walker (luaV_finishset), in its API mode. */
function finishSet(L: LuaThread, t: Value, k: Value, v: Value): void {
  setIndex(L, t, k, v, FROM_API);
}

// ---------------------------------------------------------------------------
// Length, arithmetic, comparison, concatenation
// ---------------------------------------------------------------------------

/**
 * `lua_len`: `#v` honouring `__len` (its result may be any value; auxlib's
 * `integerLength` wants an integer); raises "attempt to get length of a X
 * value".
 */
export function len(L: LuaThread, v: Value): Value {
  if (typeof v === 'string') return v.length;
  if (v instanceof LuaTable && v.metatable === undefined) return v.length();
  const h = metafield(L.global, v, '__len');
  if (h !== undefined) return callSync(L, h, [v])[0];
  if (v instanceof LuaTable) return v.length();
  throw new LuaError(`attempt to get length of a ${objTypeName(v)} value`);
}

/**
 * `a op b` on numbers and numeric strings, no metamethods (luaO_rawarith
 * with lua_arith's coercions): the result, or undefined when an operand is
 * not a number. Its own errors ("attempt to divide by zero", "attempt to
 * perform 'n%0'", "number has no integer representation") are raised as
 * from a C function: without a position.
 */
export function rawarith(op: ArithOp, a: Value, b: Value): Value {
  try {
    return valueArith(op, a, op === ArithOp.UNM || op === ArithOp.BNOT ? a : b);
  } catch (e) {
    if (e instanceof LuaError) e.needsPosition = false;
    throw e;
  }
}

/** The metamethod of each ArithOp, in its order. */
const ARITH_EVENTS = ['__add', '__sub', '__mul', '__mod', '__pow', '__div', '__idiv',
  '__band', '__bor', '__bxor', '__shl', '__shr', '__unm', '__bnot'];

/**
 * `lua_arith`: `a op b` (for UNM and BNOT, `op a`) with string coercion
 * and metamethods. Bitwise operators need integer values: "number has no
 * integer representation", or "attempt to perform bitwise operation on a
 * X value"; the others "attempt to perform arithmetic on a X value".
 */
export function arith(L: LuaThread, op: ArithOp, a: Value, b?: Value): Value {
  if (op === ArithOp.UNM || op === ArithOp.BNOT) b = a;   // lua_arith gives unary operators their operand twice
  const bitwise = op >= ArithOp.BAND && op <= ArithOp.SHR || op === ArithOp.BNOT;
  const intA = bitwise ? tointeger(a, F2I.EQ, true) : undefined;
  const intB = bitwise ? tointeger(b, F2I.EQ, true) : undefined;
  if (!bitwise || (intA !== undefined && intB !== undefined)) {
    const r = rawarith(op, a, b);
    if (r !== undefined) return r;
  }
  const ev = ARITH_EVENTS[op];
  const h = metafield(L.global, a, ev) ?? metafield(L.global, b, ev);
  if (h !== undefined) return callSync(L, h, [a, b])[0];
  if (bitwise && isNumber(a) && isNumber(b)) throw new LuaError('number has no integer representation');
  // luaG_opinterror: the first operand unless it is a number (a numeric string is not)
  const bad = isNumber(a) ? b : a;
  throw new LuaError(`attempt to perform ${bitwise ? 'bitwise operation' : 'arithmetic'} on a ${objTypeName(bad)} value`);
}

/**
 * The operators of `lua_compare` (LUA_OPEQ, LUA_OPLT, LUA_OPLE).
 *
 * @property EQ - `a == b`, with `__eq` for two tables or two userdata.
 * @property LT - `a < b`, with `__lt` unless both are numbers or both strings.
 * @property LE - `a <= b`, with `__le` unless both are numbers or both strings.
 */
export const enum CompareOp { EQ = 0, LT = 1, LE = 2 }

/**
 * `lua_compare`: `a == b`, `a < b` or `a <= b` with metamethods; ordering
 * values of other types raises "attempt to compare two X values" /
 * "attempt to compare X with Y".
 */
export function compare(L: LuaThread, a: Value, b: Value, op: CompareOp): boolean {
  return op === CompareOp.EQ ? equal(L, a, b) : op === CompareOp.LT ? lessthan(L, a, b) : lessequal(L, a, b);
}

/** `a == b` honouring `__eq` (luaV_equalobj). */
export function equal(L: LuaThread, a: Value, b: Value): boolean {
  if (a === b) return true;
  if (isNumber(a) && isNumber(b)) return numberLessEqual(a, b) && numberLessEqual(b, a);
  const tables = a instanceof LuaTable && b instanceof LuaTable;
  const udata = typeof a === 'object' && typeof b === 'object' && a !== null && b !== null &&
    a.luaType === 'userdata' && b.luaType === 'userdata';
  if (!tables && !udata) return false;
  const h = metafield(L.global, a, '__eq') ?? metafield(L.global, b, '__eq');
  if (h === undefined) return false;
  const r = callSync(L, h, [a, b])[0];
  return r !== undefined && r !== false;
}

/** `a < b`: numbers, strings, else `__lt` (luaV_lessthan); raises "attempt to compare ...". */
export function lessthan(L: LuaThread, a: Value, b: Value): boolean {
  return lessApi(L, a, b, false);
}

/**
 * `a <= b`: numbers, strings, else `__le` (luaV_lessequal); with Lua 5.3
 * compatibility on, a missing `__le` falls back to `not (b < a)` via `__lt`.
 */
export function lessequal(L: LuaThread, a: Value, b: Value): boolean {
  return lessApi(L, a, b, true);
}

/**
 * `lua_concat`: join `values` as `v1 .. v2 .. ... .. vn` does, from the
 * right, calling `__concat` where a pair is not two strings or numbers.
 * No values give the empty string; one value is returned as it is.
 */
export function concat(L: LuaThread, values: readonly Value[]): Value {
  const n = values.length;
  if (n === 0) return '';
  let acc = values[n - 1];
  for (let i = n - 2; i >= 0; i--) {
    const x = values[i];
    const sx = concatPiece(x), sy = concatPiece(acc);
    if (sx !== undefined && sy !== undefined) { acc = sx + sy; continue; }
    const h = metafield(L.global, x, '__concat') ?? metafield(L.global, acc, '__concat');
    if (h === undefined) {
      // luaG_concaterror: the first operand unless it is a string or number
      const bad = sx !== undefined ? acc : x;
      throw new LuaError(`attempt to concatenate a ${objTypeName(bad)} value`);
    }
    acc = callSync(L, h, [x, acc])[0];
  }
  return acc;
}
