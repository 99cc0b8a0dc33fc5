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

/** A string as a Lua number, or undefined when it is not a numeral. */
export function str2number(s: string): Num | undefined {
  if (s.length > 200 || s.indexOf('\0') >= 0) return undefined;
  let m = HEX_INT.exec(s);
  if (m) {
    // hex integers wrap around (lobject.c l_str2int)
    const v = BigInt('0x' + m[2]);
    return normint(m[1] === '-' ? -v : v);
  }
  m = DEC_INT.exec(s);
  if (m) {
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

/** `%.14g` as C's printf writes it. */
export function fmtG14(x: number): string {
  if (x !== x) {
    f64[0] = x;
    return (u32[1] >>> 31) ? '-nan' : 'nan';
  }
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mant, expText] = x.toExponential(13).split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 14) {
    const m = trimZeros(tieToEven(mant, exactDigits(x), 14));
    const ae = Math.abs(exp);
    return `${m}e${exp < 0 ? '-' : '+'}${ae < 10 ? '0' : ''}${ae}`;
  }
  return trimZeros(tieToEven(x.toFixed(13 - exp), exactDigits(x), 14));
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/**
 * The significant decimal digits of |x|, exactly, when they are few enough
 * to matter for a tie (else undefined). JS rounds a tie away from zero,
 * C's printf to even, and a tie needs the exact value.
 */
function exactDigits(x: number): string | undefined {
  const a = Math.abs(x);
  if (a >= 1e14) return Number.isInteger(a) && a < 1e21 ? BigInt(a).toString() : undefined;
  if (a < 1e-4) return undefined;  // ties need more digits than %.14g shows
  const fixed = a.toFixed(100).replace(/0+$/, '');
  return fixed.replace('.', '').replace(/^0+/, '');
}

/**
 * Correct JS's round-half-up `rounded` (which kept `keep` significant
 * digits) to round-half-even when the exact digits show a tie.
 */
function tieToEven(rounded: string, exact: string | undefined, keep: number): string {
  if (exact === undefined || exact.length !== keep + 1 || exact[keep] !== '5') return rounded;
  // a tie: JS rounded the last kept digit up; keep it when it was even
  const last = Number(exact[keep - 1]);
  if (last % 2 === 1) return rounded;
  // rebuild `rounded` with the truncated digits instead
  let i = 0;
  let out = '';
  for (const c of rounded) {
    if (c >= '0' && c <= '9' && (i > 0 || c !== '0' || out.includes('.'))) {
      if (i < keep && (i > 0 || c !== '0')) { out += exact[i] ?? '0'; i++; continue; }
    }
    out += c;
  }
  return out;
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
