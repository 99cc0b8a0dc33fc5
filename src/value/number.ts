/**
 * # Number semantics
 *
 * Responsibility: Lua's arithmetic on its two number subtypes — the slow,
 * general paths that the VM's inline fast paths fall back to, and what the
 * compiler uses to fold constants. One implementation, for both.
 *
 * Manual: §3.4.1 (arithmetic), §3.4.2 (bitwise), §3.4.3 (coercions),
 * §3.4.4 (relational operators).
 *
 * PUC-Rio counterpart: `luaO_rawarith` and `luaO_arith` (lobject.c), the
 * `luai_num*` macros (llimits.h), `luaV_idiv`, `luaV_mod`, `luaV_modf`,
 * `luaV_shiftl`, `luaV_tointegerns` (lvm.c).
 *
 * Invariants (docs/design.md §2):
 * - Integers are `number` when safe, else a `bigint` wrapped to int64; no
 *   integer result is ever `-0`.
 * - Floats are plain numbers, except that a float with a safe-integer value
 *   (or -0) is a `LuaFloat` box; every float result goes through `mkfloat`.
 * - `arith` returns `undefined` when an operand is not a number (nor, for
 *   arithmetic, a string convertible to one): the caller then looks for a
 *   metamethod. Errors that no metamethod can avoid (`n//0`, no integer
 *   representation) are thrown as runtime LuaErrors.
 *
 * Read next: `convert.ts` (strings ↔ numbers), `table.ts`.
 */

import { LuaFloat, mkfloat } from './float.ts';
import { LuaError } from './error.ts';
import { str2number } from './convert.ts';

/** A Lua integer: a safe-range number or an int64 bigint outside it. */
export type LuaInteger = number | bigint;
/** Any Lua number. */
export type LuaNumber = number | bigint | LuaFloat;

/**
 * The operators of `luaO_arith`, numbered as PUC-Rio's LUA_OPADD.. so that
 * MMBIN's C operand (a TM event) maps onto them.
 *
 * @property ADD - `+`, integer or float addition (`__add`).
 * @property SUB - `-`, subtraction (`__sub`).
 * @property MUL - `*`, multiplication (`__mul`).
 * @property MOD - `%`, modulo rounding the quotient towards minus infinity (`__mod`).
 * @property POW - `^`, exponentiation, always float (`__pow`).
 * @property DIV - `/`, float division (`__div`).
 * @property IDIV - `//`, floor division (`__idiv`).
 * @property BAND - `&`, bitwise and on integers (`__band`).
 * @property BOR - `|`, bitwise or (`__bor`).
 * @property BXOR - `~`, bitwise exclusive or (`__bxor`).
 * @property SHL - `<<`, logical shift left; negative counts shift right (`__shl`).
 * @property SHR - `>>`, logical shift right (`__shr`).
 * @property UNM - unary `-`, negation (`__unm`).
 * @property BNOT - unary `~`, bitwise not (`__bnot`).
 */
export const enum ArithOp {
  ADD = 0, SUB, MUL, MOD, POW, DIV, IDIV, BAND, BOR, BXOR, SHL, SHR, UNM, BNOT,
}

const MAXI = (1n << 63n) - 1n;
const MINI = -(1n << 63n);

/** Normalise an int64 bigint to the canonical integer form. */
export function normint(b: bigint): LuaInteger {
  const w = BigInt.asIntN(64, b);
  return w >= -9007199254740991n && w <= 9007199254740991n ? Number(w) : w;
}

/** True when `v` is a Lua integer. */
export function isInteger(v: unknown): v is LuaInteger {
  return (typeof v === 'number' && Number.isSafeInteger(v)) || typeof v === 'bigint';
}

/** True when `v` is a Lua float. */
export function isFloat(v: unknown): v is number | LuaFloat {
  return (typeof v === 'number' && !Number.isSafeInteger(v)) || v instanceof LuaFloat;
}

/** The JS number value of any Lua number (bigints rounded to a double). */
export function tofloat(v: LuaNumber): number {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : v.n;
}

/**
 * A value as a Lua number for arithmetic: numbers as they are, strings
 * converted (§3.4.3), anything else undefined.
 */
export function tonumber(v: unknown): LuaNumber | undefined {
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof LuaFloat) return v;
  if (typeof v === 'string') return str2number(v);
  return undefined;
}

/**
 * Rounding modes of float → integer conversion (F2Ieq, F2Ifloor, F2Iceil).
 *
 * @property EQ - Only an integral float converts (`math.tointeger`, table keys).
 * @property FLOOR - Round down (the limit of a `for` loop counting up).
 * @property CEIL - Round up (the limit of a `for` loop counting down).
 */
export const enum F2I { EQ, FLOOR, CEIL }

/** A float to an integer, or undefined when it has no such representation. */
export function float2int(f: number, mode: F2I = F2I.EQ): LuaInteger | undefined {
  let r = Math.floor(f);
  if (r !== f) {
    if (mode === F2I.EQ) return undefined;
    if (mode === F2I.CEIL) r += 1;
  }
  if (Number.isSafeInteger(r)) return r + 0;
  if (!(r >= -9223372036854775808 && r < 9223372036854775808)) return undefined;
  return normint(BigInt(r));
}

/**
 * A value as an integer (numbers and, with `strings`, numeric strings):
 * `luaV_tointegerns`. Undefined when not convertible.
 */
export function tointeger(v: unknown, mode: F2I = F2I.EQ, strings = true): LuaInteger | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : float2int(v, mode);
  if (typeof v === 'bigint') return v;
  if (v instanceof LuaFloat) return v.n + 0;
  if (strings && typeof v === 'string') {
    const n = str2number(v);
    return n === undefined ? undefined : tointeger(n, mode, false);
  }
  return undefined;
}

function big(a: LuaInteger): bigint { return typeof a === 'bigint' ? a : BigInt(a); }

/** Integer arithmetic with wrap-around; `b` is ignored by unary operators. */
export function intArith(op: ArithOp, a: LuaInteger, b: LuaInteger): LuaInteger {
  if (typeof a === 'number' && typeof b === 'number') {
    let r: number;
    switch (op) {
      case ArithOp.ADD: r = a + b; break;
      case ArithOp.SUB: r = a - b; break;
      case ArithOp.MUL: r = a * b + 0; break;
      case ArithOp.UNM: r = 0 - a; break;
      case ArithOp.MOD: return imod(a, b);
      case ArithOp.IDIV: return idiv(a, b);
      case ArithOp.BAND: case ArithOp.BOR: case ArithOp.BXOR: case ArithOp.BNOT:
        if ((a | 0) === a && (b | 0) === b) {
          // int32 operands: the 64-bit result is the sign extension of the
          // 32-bit one, which JS computes directly
          return op === ArithOp.BAND ? a & b : op === ArithOp.BOR ? a | b
            : op === ArithOp.BXOR ? a ^ b : ~a;
        }
        r = NaN; break;
      default: r = NaN;
    }
    if (Number.isSafeInteger(r)) return r;
  }
  return bigIntArith(op, big(a), big(b));
}

function bigIntArith(op: ArithOp, a: bigint, b: bigint): LuaInteger {
  switch (op) {
    case ArithOp.ADD: return normint(a + b);
    case ArithOp.SUB: return normint(a - b);
    case ArithOp.MUL: return normint(a * b);
    case ArithOp.UNM: return normint(-a);
    case ArithOp.BAND: return normint(a & b);
    case ArithOp.BOR: return normint(a | b);
    case ArithOp.BXOR: return normint(a ^ b);
    case ArithOp.BNOT: return normint(~a);
    case ArithOp.SHL: return shiftl(a, b);
    case ArithOp.SHR: return shiftl(a, -b);
    case ArithOp.MOD: {
      if (b === 0n) throw LuaError.runtime("attempt to perform 'n%0'");
      let m = a % b;
      if (m !== 0n && (m < 0n) !== (b < 0n)) m += b;
      return normint(m);
    }
    case ArithOp.IDIV: {
      if (b === 0n) throw LuaError.runtime('attempt to divide by zero');
      let q = a / b;
      if ((a % b !== 0n) && ((a < 0n) !== (b < 0n))) q -= 1n;
      return normint(q);
    }
    default: throw new Error(`not an integer operator: ${op}`);
  }
}

/** Integer modulo, result with the sign of the divisor (`luaV_mod`). */
export function imod(a: number, b: number): LuaInteger {
  if (b === 0) throw LuaError.runtime("attempt to perform 'n%0'");
  let m = a % b;
  if (m !== 0 && (m < 0) !== (b < 0)) m += b;
  return m + 0;
}

/** Integer floor division (`luaV_idiv`). */
export function idiv(a: number, b: number): LuaInteger {
  if (b === 0) throw LuaError.runtime('attempt to divide by zero');
  let m = a % b;
  if (m !== 0 && (m < 0) !== (b < 0)) m += b;
  // a - m is a multiple of b, so this division is exact
  const q = (a - m) / b + 0;
  // only mininteger // -1 leaves the safe range, and it cannot reach here
  return q;
}

/** Logical shift left by a signed amount (`luaV_shiftl`). */
export function shiftl(a: bigint, n: bigint): LuaInteger {
  if (n <= -64n || n >= 64n) return 0;
  const u = BigInt.asUintN(64, a);
  return normint(n >= 0n ? u << n : u >> -n);
}

/**
 * The NaN an invalid operation makes on x86-64 (0/0, glibc's `log(-1)`,
 * `fmod(1, 0)`): its sign bit is set, and C's printf shows it as "-nan".
 * V8's own functions return a NaN without sign, so where the two differ
 * lucid substitutes this one.
 */
export const DEFAULT_NAN = new Float64Array(new BigUint64Array([0xfff8000000000000n]).buffer)[0];

/**
 * The NaN a C function returns when JS gave NaN: a NaN argument comes
 * back as it went in (x86 propagates the first NaN operand), else the
 * invalid operation's `fresh` NaN (DEFAULT_NAN, or a positive one where
 * glibc makes that).
 */
export function cNaN(a: number, b: number, fresh: number): number {
  return a !== a ? a : b !== b ? b : fresh;
}

/** C's fmod, NaN sign included: the remainder has the sign of the dividend. */
export function cfmod(a: number, b: number): number {
  const m = a % b;
  return m === m ? m : cNaN(a, b, DEFAULT_NAN);
}

/** Float modulo with Lua's sign rule (`luai_nummod`). */
export function fmod(a: number, b: number): number {
  let m = cfmod(a, b);
  // the result takes the sign of the divisor (luai_nummod)
  if (m > 0 ? b < 0 : (m < 0 && b > 0)) m += b;
  return m;
}

/**
 * Lua's `^` (luai_numpow: `a*a` for an exponent of 2, else C's pow) where
 * C's pow differs from JS's: pow(1, NaN) and pow(-1, ±inf) are 1; a
 * negative base to a non-integral power is the default NaN (-nan); a NaN
 * base keeps its sign except under an odd integral power (glibc).
 */
export function pow(a: number, b: number): number {
  if (b === 2) return a * a;
  if (a === 1 || b === 0) return 1;
  if (a === -1 && (b === Infinity || b === -Infinity)) return 1;
  const r = Math.pow(a, b);
  if (r === r) return r;
  if (a !== a && b % 2 !== 0 && Number.isInteger(b)) return NaN;  // glibc clears the sign here
  return cNaN(a, b, DEFAULT_NAN);
}

/** Float arithmetic; the result is not yet boxed. */
export function floatArith(op: ArithOp, a: number, b: number): number {
  switch (op) {
    case ArithOp.ADD: return a + b;
    case ArithOp.SUB: return a - b;
    case ArithOp.MUL: return a * b;
    case ArithOp.DIV: return a / b;
    case ArithOp.POW: return pow(a, b);
    case ArithOp.IDIV: return Math.floor(a / b);
    case ArithOp.UNM: return -a;
    case ArithOp.MOD: return fmod(a, b);
    default: throw new Error(`not a float operator: ${op}`);
  }
}

function isBitwise(op: ArithOp): boolean {
  return op >= ArithOp.BAND && op <= ArithOp.SHR || op === ArithOp.BNOT;
}

/**
 * `a op b` on Lua values (`luaO_arith` with string coercion): the result,
 * or undefined when an operand is not a number so a metamethod must be
 * tried. For bitwise operators, a number without an integer value throws
 * "number has no integer representation".
 */
export function arith(op: ArithOp, a: unknown, b: unknown): LuaNumber | undefined {
  const x = tonumber(a);
  const y = tonumber(b);
  if (x === undefined || y === undefined) return undefined;
  if (isBitwise(op)) {
    const i = tointeger(x);
    const j = tointeger(y);
    if (i === undefined || j === undefined) throw LuaError.runtime('number has no integer representation');
    if (op === ArithOp.SHL) return shiftl(big(i), big(j));
    if (op === ArithOp.SHR) return shiftl(big(i), -big(j));
    return intArith(op, i, j);
  }
  if (op !== ArithOp.DIV && op !== ArithOp.POW && isInteger(x) && isInteger(y)) {
    return intArith(op, x, y);
  }
  return mkfloat(floatArith(op, tofloat(x), tofloat(y)));
}

/**
 * Like `arith` but without string coercion and without throwing: what the
 * compiler may fold (lcode.c's `constfolding` / `validop`). Undefined when
 * the operation must be left for run time.
 */
export function foldArith(op: ArithOp, a: LuaNumber, b: LuaNumber): LuaNumber | undefined {
  if (isBitwise(op)) {
    if (tointeger(a, F2I.EQ, false) === undefined || tointeger(b, F2I.EQ, false) === undefined) return undefined;
  } else if ((op === ArithOp.DIV || op === ArithOp.IDIV || op === ArithOp.MOD) && tofloat(b) === 0) {
    return undefined;
  }
  const r = arith(op, a, b);
  if (r === undefined) return undefined;
  const f = tofloat(r);
  if (Number.isNaN(f) || Object.is(f, -0)) return undefined;
  return r;
}

/** Raw equality of two numbers of any subtype (1 == 1.0). */
export function numberEquals(a: LuaNumber, b: LuaNumber): boolean {
  const x = a instanceof LuaFloat ? a.n : a;
  const y = b instanceof LuaFloat ? b.n : b;
  // JS compares a bigint with a number by mathematical value
  return x == y; // eslint-disable-line eqeqeq
}

/** `a < b` on numbers, exact across subtypes. */
export function numberLess(a: LuaNumber, b: LuaNumber): boolean {
  const x = a instanceof LuaFloat ? a.n : a;
  const y = b instanceof LuaFloat ? b.n : b;
  return x < y;
}

/** `a <= b` on numbers, exact across subtypes. */
export function numberLessEqual(a: LuaNumber, b: LuaNumber): boolean {
  const x = a instanceof LuaFloat ? a.n : a;
  const y = b instanceof LuaFloat ? b.n : b;
  return x <= y;
}

/** math.maxinteger and math.mininteger. */
export const MAXINTEGER: LuaInteger = MAXI;
/**
 * The smallest Lua integer, -2^63 (`math.mininteger`); kept as a bigint since it is outside the safe-
 * integer range.
 */
export const MININTEGER: LuaInteger = MINI;
