/**
 * # Conversions between strings and numbers
 *
 * Responsibility: reading a Lua numeral from a string at run time
 * (`tonumber`, arithmetic on strings) and writing a number as Lua prints it
 * (`tostring`, `print`, `..`).
 *
 * Manual: §3.1 (numerals), §3.4.3 (coercions and conversions).
 *
 * PUC-Rio counterpart: `luaO_str2num`, `l_str2int`, `l_str2d`,
 * `tostringbuff` (lobject.c), LUAI_NUMFFORMAT "%.14g" (luaconf.h).
 *
 * Invariants:
 * - Decimal integers that overflow int64 are read as floats; hexadecimal
 *   integers wrap around modulo 2^64.
 * - Floats print with `%.14g`, with `.0` added when the result looks like
 *   an integer; infinities and NaN print as glibc prints them.
 *
 * Read next: `number.ts`.
 */

import { LuaFloat, mkfloat } from './float.ts';
import { normint } from './number.ts';

type Num = number | bigint | LuaFloat;

const SPACE = /^[ \f\n\r\t\v]*/;
const DEC_INT = /^[ \f\n\r\t\v]*(-)?([0-9]+)[ \f\n\r\t\v]*$/;
const HEX_INT = /^[ \f\n\r\t\v]*([-+])?0[xX]([0-9a-fA-F]+)[ \f\n\r\t\v]*$/;
const DEC_FLOAT = /^[ \f\n\r\t\v]*[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?[ \f\n\r\t\v]*$/;
const HEX_FLOAT = /^[ \f\n\r\t\v]*([-+])?0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([-+]?[0-9]+))?[ \f\n\r\t\v]*$/;

/**
 * A Lua string as C code sees it through a `const char*`: cut at its first
 * NUL byte. PUC-Rio passes names that way (file names, chunk names,
 * options, `__name`, variable names in messages), so `"a\0b"` is `a`
 * there; lucid cuts at the same places with this.
 */
export function cString(s: string): string {
  const z = s.indexOf('\0');
  return z < 0 ? s : s.slice(0, z);
}

/**
 * A string as a Lua number, or undefined when it is not a numeral. There
 * is no length limit (lobject.c's L_MAXLENNUM bounds only its retry with
 * the locale's decimal point): 320 nines read as `inf`. A string with an
 * embedded zero byte is never a numeral.
 */
export function str2number(s: string): Num | undefined {
  if (s.indexOf('\0') >= 0) return undefined;
  let m = HEX_INT.exec(s);
  if (m) {
    // hex integers wrap around (lobject.c l_str2int)
    const v = BigInt('0x' + m[2]);
    return normint(m[1] === '-' ? -v : v);
  }
  m = DEC_INT.exec(s);
  if (m) {
    // more than 19 significant digits can only be a float: skip the bigint
    if (m[2].length > 19 && m[2].replace(/^0+/, '').length > 19) return mkfloat(Number((m[1] ?? '') + m[2]));
    const v = BigInt(m[2]);
    const signed = m[1] ? -v : v;
    if (signed >= -(1n << 63n) && signed < (1n << 63n)) return normint(signed);
    return mkfloat(Number(signed));  // decimal overflow reads as a float
  }
  // the sign may also be '+' for floats and for integers read as floats
  if (/^[ \f\n\r\t\v]*\+[0-9]+[ \f\n\r\t\v]*$/.test(s)) return str2number(s.replace('+', ''));
  if (DEC_FLOAT.test(s)) return mkfloat(Number(s.replace(SPACE, '').trim()));
  m = HEX_FLOAT.exec(s);
  if (m && (m[2].length > 0 || (m[3] !== undefined && m[3].length > 0))) {
    return mkfloat(hexFloat(m[1] === '-', m[2], m[3] ?? '', m[4] ?? '0'));
  }
  return undefined;
}

/** The value of a hexadecimal float numeral (`lua_strx2number`). */
export function hexFloat(negative: boolean, int: string, frac: string, exp: string): number {
  // Accumulate up to 30 significant hex digits exactly enough for a double;
  // later digits only move the exponent, as PUC-Rio does.
  let mant = 0;
  let e = 0;
  let sig = 0;
  for (const c of int) {
    const d = parseInt(c, 16);
    if (sig === 0 && d === 0) continue;
    if (sig < 30) { mant = mant * 16 + d; sig++; } else e += 4;
  }
  for (const c of frac) {
    const d = parseInt(c, 16);
    if (sig === 0 && d === 0) { e -= 4; continue; }
    if (sig < 30) { mant = mant * 16 + d; sig++; e -= 4; }
  }
  const r = mant * Math.pow(2, e + Number(exp));
  return negative ? -r : r;
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/**
 * C's `%.14g` (LUAI_NUMFFORMAT), which luac and `tostring` use for floats:
 * 14 significant digits, trailing zeros removed, exponent form when the
 * exponent is below -4 or at least 14.
 */
export function formatG14(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const precision = 14;
  const { digits, exponent } = roundDigits(Math.abs(x), precision);
  const sign = x < 0 ? '-' : '';
  if (exponent < -4 || exponent >= precision) {
    const mantissa = stripZeros(`${digits[0]}.${digits.slice(1)}`);
    const power = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${power}`;
  }
  if (exponent < 0) return sign + stripZeros(`0.${'0'.repeat(-exponent - 1)}${digits}`);
  const point = exponent + 1;
  const fraction = digits.slice(point);
  return sign + (fraction === '' ? digits : stripZeros(`${digits.slice(0, point)}.${fraction}`));
}

/**
 * The first `precision` significant digits of `ax` > 0 and its decimal
 * exponent, rounded as C's printf rounds: to nearest, ties to even.
 * `toExponential` rounds ties away from zero, so an exact tie whose
 * rounded-up last digit is odd steps back down by one unit.
 */
function roundDigits(ax: number, precision: number): { digits: string; exponent: number } {
  const [mantissa, power] = ax.toExponential(precision - 1).split('e');
  const exponent = Number(power);
  let digits = mantissa.replace('.', '');
  const up = BigInt(digits);
  if (up % 2n === 1n && isExactTie(ax, up, precision - 1 - exponent)) {
    digits = String(up - 1n);
  }
  return { digits, exponent };
}

/** Is `ax` exactly (up - 1/2) * 10^-scale? Decided exactly, with bigints. */
function isExactTie(ax: number, up: bigint, scale: number): boolean {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, ax);
  const bits = view.getBigUint64(0);
  const biased = Number(bits >> 52n);
  const fraction = bits & ((1n << 52n) - 1n);
  // ax = m * 2^q exactly
  const m = biased === 0 ? fraction : fraction | (1n << 52n);
  const q = biased === 0 ? -1074 : biased - 1075;
  // compare 2 * ax * 10^scale with 2 * up - 1, as num/den
  let num = m;
  let den = 1n;
  if (q + 1 >= 0) num <<= BigInt(q + 1); else den <<= BigInt(-(q + 1));
  if (scale >= 0) num *= 10n ** BigInt(scale); else den *= 10n ** BigInt(-scale);
  return num === (2n * up - 1n) * den;
}

function stripZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}


/** `%.14g` with the sign of a NaN shown, as glibc's printf shows it. */
export function fmtG14(x: number): string {
  if (x !== x) {
    f64[0] = x;
    return (u32[1] >>> 31) ? '-nan' : 'nan';
  }
  return formatG14(x);
}

/** A number as `tostring` writes it (`tostringbuff`). */
export function number2string(v: Num): string {
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  const x = typeof v === 'number' ? v : v.n;
  const s = fmtG14(x);
  // looks like an integer? then show it is a float
  return /^-?[0-9]+$/.test(s) ? s + '.0' : s;
}
