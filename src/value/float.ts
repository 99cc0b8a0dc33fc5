/**
 * # The float box
 *
 * Responsibility: representing Lua floats whose value happens to be a safe
 * integer (1.0, 0.0, -0.0, 2^52), which a bare JS number would confuse with
 * the integer of the same value (docs/design.md §2).
 *
 * Manual: §2.1 (the two subtypes of number: integer and float).
 *
 * PUC-Rio counterpart: the `LUA_VNUMFLT` variant tag of `lobject.h`; PUC-Rio
 * tags every value, lucid tags only the floats that need it.
 *
 * Invariants:
 * - A float that is not a safe integer (fractional, NaN, ±inf, |x| ≥ 2^53)
 *   is a plain `number`; one whose value is a safe integer (or -0) is always
 *   boxed, so every number has one canonical form and `===` works on ints.
 * - Boxes are immutable and may be shared.
 * - Values in the int32 range use `LuaFloat`, whose field V8 keeps as a
 *   small integer inline (docs/performance.md R6); -0 and larger values use the
 *   subclass `LuaWideFloat`, so that the common class never sees a double
 *   and never needs a second heap object for its field.
 *
 * Read next: `number.ts` (arithmetic on both subtypes).
 */

/** A boxed float with an integral value. Read the value with `.n`. */
export class LuaFloat {
  /**
   * @param n - The float's value: an integral number (or -0), kept as a JS number inside the box so
   * that it is never mistaken for an integer.
   */
  constructor(readonly n: number) {}
}

/** A boxed float outside the int32 range, or -0. */
export class LuaWideFloat extends LuaFloat {}

/** The shared box for 0.0. */
export const FLOAT_ZERO = new LuaFloat(0);
/** The shared box for -0.0. */
export const FLOAT_NEG_ZERO: LuaFloat = new LuaWideFloat(-0);

/**
 * The canonical Lua float for a JS number: a box when the value is a safe
 * integer (including -0), the number itself otherwise.
 */
export function mkfloat(r: number): number | LuaFloat {
  if (!Number.isSafeInteger(r)) return r;
  if ((r | 0) === r) {
    if (r === 0) return Object.is(r, -0) ? FLOAT_NEG_ZERO : FLOAT_ZERO;
    return new LuaFloat(r | 0);
  }
  return new LuaWideFloat(r);
}

/**
 * Box a value already known to be a safe integer or -0 (the second tier of
 * docs/performance.md R1, after `Number.isSafeInteger(r)` was tested inline).
 */
export function boxfloat(r: number): LuaFloat {
  if ((r | 0) === r) {
    if (r === 0) return Object.is(r, -0) ? FLOAT_NEG_ZERO : FLOAT_ZERO;
    return new LuaFloat(r | 0);
  }
  return new LuaWideFloat(r);
}
