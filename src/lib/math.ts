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
 * Invariant: every result is a canonical Lua number (docs/design.md §2): floats
 * go through `mkfloat`, integers through `normint`.
 *
 * How to add a function (the pattern of every library module): write a
 * plain native `(L, base, nargs) => number of results`, read arguments with
 * the checks of src/api/auxlib.ts (they raise "bad argument #n to 'f' (...)"),
 * push results with `L.push`, and add it to the table in `openMath`.
 *
 * Read next: src/lib/random.ts, src/value/number.ts.
 */
import { addLibrary, native, type LuaState } from '../api/state.ts';
import type { LuaThread } from '../object/objects.ts';
import { arg, argError, checkAny, checkInteger, checkNumber, luaError } from '../api/auxlib.ts';
import {
  LuaTable, LuaFloat, mkfloat, tofloat, tointeger, F2I, isInteger, numberLess, normint,
  MAXINTEGER, MININTEGER, type Value,
} from '../value/index.ts';
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

function abs(L: LuaThread, base: number, nargs: number): number {
  const x = checkNumber(L, base, nargs, 1);
  if (isInteger(x)) L.push(typeof x === 'bigint' ? normint(x < 0n ? -x : x) : Math.abs(x));
  else L.push(mkfloat(Math.abs(tofloat(x))));
  return 1;
}

function floor(L: LuaThread, base: number, nargs: number): number {
  const x = checkNumber(L, base, nargs, 1);
  if (isInteger(x)) { L.push(x); return 1; }
  return pushNumInt(L, Math.floor(tofloat(x)));
}

function ceil(L: LuaThread, base: number, nargs: number): number {
  const x = checkNumber(L, base, nargs, 1);
  if (isInteger(x)) { L.push(x); return 1; }
  return pushNumInt(L, Math.ceil(tofloat(x)));
}

/** C's fmod: the remainder has the sign of the dividend. */
function fmod(L: LuaThread, base: number, nargs: number): number {
  const a = checkNumber(L, base, nargs, 1);
  const b = checkNumber(L, base, nargs, 2);
  if (isInteger(a) && isInteger(b)) {
    if (b == 0) argError(L, 2, 'zero');  // eslint-disable-line eqeqeq
    if (typeof a === 'number' && typeof b === 'number') L.push(a % b + 0);
    else L.push(normint(BigInt(a) % BigInt(b)));
    return 1;
  }
  return pushFloat(L, tofloat(a) % tofloat(b));
}

function modf(L: LuaThread, base: number, nargs: number): number {
  const x = checkNumber(L, base, nargs, 1);
  if (isInteger(x)) {
    L.push(x);
    L.push(mkfloat(0));
    return 2;
  }
  const f = tofloat(x);
  const ip = f >= 0 ? Math.floor(f) : Math.ceil(f);
  pushNumInt(L, ip);
  L.push(mkfloat(f === ip ? 0 : f - ip));
  return 2;
}

function log(L: LuaThread, base: number, nargs: number): number {
  const x = tofloat(checkNumber(L, base, nargs, 1));
  if (arg(L, base, nargs, 2) === undefined) return pushFloat(L, Math.log(x));
  const b = tofloat(checkNumber(L, base, nargs, 2));
  if (b === 2) return pushFloat(L, Math.log2(x));
  if (b === 10) return pushFloat(L, Math.log10(x));
  return pushFloat(L, Math.log(x) / Math.log(b));
}

function atan(L: LuaThread, base: number, nargs: number): number {
  const y = tofloat(checkNumber(L, base, nargs, 1));
  const x = arg(L, base, nargs, 2) === undefined ? 1 : tofloat(checkNumber(L, base, nargs, 2));
  return pushFloat(L, Math.atan2(y, x));
}

/** max and min keep the subtype of the winner. */
function extreme(pickLess: boolean) {
  return (L: LuaThread, base: number, nargs: number): number => {
    if (nargs < 1) argError(L, 1, 'value expected');
    let best: Num = checkNumber(L, base, nargs, 1);
    for (let i = 2; i <= nargs; i++) {
      const v = checkNumber(L, base, nargs, i);
      if (pickLess ? numberLess(v, best) : numberLess(best, v)) best = v;
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

/** One generator per state, as PUC-Rio keeps one per lua_State. */
const generators = new WeakMap<object, RandomState>();

function generator(L: LuaThread): RandomState {
  let g = generators.get(L.global);
  if (g === undefined) {
    g = new RandomState();
    g.seedRandomly();
    generators.set(L.global, g);
  }
  return g;
}

function random(L: LuaThread, base: number, nargs: number): number {
  const g = generator(L);
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

function randomseed(L: LuaThread, base: number, nargs: number): number {
  const g = generator(L);
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

/** Install the math library. */
export function openMath(state: LuaState): void {
  const M = new LuaTable(state.global.heap);
  const fns: [string, (L: LuaThread, base: number, nargs: number) => number][] = [
    ['abs', abs], ['ceil', ceil], ['floor', floor], ['fmod', fmod], ['modf', modf],
    ['sqrt', unary(Math.sqrt)], ['exp', unary(Math.exp)], ['log', log],
    ['sin', unary(Math.sin)], ['cos', unary(Math.cos)], ['tan', unary(Math.tan)],
    ['asin', unary(Math.asin)], ['acos', unary(Math.acos)], ['atan', atan],
    ['deg', unary((x) => x * (180 / Math.PI))], ['rad', unary((x) => x * (Math.PI / 180))],
    ['max', extreme(false)], ['min', extreme(true)],
    ['tointeger', toint], ['type', mathType], ['ult', ult],
    ['random', random], ['randomseed', randomseed],
  ];
  for (const [name, fn] of fns) M.set(name, native(name, fn));
  M.set('pi', mkfloat(Math.PI));
  M.set('huge', mkfloat(Infinity));
  M.set('maxinteger', MAXINTEGER);
  M.set('mininteger', MININTEGER);
  state.globals.set('math', M);
}

addLibrary(openMath);
