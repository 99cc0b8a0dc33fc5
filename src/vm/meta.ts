/**
 * # Metatables and the slow paths of instructions
 *
 * Responsibility: finding metatables and metamethods, and everything an
 * instruction does when its inline fast path does not apply: `__index` and
 * `__newindex` chains, arithmetic with coercion or metamethods (MMBIN),
 * `__unm`, `__bnot`, `__len`, `__concat`, `__eq`, `__lt`, `__le`.
 *
 * Manual: §2.4 (metatables and metamethods), §3.4 (expressions).
 * PUC-Rio counterpart: `ltm.c` (luaT_gettmbyobj, luaT_trybinTM,
 * luaT_callorderTM), `lvm.c` (luaV_finishget, luaV_finishset, luaV_concat,
 * luaV_equalobj, lessthanothers, luaV_objlen).
 *
 * Invariant: a slow path either returns the instruction's value, or calls a
 * metamethod through `callMeta`, which returns PENDING when it pushed a
 * frame; the loop then switches to that frame, and the frame's return
 * finishes the instruction (see `call.ts`, finishReturn). The running
 * frame's `pc` was saved by the loop before any slow path is entered.
 * The walkers of `__index`/`__newindex` and the ordering serve the
 * embedding API too (lua_gettable, lua_settable, lua_compare), so that
 * there is one implementation of each: given the location FROM_API they
 * call a metamethod to completion (`callSync`) and never return PENDING.
 *
 * Read next: `call.ts`, `execute.ts`.
 */
import type { LuaValue } from '../value/types.ts';
import { Cont, LuaClosure, LuaNative, type GlobalState, type LuaThread } from '../object/objects.ts';
import { callMeta, callSync, precall, PENDING, type Pending } from './call.ts';
import { runError, typeError, orderError, opError, varInfo, NO_VAR, FROM_API } from './errors.ts';
import { typeName as valueTypeName } from '../value/types.ts';
import { LuaUserdata } from '../object/userdata.ts';
import {
  LuaTable, ArithOp, arith, tointeger, F2I, isNumber, numberLess, numberLessEqual,
  number2string, LuaError, cString,
} from '../value/index.ts';

/** MAXTAGLOOP: the longest `__index`/`__newindex` chain followed. */
const MAXTAGLOOP = 2000;

/** Lua's `type(v)`. */
export function typeName(_G: GlobalState | undefined, v: LuaValue): string {
  return valueTypeName(v);
}

/**
 * The type name runtime errors show (luaT_objtypename): a table or full
 * userdata whose metatable has a string `__name` goes by that name, so a
 * file handle is a "FILE*" in "attempt to compare two FILE* values".
 */
export function objTypeName(v: LuaValue): string {
  if (v instanceof LuaTable || v instanceof LuaUserdata) {
    const name = v.metatable?.getStr('__name');
    if (typeof name === 'string') return cString(name);   // lua formats it as a C string
  }
  return valueTypeName(v);
}

/** The metatable of any value (tables carry their own; other types share one per type). */
export function getMetatable(G: GlobalState, v: LuaValue): LuaTable | undefined {
  if (v instanceof LuaTable || v instanceof LuaUserdata) return v.metatable;
  if (v === undefined) return G.typeMetatables.get('nil');
  return G.typeMetatables.get(typeName(G, v));
}

/** The metamethod `event` of `v`, or undefined. */
export function metafield(G: GlobalState, v: LuaValue, event: string): LuaValue {
  const mt = v instanceof LuaTable || v instanceof LuaUserdata ? v.metatable : getMetatable(G, v);
  return mt === undefined ? undefined : mt.getStr(event);
}

/** Is `v` callable without `__call` (a function)? */
export function isFunction(v: LuaValue): boolean {
  return v instanceof LuaClosure || v instanceof LuaNative;
}

/**
 * `t[k]` with `__index` (luaV_finishget). `loc` names `t` in an error
 * message; `a` is the register the result goes to if a metamethod runs.
 * With `loc` FROM_API (lua_gettable & co., src/api/operations.ts) a
 * function handler is called to completion instead (`callSync`: it cannot
 * yield, and counts as a C call), errors have no position, and the result
 * is never PENDING.
 */
export function index(L: LuaThread, t: LuaValue, k: LuaValue, loc: number, a: number): LuaValue | Pending {
  const api = loc === FROM_API;
  for (let loop = 0; loop < MAXTAGLOOP; loop++) {
    let h: LuaValue;
    if (t instanceof LuaTable) {
      const v = t.get(k);
      if (v !== undefined) return v;
      const mt = t.metatable;
      if (mt === undefined) return undefined;
      h = mt.getStr('__index');
      if (h === undefined) return undefined;
    } else {
      h = metafield(L.global, t, '__index');
      if (h === undefined) typeError(L, t, 'index', loc);
    }
    if (isFunction(h)) return api ? callSync(L, h, [t, k])[0] : callMeta(L, h, t, k, Cont.STORE, a);
    t = h;
    if (!api) loc = NO_VAR;   // a handler reached through the chain has no name
  }
  opError(L, "'__index' chain too long; possible loop", loc);
}

/**
 * `t[k] = v` with `__newindex` (luaV_finishset). Returns PENDING if a frame
 * was pushed; with `loc` FROM_API, never (as {@link index}).
 */
export function setIndex(L: LuaThread, t: LuaValue, k: LuaValue, v: LuaValue, loc: number): LuaValue | Pending {
  const api = loc === FROM_API;
  for (let loop = 0; loop < MAXTAGLOOP; loop++) {
    let h: LuaValue;
    if (t instanceof LuaTable) {
      const mt = t.metatable;
      if (mt === undefined || t.get(k) !== undefined || (h = mt.getStr('__newindex')) === undefined) {
        t.set(k, v);
        return undefined;
      }
    } else {
      h = metafield(L.global, t, '__newindex');
      if (h === undefined) typeError(L, t, 'index', loc);
    }
    if (isFunction(h)) {
      if (api) { callSync(L, h, [t, k, v]); return undefined; }
      return callMeta3(L, h, t, k, v);
    }
    t = h;
    if (!api) loc = NO_VAR;
  }
  opError(L, "'__newindex' chain too long; possible loop", loc);
}

/** Call `__newindex(t, k, v)` for a store; PENDING when it pushed a frame (its results are discarded). */
function callMeta3(L: LuaThread, h: LuaValue, a: LuaValue, b: LuaValue, c: LuaValue): LuaValue | Pending {
  const ci = L.frames[L.depth];
  const slot = ci.closure !== undefined ? ci.base + ci.closure.proto.maxstacksize : L.top;
  L.ensure(slot + 5);
  const stack = L.stack;
  stack[slot] = h; stack[slot + 1] = a; stack[slot + 2] = b; stack[slot + 3] = c;
  const savedTop = L.top;
  const callee = precall(L, slot, 3, 0);
  if (callee !== undefined) { callee.cont = Cont.DISCARD; return PENDING; }
  L.top = savedTop;
  return undefined;
}

const EVENTS = ['__index', '__newindex', '__gc', '__mode', '__len', '__eq', '__add', '__sub',
  '__mul', '__mod', '__pow', '__div', '__idiv', '__band', '__bor', '__bxor', '__shl', '__shr',
  '__unm', '__bnot', '__lt', '__le', '__concat', '__call', '__close'];
/** TM number of `__add` (MMBIN's C operand counts from here). */
const TM_ADD = 6;

/**
 * Binary arithmetic after the fast path failed (MMBIN/MMBINI/MMBINK):
 * string coercion, then the metamethod of either operand, else an error
 * naming the culprit. `tm` is MMBIN's C operand; `la`/`lb` locate the
 * operands for messages; `a` receives the result.
 */
export function arithMeta(L: LuaThread, x: LuaValue, y: LuaValue, tm: number, lx: number, ly: number, a: number): LuaValue | Pending {
  const op = (tm - TM_ADD) as ArithOp;
  const bitwise = op >= ArithOp.BAND && op <= ArithOp.SHR || op === ArithOp.BNOT;
  // Bitwise operators take only numbers with an integer value; strings are
  // not converted (lstrlib has no bitwise metamethods). Arithmetic converts
  // numeric strings here, as the string metamethods would (§3.4.3).
  if (bitwise ? bitwiseOperands(x, y) : true) {
    const r = typeof x === 'string' || typeof y === 'string' ? stringArith(op, x, y) : arith(op, x, y);
    if (r !== undefined) return r;
  }
  const ev = EVENTS[tm];
  let h = metafield(L.global, x, ev);
  if (h === undefined) h = metafield(L.global, y, ev);
  if (h !== undefined) return callMeta(L, h, x, y, Cont.STORE, a);
  if (bitwise) {
    if (isNumber(x) && isNumber(y)) {
      // luaG_tointerror: the first operand when it has no integer value, else the second
      const xBad = tointeger(x, F2I.EQ, false) === undefined;
      runError(L, `number${varInfo(L, xBad ? lx : ly)} has no integer representation`);
    }
    // luaG_opinterror: the first operand when it is not a number, else the second
    typeError(L, isNumber(x) ? y : x, 'perform bitwise operation on', isNumber(x) ? ly : lx);
  }
  if (typeof x === 'string' && typeof y === 'string' && op !== ArithOp.UNM) {
    typeError(L, x, 'perform arithmetic on', lx);
  }
  const culpritIsY = tonumberish(x);
  typeError(L, culpritIsY ? y : x, 'perform arithmetic on', culpritIsY ? ly : lx);
}

/**
 * Arithmetic on a numeric string: in lua the string library's metamethod
 * does it, from C, so its errors ("attempt to divide by zero", "attempt to
 * perform 'n%%0'") carry no position.
 */
function stringArith(op: ArithOp, x: LuaValue, y: LuaValue): LuaValue | undefined {
  try {
    return arith(op, x, y);
  } catch (e) {
    if (e instanceof LuaError) e.needsPosition = false;
    throw e;
  }
}

function tonumberish(v: LuaValue): boolean {
  return isNumber(v) || (typeof v === 'string' && arith(ArithOp.ADD, v, 0) !== undefined);
}

/**
 * Can a bitwise instruction compute `x op y` itself? Only when both are
 * numbers with an integer value (op_bitwise in lvm.c); otherwise it falls
 * through to its MMBIN, which tries metamethods and then raises the error
 * naming the culprit.
 */
export function bitwiseOperands(x: LuaValue, y: LuaValue): boolean {
  return isNumber(x) && isNumber(y) &&
    tointeger(x, F2I.EQ, false) !== undefined && tointeger(y, F2I.EQ, false) !== undefined;
}

/** Unary minus / bitwise not after the fast path failed. */
export function unaryMeta(L: LuaThread, x: LuaValue, op: ArithOp, lx: number, a: number): LuaValue | Pending {
  if (op !== ArithOp.BNOT || bitwiseOperands(x, x)) {
    const r = arith(op, x, x);
    if (r !== undefined) return r;
  }
  const ev = op === ArithOp.UNM ? '__unm' : '__bnot';
  const h = metafield(L.global, x, ev);
  if (h !== undefined) return callMeta(L, h, x, x, Cont.STORE, a);
  if (op === ArithOp.BNOT) {
    if (isNumber(x)) runError(L, `number${varInfo(L, lx)} has no integer representation`);
    typeError(L, x, 'perform bitwise operation on', lx);
  }
  typeError(L, x, 'perform arithmetic on', lx);
}

/** `#v` (luaV_objlen). */
export function length(L: LuaThread, v: LuaValue, lx: number, a: number): LuaValue | Pending {
  if (typeof v === 'string') return v.length;
  const h = metafield(L.global, v, '__len');
  if (h !== undefined) return callMeta(L, h, v, v, Cont.STORE, a);
  if (v instanceof LuaTable) return v.length();
  typeError(L, v, 'get length of', lx);
}

/** A string or number as the string CONCAT joins, or undefined. */
export function concatPiece(v: LuaValue): string | undefined {
  if (typeof v === 'string') return v;
  if (isNumber(v)) return number2string(v);
  return undefined;
}

/**
 * CONCAT of `n` values at registers `base+a ..`: joins from the right; when
 * two values need `__concat`, calls it with cont CONCAT. Returns PENDING
 * when a frame was pushed, else undefined with the result in R[a].
 */
export function concat(L: LuaThread, base: number, a: number, n: number): LuaValue | Pending {
  const stack = L.stack;
  while (n > 1) {
    const top = base + a + n;  // one past the last pending value
    const y = stack[top - 1], x = stack[top - 2];
    const sy = concatPiece(y), sx = sy === undefined ? undefined : concatPiece(x);
    if (sy === undefined || sx === undefined) {
      let h = metafield(L.global, x, '__concat');
      if (h === undefined) h = metafield(L.global, y, '__concat');
      if (h === undefined) {
        const bad = sx === undefined && concatPiece(x) === undefined ? x : y;
        const reg = bad === x && concatPiece(x) === undefined ? top - 2 - base : top - 1 - base;
        typeError(L, bad, 'concatenate', reg);
      }
      const r = callMeta(L, h, x, y, Cont.CONCAT, n - 1);
      if (r === PENDING) return PENDING;
      stack[top - 2] = r;
      n--;
      continue;
    }
    // join the longest run of strings/numbers ending at the top
    let k = 2;
    let s = sx + sy;
    while (k < n) {
      const p = concatPiece(stack[top - k - 1]);
      if (p === undefined) break;
      s = p + s;
      k++;
    }
    if (s.length >= 0x7fffffff) runError(L, 'string length overflow');
    stack[top - k] = s;
    n -= k - 1;
  }
  return undefined;
}

/** `x == y` for values that are not primitively equal (luaV_equalobj); may return PENDING. */
export function equalMeta(L: LuaThread, x: LuaValue, y: LuaValue): boolean | Pending {
  if (isNumber(x) && isNumber(y)) return numberLessEqual(x, y) && numberLessEqual(y, x);
  if (!(x instanceof LuaTable && y instanceof LuaTable) &&
      !(typeof x === 'object' && typeof y === 'object' && x instanceof LuaUserdata && y instanceof LuaUserdata)) {
    return false;
  }
  let h = metafield(L.global, x, '__eq');
  if (h === undefined) h = metafield(L.global, y, '__eq');
  if (h === undefined) return false;
  const r = callMeta(L, h, x, y, Cont.COMPARE, 0);
  if (r === PENDING) return PENDING;
  return r !== undefined && r !== false;
}

/** `x < y` (or `x <= y`) for non-fast-path operands; may return PENDING. */
export function lessMeta(L: LuaThread, x: LuaValue, y: LuaValue, orEqual: boolean): boolean | Pending {
  return order(L, x, y, orEqual, NO_VAR);
}

/**
 * `x < y` (or `x <= y`) for `lua_compare` (src/api/operations.ts): the
 * rules of the LT/LE instructions, with metamethods called to completion
 * and errors without a position.
 */
export function lessApi(L: LuaThread, x: LuaValue, y: LuaValue, orEqual: boolean): boolean {
  return order(L, x, y, orEqual, FROM_API) as boolean;
}

/** luaV_lessthan / luaV_lessequal; `loc` FROM_API for the API (see {@link index}). */
function order(L: LuaThread, x: LuaValue, y: LuaValue, orEqual: boolean, loc: number): boolean | Pending {
  if (isNumber(x) && isNumber(y)) return orEqual ? numberLessEqual(x, y) : numberLess(x, y);
  if (typeof x === 'string' && typeof y === 'string') return orEqual ? x <= y : x < y;
  const ev = orEqual ? '__le' : '__lt';
  let h = metafield(L.global, x, ev);
  if (h === undefined) h = metafield(L.global, y, ev);
  if (h === undefined && orEqual && L.global.compat) return lessEqualByLess(L, x, y, loc);
  if (h === undefined) orderError(L, x, y, loc);
  const r = loc === FROM_API ? callSync(L, h, [x, y])[0] : callMeta(L, h, x, y, Cont.COMPARE, 0);
  if (r === PENDING) return PENDING;
  return r !== undefined && r !== false;
}

/**
 * `x <= y` without `__le` under Lua 5.3 compatibility (LUA_COMPAT_LT_LE):
 * `not (y < x)` through `__lt`, looked up on `y` first since it is now
 * the left operand. A suspended call finishes through Cont.COMPARE with
 * argument 1, which negates the result (PUC-Rio's CIST_LEQ).
 */
function lessEqualByLess(L: LuaThread, x: LuaValue, y: LuaValue, loc: number): boolean | Pending {
  let h = metafield(L.global, y, '__lt');
  if (h === undefined) h = metafield(L.global, x, '__lt');
  if (h === undefined) orderError(L, x, y, loc);
  const r = loc === FROM_API ? callSync(L, h, [y, x])[0] : callMeta(L, h, y, x, Cont.COMPARE, 1);
  if (r === PENDING) return PENDING;
  return r === undefined || r === false;
}
