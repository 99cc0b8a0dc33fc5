/**
 * # The numeric `for` loop, beyond the fast path
 *
 * Responsibility: preparing a numeric loop (FORPREP) in every case, and
 * stepping it (FORLOOP) when it is not the all-safe-integer loop that the
 * dispatch loop runs inline: float loops, and integer loops whose values
 * leave the safe range (bigints).
 *
 * Manual: §3.3.5 (the numeric for). PUC-Rio counterpart: `lvm.c`
 * (forprep, forlimit, floatforloop).
 *
 * Loop state in the registers R[A..A+3]:
 * - integer loop: R[A] index, R[A+1] iterations left (a count computed up
 *   front, so the loop cannot overflow), R[A+2] step (an integer),
 *   R[A+3] the control variable the body sees;
 * - float loop: R[A] index (plain double), R[A+1] limit (double), R[A+2]
 *   step as a Lua float (boxed when integral, so it never looks like the
 *   integer step of an integer loop), R[A+3] the control variable.
 *
 * Read next: `execute.ts` (FORLOOP's inline path).
 */
import type { LuaValue } from '../value/types.ts';
import type { LuaThread } from '../object/objects.ts';
import { runError } from './errors.ts';
import { objTypeName } from './meta.ts';
import {
  LuaFloat, mkfloat, isInteger, tointeger, tonumber, F2I, tofloat, normint,
} from '../value/index.ts';

/** Prepare a loop at R[ra..]; true when it must be skipped. */
export function forPrep(L: LuaThread, ra: number): boolean {
  const stack = L.stack;
  const init = stack[ra], limit = stack[ra + 1], step = stack[ra + 2];
  if (isInteger(init) && isInteger(step)) {
    if (step === 0) runError(L, "'for' step is zero");
    const ilimit = forLimit(L, limit, step);
    if (ilimit === undefined) return true;  // limit beyond every integer in the loop's direction
    if (typeof init === 'number' && typeof step === 'number' && typeof ilimit === 'number') {
      if (step > 0 ? init > ilimit : init < ilimit) return true;
      const count = step > 0 ? Math.floor((ilimit - init) / step) : Math.floor((init - ilimit) / -step);
      if (Number.isSafeInteger(count)) {
        stack[ra + 1] = count;
        stack[ra + 3] = init;
        return false;
      }
    }
    const i = BigInt(init), s = BigInt(step), l = BigInt(ilimit);
    if (s > 0n ? i > l : i < l) return true;
    // unsigned count, as PUC-Rio computes it
    const count = s > 0n ? (l - i) / s : (i - l) / -s;
    stack[ra] = i;
    stack[ra + 1] = count;
    stack[ra + 2] = s;
    stack[ra + 3] = init;
    return false;
  }
  // a float loop; numeric strings are converted, as lvm.c's tonumber does
  const nl = tonumber(limit), ns = tonumber(step), ni = tonumber(init);
  if (nl === undefined) forError(L, limit, 'limit');
  if (ns === undefined) forError(L, step, 'step');
  if (ni === undefined) forError(L, init, 'initial value');
  const fi = tofloat(ni), fl = tofloat(nl), fs = tofloat(ns);
  if (fs === 0) runError(L, "'for' step is zero");
  if (fs > 0 ? fl < fi : fi < fl) return true;
  stack[ra] = fi;
  stack[ra + 1] = fl;
  stack[ra + 2] = mkfloat(fs);  // boxed when integral: never mistaken for an integer step
  stack[ra + 3] = mkfloat(fi);
  return false;
}

function forError(L: LuaThread, v: LuaValue, what: string): never {
  // luaG_forerror: the value is neither a number nor a numeric string
  runError(L, `bad 'for' ${what} (number expected, got ${objTypeName(v)})`);
}

/**
 * The loop's limit as an integer (forlimit): a float limit is floored (or
 * ceiled for negative steps) and clipped to the integer range. Undefined
 * when the loop must not run at all.
 */
function forLimit(L: LuaThread, limit: LuaValue, step: number | bigint): number | bigint | undefined {
  if (isInteger(limit)) return limit;
  const n = tonumber(limit);   // a numeric string counts (luaV_tointegerns converts it)
  if (n === undefined) forError(L, limit, 'limit');
  if (isInteger(n)) return n;
  const f = tofloat(n);
  const r = tointeger(n, step < 0 ? F2I.CEIL : F2I.FLOOR, false);
  if (r !== undefined) return r;
  // beyond the integer range: clip, or skip when it lies on the wrong side;
  // a NaN limit is not above 0, so lua clips it as a very negative one
  if (f > 0) return step < 0 ? undefined : normint((1n << 63n) - 1n);
  return step > 0 ? undefined : normint(-(1n << 63n));
}

/** One FORLOOP step off the fast path; true to loop again. */
export function forLoop(stack: LuaValue[], ra: number): boolean {
  const step = stack[ra + 2];
  if (typeof step === 'bigint' || (typeof step === 'number' && Number.isSafeInteger(step))) {
    // an integer loop: FORPREP left an integer index and an iteration count
    const count = stack[ra + 1] as number | bigint;
    if (count <= 0) return false;
    stack[ra + 1] = typeof count === 'bigint' ? count - 1n : count - 1;
    const idx = BigInt.asIntN(64, BigInt(stack[ra] as number | bigint) + BigInt(step));
    stack[ra] = idx;
    stack[ra + 3] = normint(idx);
    return true;
  }
  // a float loop: FORPREP left a plain float index and limit
  const s = (step as LuaFloat).n ?? (step as number);
  const idx = (stack[ra] as number) + (typeof step === 'number' ? step : s);
  const limit = stack[ra + 1] as number;
  if (typeof step === 'number' ? (step > 0 ? idx <= limit : idx >= limit)
      : (s > 0 ? idx <= limit : idx >= limit)) {
    stack[ra] = idx;
    stack[ra + 3] = mkfloat(idx);
    return true;
  }
  return false;
}
