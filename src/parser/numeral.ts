/**
 * # Numerals
 *
 * Responsibility: turning the text of a numeral (§3.1) into its Lua value,
 * with the rules of `lua_stringtonumber`: a decimal integer that overflows
 * int64 becomes a float, a hexadecimal integer wraps around modulo 2^64,
 * hexadecimal floats have a binary exponent (`0x1p4` is 16.0), `inf` and
 * `nan` are not numerals.
 *
 * Manual: §3.1 (numeric constants), §3.4.3 (string to number conversion).
 *
 * PUC-Rio counterpart: `l_str2int` and `l_str2d` of `lobject.c`.
 *
 * Invariant: integers come back canonical (a JS number when safe, else a
 * bigint in the int64 range); floats as plain JS numbers.
 *
 * Read next: `lexer.ts`, which calls this on every numeral it scans.
 */

/**
 * A numeral's value: `isInteger` tells which subtype `value` is (a canonical
 * integer, or a float as a JS number). `readNumeral` returns undefined instead
 * when the numeral is malformed.
 */
export type NumeralValue = { isInteger: true; value: number | bigint } | { isInteger: false; value: number };

const DECIMAL_INT = /^[0-9]+$/;
const HEX_INT = /^0[xX][0-9a-fA-F]+$/;
const DECIMAL_FLOAT = /^([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/;
const HEX_FLOAT = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?[0-9]+))?$/;

const INT64_MAX = (1n << 63n) - 1n;

/** The canonical form of an int64 held in a bigint. */
export function canonicalInteger(b: bigint): number | bigint {
  const n = Number(b);
  return Number.isSafeInteger(n) ? n : b;
}

/** Value of a numeral as the scanner read it, or undefined (malformed). */
export function readNumeral(text: string): NumeralValue | undefined {
  if (HEX_INT.test(text)) {
    // Hexadecimal integers wrap around (§3.1).
    return { isInteger: true, value: canonicalInteger(BigInt.asIntN(64, BigInt(text))) };
  }
  if (DECIMAL_INT.test(text)) {
    if (text.length < 16) return { isInteger: true, value: Number(text) };
    const b = BigInt(text);
    // A decimal integer that does not fit in int64 is read as a float.
    if (b <= INT64_MAX) return { isInteger: true, value: canonicalInteger(b) };
    return { isInteger: false, value: Number(text) };
  }
  if (DECIMAL_FLOAT.test(text)) return { isInteger: false, value: Number(text) };
  const m = HEX_FLOAT.exec(text);
  if (m) {
    const whole = m[1], fraction = m[2] ?? '';
    if (whole.length + fraction.length === 0) return undefined;
    const exponent = (m[3] === undefined ? 0 : Number(m[3])) - 4 * fraction.length;
    return { isInteger: false, value: scaleBinary(BigInt('0x' + whole + fraction || '0'), exponent) };
  }
  return undefined;
}

/** mantissa × 2^exponent, rounded once (as strtod does). */
function scaleBinary(mantissa: bigint, exponent: number): number {
  if (mantissa === 0n) return 0;
  // Keep 64 significant bits plus a sticky bit, so that Number() rounds once.
  const bits = mantissa.toString(2).length;
  if (bits > 64) {
    const drop = BigInt(bits - 64);
    const sticky = (mantissa & ((1n << drop) - 1n)) !== 0n ? 1n : 0n;
    mantissa = (mantissa >> drop) | sticky;
    exponent += Number(drop);
  }
  let x = Number(mantissa);
  // Scale in steps that cannot overflow or underflow prematurely.
  while (exponent > 0) { const s = Math.min(exponent, 1000); x *= 2 ** s; exponent -= s; if (!isFinite(x)) break; }
  while (exponent < 0) { const s = Math.max(exponent, -1000); x *= 2 ** s; exponent -= s; if (x === 0) break; }
  return x;
}
