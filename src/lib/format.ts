/**
 * # string.format
 *
 * Responsibility: the `string.format` driver: walking the format string,
 * validating each conversion specification exactly as PUC-Rio 5.4.8 does,
 * converting each argument (integers, floats, strings) and formatting it
 * with `printf.ts`; plus `%q`, Lua's own conversion that writes a value as
 * a Lua literal that reads back to the same value.
 *
 * Manual: §6.4 (`string.format`).
 *
 * PUC-Rio counterpart: `str_format`, `getformat`, `checkformat`,
 * `addliteral`, `addquoted` and `quotefloat` in lstrlib.c.
 *
 * Arguments are read with the checks of src/api/auxlib.ts as the walk
 * reaches them, so errors come in PUC-Rio's order: an earlier bad
 * specification before a later bad argument.
 *
 * Invariants:
 * - Specifications are limited as in PUC-Rio: at most two digits of width
 *   and of precision, only the flags each conversion accepts (`%d`:
 *   `-+0 `, `%x`: `-#0`, `%s`/`%c`: `-`, floats: all), and at most 22
 *   characters of flags, digits and dots.
 * - Errors are PUC-Rio's: "bad argument #n to 'format' (...)" where
 *   lstrlib calls luaL_argerror (the format string is argument 1, so the
 *   first value is argument 2), a plain error otherwise.
 *
 * Read next: `printf.ts` (the digits), `pack.ts` (the other binary/text
 * core of the string library).
 */

import { formatChar, formatFloat, formatInteger, formatString, type ConversionSpec } from './printf.ts';
import { topointer, type LuaThread } from '../api/lua.ts';
import { arg, argError, checkInteger, checkNumber, checkString, luaError, tolstring, cString } from '../api/auxlib.ts';
import { tofloat } from '../value/number.ts';
import type { LuaValue } from '../value/types.ts';
import { LuaFloat } from '../value/float.ts';

const FLAGS_FLOAT = '-+#0 ';
const FLAGS_HEX = '-#0';
const FLAGS_INT = '-+0 ';
const FLAGS_UNSIGNED = '-0';
const FLAGS_CHAR = '-';
/** PUC-Rio's MAX_FORMAT (32) less room for '%', a length modifier and NUL. */
const MAX_SPEC_LENGTH = 22;

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string | undefined) => c !== undefined && /^[A-Za-z]$/.test(c);

/** Skip at most two digits (the limit on width and precision). */
function skip2Digits(form: string, i: number): number {
  if (isDigit(form[i])) {
    i++;
    if (isDigit(form[i])) i++;
  }
  return i;
}

/**
 * Reject a specification with flags the conversion does not take, a
 * width or precision of three digits, or a precision where none is
 * allowed (PUC-Rio's `checkformat`).
 */
function checkFormat(L: LuaThread, form: string, flags: string, precision: boolean): void {
  let i = 1;
  while (i < form.length && flags.includes(form[i]!)) i++;
  if (form[i] !== '0') {
    i = skip2Digits(form, i);
    if (form[i] === '.' && precision) i = skip2Digits(form, i + 1);
  }
  if (!isAlpha(form[i])) luaError(L, `invalid conversion specification: '${cString(form)}'`);   // %s of a C string
}

/** Parse a specification already validated by `checkFormat`. */
function parseSpec(form: string): ConversionSpec {
  const spec: ConversionSpec = {
    minus: false, plus: false, space: false, hash: false, zero: false,
    width: 0, precision: undefined, conversion: form[form.length - 1]!,
  };
  let i = 1;
  for (;; i++) {
    const c = form[i];
    if (c === '-') spec.minus = true;
    else if (c === '+') spec.plus = true;
    else if (c === ' ') spec.space = true;
    else if (c === '#') spec.hash = true;
    else if (c === '0') spec.zero = true;
    else break;
  }
  while (isDigit(form[i])) spec.width = spec.width * 10 + Number(form[i++]);
  if (form[i] === '.') {
    i++;
    spec.precision = 0;
    while (isDigit(form[i])) spec.precision = spec.precision * 10 + Number(form[i++]);
  }
  return spec;
}

/** `%q` of a string: a quoted Lua string that reads back byte for byte. */
export function quoteString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c === 0x0a) {
      out += '\\' + s[i];
    } else if (c < 0x20 || c === 0x7f) {
      // A decimal escape must not run into a following digit.
      const next = s.charCodeAt(i + 1);
      out += '\\' + (next >= 0x30 && next <= 0x39 ? String(c).padStart(3, '0') : String(c));
    } else {
      out += s[i];
    }
  }
  return out + '"';
}

const HEX_FLOAT: ConversionSpec = {
  minus: false, plus: false, space: false, hash: false, zero: false,
  width: 0, precision: undefined, conversion: 'a',
};

/** `%q` of argument `n`, or the "no literal form" argument error. */
function quoteValue(L: LuaThread, v: LuaValue, n: number): string {
  if (typeof v === 'string') return quoteString(v);
  if (typeof v === 'bigint') {
    // math.mininteger has no decimal literal: -9223372036854775808 reads
    // as a float. Its hexadecimal form wraps around to it.
    return v === -(1n << 63n) ? '0x8000000000000000' : v.toString();
  }
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  if (typeof v === 'number' || v instanceof LuaFloat) {
    const x = tofloat(v);
    if (x === Infinity) return '1e9999';
    if (x === -Infinity) return '-1e9999';
    if (x !== x) return '(0/0)';
    return formatFloat(HEX_FLOAT, x);
  }
  if (v === undefined || typeof v === 'boolean') return tolstring(L, v);
  argError(L, n, 'value has no literal form');
}

/** An int64 argument as the bigint `printf.ts` formats. */
function int64(L: LuaThread, base: number, nargs: number, n: number): bigint {
  return BigInt(checkInteger(L, base, nargs, n));
}

/** A float argument as a double. */
function double(L: LuaThread, base: number, nargs: number, n: number): number {
  return tofloat(checkNumber(L, base, nargs, n));
}

/** Format argument `n` by `form`, a specification ending in its conversion letter. */
function formatItem(L: LuaThread, form: string, base: number, nargs: number, n: number): string {
  const conversion = form[form.length - 1];
  switch (conversion) {
    case 'c': {
      checkFormat(L, form, FLAGS_CHAR, false);
      return formatChar(parseSpec(form), Number(BigInt.asUintN(8, int64(L, base, nargs, n))));
    }
    case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': {
      const i = int64(L, base, nargs, n);
      const flags = conversion === 'd' || conversion === 'i' ? FLAGS_INT
        : conversion === 'u' ? FLAGS_UNSIGNED : FLAGS_HEX;
      checkFormat(L, form, flags, true);
      return formatInteger(parseSpec(form), i);
    }
    case 'a': case 'A': {
      checkFormat(L, form, FLAGS_FLOAT, true);
      return formatFloat(parseSpec(form), double(L, base, nargs, n));
    }
    case 'e': case 'E': case 'f': case 'g': case 'G': {
      const x = double(L, base, nargs, n);
      checkFormat(L, form, FLAGS_FLOAT, true);
      return formatFloat(parseSpec(form), x);
    }
    case 'p': {
      checkFormat(L, form, FLAGS_CHAR, false);
      return formatString(parseSpec(form), topointer(L, arg(L, base, nargs, n)) ?? '(null)');
    }
    case 'q': {
      if (form.length > 2) luaError(L, "specifier '%q' cannot have modifiers");
      return quoteValue(L, arg(L, base, nargs, n), n);
    }
    case 's': {
      const s = tolstring(L, arg(L, base, nargs, n));
      if (form.length === 2) return s;
      if (s.includes('\0')) argError(L, n, 'string contains zeros');
      checkFormat(L, form, FLAGS_CHAR, true);
      // Without a precision a long string is kept whole (no need to pad).
      if (!form.includes('.') && s.length >= 100) return s;
      return formatString(parseSpec(form), s);
    }
    default:
      luaError(L, `invalid conversion '${cString(form)}' to 'format'`);   // %s of a C string: up to a NUL
  }
}

const SPEC_CHARS = '-+#0 123456789.';

/**
 * `string.format(fmt, ...)` for the native's arguments: the format string
 * is argument 1, the values follow.
 */
export function format(L: LuaThread, base: number, nargs: number): string {
  const fmt = checkString(L, base, nargs, 1);
  let out = '';
  let n = 1;   // the argument the last conversion used
  let i = 0;
  while (i < fmt.length) {
    const at = fmt.indexOf('%', i);
    if (at === -1) {
      out += fmt.slice(i);
      break;
    }
    out += fmt.slice(i, at);
    i = at + 1;
    if (fmt[i] === '%') {
      out += '%';
      i++;
      continue;
    }
    if (++n > nargs) argError(L, n, 'no value');
    let end = i;
    while (end < fmt.length && SPEC_CHARS.includes(fmt[end]!)) end++;
    if (end - i + 1 >= MAX_SPEC_LENGTH) luaError(L, 'invalid format (too long)');
    // The conversion letter is the byte after the specification (none at
    // the end of the string: C sees the NUL and reports the bare form).
    const form = '%' + fmt.slice(i, end + 1);
    i = end + 1;
    out += formatItem(L, form, base, nargs, n);
  }
  return out;
}
