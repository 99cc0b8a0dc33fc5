/**
 * # The math library
 *
 * Responsibility: the functions and constants of manual §6.7 on Lua's two
 * number subtypes: integer results where Lua gives integers (`floor`,
 * `ceil`, `abs`, `fmod` of integers, `tointeger`), floats elsewhere, and the
 * xoshiro256** generator of `random` (src/lib/random.ts), seeded at start-up
 * as PUC-Rio does.
 *
 * Manual: §6.7. PUC-Rio counterpart: lmathlib.c.
 *
 * With Lua 5.3 compatibility on (the default, as the released 5.4 is
 * built with LUA_COMPAT_5_3; `LuaStateOptions.compat`), the library also
 * has lmathlib's LUA_COMPAT_MATHLIB functions: `atan2`, `cosh`, `sinh`,
 * `tanh`, `pow`, `frexp`, `ldexp` and `log10`.
 *
 * Invariant: every result is a canonical Lua number (docs/design.md §2): floats
 * go through `mkfloat`, integers through `normint`.
 *
 * How to add a function (the pattern of every library module): write a
 * plain native `(L, base, nargs) => number of results`, read arguments with
 * the checks of src/api/auxlib.ts (they raise "bad argument #n to 'f' (...)"),
 * push results with `L.push`, and add it to the list given to `newlib` in
 * `openMath`.
 *
 * Read next: src/lib/random.ts, src/value/number.ts.
 */
import type { LuaState } from '../api/state.ts';
import { lessthan, type LuaThread } from '../api/lua.ts';
import { arg, argError, checkAny, checkInteger, checkNumber, luaError, newlib, setfuncs } from '../api/auxlib.ts';
import {
  LuaTable, LuaFloat, mkfloat, tofloat, tointeger, F2I, isInteger, numberLess, normint,
  MAXINTEGER, MININTEGER, type Value,
} from '../value/index.ts';
import { pow, cfmod, cNaN, DEFAULT_NAN } from '../value/number.ts';
import { RandomState } from './random.ts';
import { LibError } from './lib-error.ts';

type Num = number | bigint | LuaFloat;

/** A float result of a C math function. */
function pushFloat(L: LuaThread, x: number): number {
  L.push(mkfloat(x));
  return 1;
}

/** A float result that Lua gives as an integer when it fits (pushnumint). */
function pushNumInt(L: LuaThread, x: number): number {
  const i = tointeger(mkfloat(x), F2I.EQ, false);
  L.push(i !== undefined ? i : mkfloat(x));
  return 1;
}

function unary(fn: (x: number) => number) {
  return (L: LuaThread, base: number, nargs: number): number =>
    pushFloat(L, fn(tofloat(checkNumber(L, base, nargs, 1))));
}

/*
 * abs, floor, ceil and modf keep an integer argument as it is only when it
 * is an integer value (lua_isinteger): a numeral string such as "-2" or
 * "0x7fffffffffffffff" is converted to a float and takes the float path,
 * as in lmathlib (math.abs("-2") is 2.0, math.floor("0x7fffffffffffffff")
 * is the float 2^63).
 */

function abs(L: LuaThread, base: number, nargs: number): number {
  const x = arg(L, base, nargs, 1);
  if (isInteger(x)) L.push(typeof x === 'bigint' ? normint(x < 0n ? -x : x) : Math.abs(x));
  else L.push(mkfloat(Math.abs(tofloat(checkNumber(L, base, nargs, 1)))));
  return 1;
}

function floor(L: LuaThread, base: number, nargs: number): number {
  const x = arg(L, base, nargs, 1);
  if (isInteger(x)) { L.push(x); return 1; }
  return pushNumInt(L, Math.floor(tofloat(checkNumber(L, base, nargs, 1))));
}

function ceil(L: LuaThread, base: number, nargs: number): number {
  const x = arg(L, base, nargs, 1);
  if (isInteger(x)) { L.push(x); return 1; }
  return pushNumInt(L, Math.ceil(tofloat(checkNumber(L, base, nargs, 1))));
}

/** C's fmod: the remainder has the sign of the dividend. */
function fmod(L: LuaThread, base: number, nargs: number): number {
  const x = arg(L, base, nargs, 1), y = arg(L, base, nargs, 2);
  if (isInteger(x) && isInteger(y)) {   // integers as they are (lua_isinteger: no strings)
    const a = x, b = y;
    if (b == 0) argError(L, 2, 'zero');  // eslint-disable-line eqeqeq
    if (typeof a === 'number' && typeof b === 'number') L.push(a % b + 0);
    else L.push(normint(BigInt(a) % BigInt(b)));
    return 1;
  }
  // lmathlib passes both checks as C arguments, which gcc evaluates last first
  const b = checkNumber(L, base, nargs, 2);
  const a = checkNumber(L, base, nargs, 1);
  return pushFloat(L, cfmod(tofloat(a), tofloat(b)));
}

function modf(L: LuaThread, base: number, nargs: number): number {
  const x = arg(L, base, nargs, 1);
  if (isInteger(x)) {
    L.push(x);
    L.push(mkfloat(0));
    return 2;
  }
  const f = tofloat(checkNumber(L, base, nargs, 1));
  const ip = f >= 0 ? Math.floor(f) : Math.ceil(f);
  pushNumInt(L, ip);
  L.push(mkfloat(f === ip ? 0 : f - ip));
  return 2;
}

/**
 * glibc's logarithms where V8's NaN differs: a NaN argument comes back
 * with its sign, and log and log2 of a negative number are the default
 * NaN ("-nan"); log10 of a negative number is a positive NaN in both.
 */
const clog = (x: number): number => { const r = Math.log(x); return r === r ? r : cNaN(x, x, DEFAULT_NAN); };
const clog2 = (x: number): number => { const r = Math.log2(x); return r === r ? r : cNaN(x, x, DEFAULT_NAN); };
const clog10 = (x: number): number => { const r = Math.log10(x); return r === r ? r : cNaN(x, x, NaN); };

function log(L: LuaThread, base: number, nargs: number): number {
  const x = tofloat(checkNumber(L, base, nargs, 1));
  if (arg(L, base, nargs, 2) === undefined) return pushFloat(L, clog(x));
  const b = tofloat(checkNumber(L, base, nargs, 2));
  if (b === 2) return pushFloat(L, clog2(x));
  if (b === 10) return pushFloat(L, clog10(x));
  return pushFloat(L, clog(x) / clog(b));
}

function atan(L: LuaThread, base: number, nargs: number): number {
  const y = tofloat(checkNumber(L, base, nargs, 1));
  const x = arg(L, base, nargs, 2) === undefined ? 1 : tofloat(checkNumber(L, base, nargs, 2));
  return pushFloat(L, Math.atan2(y, x));
}

/**
 * max and min compare their arguments with `<` (lua_compare: any values
 * with an order, numbers keeping their subtype) and return the winner.
 */
function extreme(pickLess: boolean) {
  return (L: LuaThread, base: number, nargs: number): number => {
    if (nargs < 1) argError(L, 1, 'value expected');
    let best = L.stack[base];
    for (let i = 1; i < nargs; i++) {
      const v = L.stack[base + i];
      if (pickLess ? lessthan(L, v, best) : lessthan(L, best, v)) best = v;
    }
    L.push(best);
    return 1;
  };
}

function toint(L: LuaThread, base: number, nargs: number): number {
  const v = arg(L, base, nargs, 1);
  const i = tointeger(v, F2I.EQ, true);
  if (i === undefined) checkAny(L, base, nargs, 1);
  L.push(i);
  return 1;
}

function mathType(L: LuaThread, base: number, nargs: number): number {
  const v: Value = checkAny(L, base, nargs, 1);
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof LuaFloat) {
    L.push(isInteger(v) ? 'integer' : 'float');
  } else {
    L.push(undefined);
  }
  return 1;
}

function ult(L: LuaThread, base: number, nargs: number): number {
  const a = BigInt.asUintN(64, BigInt(checkInteger(L, base, nargs, 1)));
  const b = BigInt.asUintN(64, BigInt(checkInteger(L, base, nargs, 2)));
  L.push(a < b);
  return 1;
}

// ---------------------------------------------------------------------------
// LUA_COMPAT_MATHLIB: the functions Lua 5.3 had and 5.4 keeps for compatibility
// ---------------------------------------------------------------------------

/** 2^n for an integer n in [-1022, 1023]: exact, a normal double. */
function pow2(n: number): number {
  return Math.pow(2, n);
}

/**
 * C's ldexp, `x * 2^e` rounded once: the scaling is split so that no
 * intermediate product overflows, or underflows into the subnormal range
 * before the last step (the method of musl's scalbn).
 */
export function ldexp(x: number, e: number): number {
  if (e > 1023) {
    x *= pow2(1023); e -= 1023;
    if (e > 1023) { x *= pow2(1023); e -= 1023; if (e > 1023) e = 1023; }
  } else if (e < -1022) {
    // keep the last factor below 2^-53 so that only the last step rounds
    x *= pow2(-1022) * pow2(53); e += 1022 - 53;
    if (e < -1022) { x *= pow2(-1022) * pow2(53); e += 1022 - 53; if (e < -1022) e = -1022; }
  }
  return x * pow2(e);
}

/** C's frexp: `[m, e]` with x = m * 2^e and 0.5 <= |m| < 1 (x itself and 0 for zero, infinities, NaN). */
export function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  const bits = new DataView(new ArrayBuffer(8));
  bits.setFloat64(0, x);
  let shift = 0;
  if ((bits.getUint16(0) & 0x7ff0) === 0) {   // subnormal: make it normal first
    bits.setFloat64(0, x * pow2(64));
    shift = 64;
  }
  const e = ((bits.getUint16(0) >>> 4) & 0x7ff) - 1022;
  bits.setUint16(0, (bits.getUint16(0) & 0x800f) | (1022 << 4));   // exponent of [0.5, 1)
  return [bits.getFloat64(0), e - shift];
}

function frexpFn(L: LuaThread, base: number, nargs: number): number {
  const [m, e] = frexp(tofloat(checkNumber(L, base, nargs, 1)));
  L.push(mkfloat(m));
  L.push(e);
  return 2;
}

function ldexpFn(L: LuaThread, base: number, nargs: number): number {
  const x = tofloat(checkNumber(L, base, nargs, 1));
  // C converts the exponent to an int: the low 32 bits
  const e = Number(BigInt.asIntN(32, BigInt(checkInteger(L, base, nargs, 2))));
  return pushFloat(L, ldexp(x, e));
}

function powFn(L: LuaThread, base: number, nargs: number): number {
  const x = tofloat(checkNumber(L, base, nargs, 1));
  return pushFloat(L, pow(x, tofloat(checkNumber(L, base, nargs, 2))));
}

/** `math.random` drawing from `g`, the generator of the state (PUC-Rio keeps one per state too). */
function random(L: LuaThread, base: number, nargs: number, g: RandomState): number {
  try {
    switch (nargs) {
      case 0: L.push(g.random()); return 1;
      case 1: {
        const up = checkInteger(L, base, nargs, 1);
        L.push(up == 0 ? g.integer() : g.range(1, up));  // eslint-disable-line eqeqeq
        return 1;
      }
      case 2: {
        const low = checkInteger(L, base, nargs, 1);
        L.push(g.range(low, checkInteger(L, base, nargs, 2)));
        return 1;
      }
      default: luaError(L, 'wrong number of arguments');
    }
  } catch (e) {
    if (e instanceof LibError && e.argument !== undefined) argError(L, e.argument, e.message);
    throw e;
  }
}

function randomseed(L: LuaThread, base: number, nargs: number, g: RandomState): number {
  if (nargs === 0 || arg(L, base, nargs, 1) === undefined) {
    const [n1, n2] = g.seedRandomly();
    L.push(normint(n1));
    L.push(normint(n2));
    return 2;
  }
  const n1 = BigInt(checkInteger(L, base, nargs, 1));
  const n2 = arg(L, base, nargs, 2) === undefined ? 0n : BigInt(checkInteger(L, base, nargs, 2));
  g.seed(n1, n2);
  L.push(normint(n1));
  L.push(normint(n2));
  return 2;
}

/** Install the math library (with the compatibility functions when `state.compat`). */
export function openMath(state: LuaState): LuaTable {
  const M = newlib(state.L, {
    abs, ceil, floor, fmod, modf, sqrt: unary(Math.sqrt), exp: unary(Math.exp), log,
    sin: unary(Math.sin), cos: unary(Math.cos), tan: unary(Math.tan),
    asin: unary(Math.asin), acos: unary(Math.acos), atan,
    deg: unary((x) => x * (180 / Math.PI)), rad: unary((x) => x * (Math.PI / 180)),
    max: extreme(false), min: extreme(true),
    tointeger: toint, type: mathType, ult,
  });
  // the state's generator, seeded at start-up as luaopen_math does
  const g = new RandomState();
  g.seedRandomly();
  setfuncs(state.L, M, {
    random: (L, base, nargs) => random(L, base, nargs, g),
    randomseed: (L, base, nargs) => randomseed(L, base, nargs, g),
  });
  if (state.compat) {
    setfuncs(state.L, M, {
      atan2: atan, cosh: unary(Math.cosh), sinh: unary(Math.sinh), tanh: unary(Math.tanh),
      pow: powFn, frexp: frexpFn, ldexp: ldexpFn, log10: unary(clog10),
    });
  }
  M.setStr('pi', mkfloat(Math.PI));
  M.setStr('huge', mkfloat(Infinity));
  M.setStr('maxinteger', MAXINTEGER);
  M.setStr('mininteger', MININTEGER);
  return M;
}
