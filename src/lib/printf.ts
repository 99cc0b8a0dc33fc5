/**
 * # C's printf conversions, digit for digit
 *
 * Responsibility: one conversion specification of C's `printf` (flags,
 * width, precision, conversion) applied to one value, with the exact output
 * of glibc: `%d %i %u %o %x %X %c %s %e %E %f %F %g %G %a %A`. Used by
 * `string.format`, and by `%.14g`-style number printing elsewhere.
 *
 * Manual: §6.4 (`string.format` follows ISO C's `sprintf`).
 *
 * PUC-Rio counterpart: none in Lua itself: lstrlib.c hands each item to
 * the C library's `snprintf` (and `lua_number2strx` to its `%a`). This
 * module is what glibc would do.
 *
 * Invariants:
 * - Decimal conversions are exact: a double is the rational m·2^e, and
 *   every digit printed comes from BigInt arithmetic on it, rounded half
 *   to even as glibc does in the default rounding mode. So `%.99f` of 0.1
 *   shows the true binary value, and ties (`%.0f` of 2.5 → "2") are right.
 * - Integers reach here as int64 bigints; `%o %x %X %u` show them as
 *   unsigned 64-bit (two's complement), as C does with a signed argument.
 *
 * Read next: `format.ts` (the `string.format` driver).
 */

/** One parsed conversion specification. */
export interface ConversionSpec {
  /** `-`: left-justify. */
  minus: boolean;
  /** `+`: always a sign. */
  plus: boolean;
  /** ` `: a space where a plus sign would go. */
  space: boolean;
  /** `#`: the alternative form. */
  hash: boolean;
  /** `0`: pad numbers with zeros. */
  zero: boolean;
  /**
   * Minimum field width: shorter output is padded with spaces on the left (`-` pads on the
   * right, `0` with zeros).
   */
  width: number;
  /** Undefined when no `.` was given. */
  precision: number | undefined;
  /** The conversion letter. */
  conversion: string;
}

/** Pad `body` (after its `prefix`: sign, `0x`) to the width of `spec`. */
function pad(spec: ConversionSpec, prefix: string, body: string, zeroAllowed: boolean): string {
  const length = prefix.length + body.length;
  if (length >= spec.width) return prefix + body;
  const fill = spec.width - length;
  if (spec.minus) return prefix + body + ' '.repeat(fill);
  if (spec.zero && zeroAllowed) return prefix + '0'.repeat(fill) + body;
  return ' '.repeat(fill) + prefix + body;
}

function signOf(spec: ConversionSpec, negative: boolean): string {
  return negative ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
}

// ---------------------------------------------------------------- integers

/** `%d %i %u %o %x %X` of an int64. */
export function formatInteger(spec: ConversionSpec, n: bigint): string {
  const c = spec.conversion;
  const signed = c === 'd' || c === 'i';
  const negative = signed && n < 0n;
  const magnitude = signed ? (negative ? -n : n) : BigInt.asUintN(64, n);
  const radix = c === 'o' ? 8 : c === 'x' || c === 'X' ? 16 : 10;
  let digits = magnitude.toString(radix);
  if (c === 'X') digits = digits.toUpperCase();
  if (spec.precision !== undefined) {
    // An explicit precision is a minimum digit count; zero shows nothing.
    if (spec.precision === 0 && magnitude === 0n) digits = '';
    if (digits.length < spec.precision) digits = digits.padStart(spec.precision, '0');
  }
  let prefix = signed ? signOf(spec, negative) : '';
  if (spec.hash) {
    if (c === 'o' && !digits.startsWith('0')) digits = '0' + digits;
    if ((c === 'x' || c === 'X') && magnitude !== 0n) prefix = c === 'x' ? '0x' : '0X';
  }
  return pad(spec, prefix, digits, spec.precision === undefined);
}

/** `%c` of a byte (the integer is cast to unsigned char). */
export function formatChar(spec: ConversionSpec, code: number): string {
  return pad(spec, '', String.fromCharCode(code & 0xff), false);
}

/** `%s` of a byte string: precision cuts, width pads with spaces. */
export function formatString(spec: ConversionSpec, s: string): string {
  const body = spec.precision === undefined ? s : s.slice(0, spec.precision);
  return pad(spec, '', body, false);
}

// ------------------------------------------------------------------ floats

const view = new DataView(new ArrayBuffer(8));

/** The sign bit of a double (so -0.0 and -nan print their minus). */
export function signBit(x: number): boolean {
  view.setFloat64(0, x);
  return view.getUint32(0) >>> 31 === 1;
}

/** |x| as m·2^e with integer m (x finite). */
function decompose(x: number): { m: bigint; e: number } {
  view.setFloat64(0, x);
  const hi = view.getUint32(0) & 0x7fffffff;
  const lo = view.getUint32(4);
  const biased = hi >>> 20;
  const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return { m: fraction, e: -1074 };
  return { m: fraction | (1n << 52n), e: biased - 1075 };
}

const TEN = 10n;

/** round(|x| · 10^k), ties to even, exactly. */
function scaledRound(m: bigint, e: number, k: number): bigint {
  let num = m;
  let den = 1n;
  if (e >= 0) num <<= BigInt(e);
  else den <<= BigInt(-e);
  if (k >= 0) num *= TEN ** BigInt(k);
  else den *= TEN ** BigInt(-k);
  const q = num / den;
  const twice = (num % den) * 2n;
  if (twice > den || (twice === den && (q & 1n) === 1n)) return q + 1n;
  return q;
}

/** Digits of |x| in fixed notation with `precision` decimals. */
function fixedDigits(x: number, precision: number, hash: boolean): string {
  const { m, e } = decompose(x);
  const digits = scaledRound(m, e, precision).toString().padStart(precision + 1, '0');
  const cut = digits.length - precision;
  const fraction = digits.slice(cut);
  return digits.slice(0, cut) + (precision > 0 || hash ? '.' + fraction : '');
}

/**
 * |x| rounded to `precision + 1` significant digits: the digit string and
 * the decimal exponent of its first digit.
 */
function significantDigits(x: number, precision: number): { digits: string; exponent: number } {
  if (x === 0) return { digits: '0'.repeat(precision + 1), exponent: 0 };
  const { m, e } = decompose(x);
  let exponent = Math.floor(Math.log10(Math.abs(x)));
  const low = TEN ** BigInt(precision);
  const high = low * TEN;
  for (;;) {
    const q = scaledRound(m, e, precision - exponent);
    if (q >= high) exponent++;
    else if (q < low) exponent--;
    else return { digits: q.toString(), exponent };
  }
}

function exponentText(letter: string, exponent: number, minDigits: number): string {
  const text = String(Math.abs(exponent)).padStart(minDigits, '0');
  return letter + (exponent < 0 ? '-' : '+') + text;
}

/** Digits of |x| in `%e` form. */
function exponentialDigits(x: number, precision: number, hash: boolean): string {
  const { digits, exponent } = significantDigits(x, precision);
  const point = precision > 0 || hash ? '.' : '';
  return digits[0] + point + digits.slice(1) + exponentText('e', exponent, 2);
}

/** Digits of |x| in `%g` form: the shorter of `%e` and `%f`, zeros trimmed. */
function generalDigits(x: number, precision: number, hash: boolean): string {
  const p = precision === 0 ? 1 : precision;
  const { exponent } = significantDigits(x, p - 1);
  let body = p > exponent && exponent >= -4
    ? fixedDigits(x, p - 1 - exponent, hash)
    : exponentialDigits(x, p - 1, hash);
  if (!hash) {
    // Trailing zeros of the fraction go, and the point with them.
    const at = body.indexOf('e');
    let mantissa = at === -1 ? body : body.slice(0, at);
    if (mantissa.includes('.')) mantissa = mantissa.replace(/0+$/, '').replace(/\.$/, '');
    body = mantissa + (at === -1 ? '' : body.slice(at));
  }
  return body;
}

/** `%a`: the hexadecimal significand and binary exponent, as glibc writes. */
function hexDigits(x: number, precision: number | undefined, hash: boolean): string {
  let lead: bigint;
  let fraction: bigint; // 52 bits
  let exponent: number;
  if (x === 0) {
    lead = 0n; fraction = 0n; exponent = 0;
  } else {
    const { m, e } = decompose(x);
    const normal = m >= 1n << 52n;
    lead = normal ? 1n : 0n;
    fraction = m & ((1n << 52n) - 1n);
    exponent = normal ? e + 52 : -1022;
  }
  let hex: string;
  if (precision === undefined) {
    hex = fraction.toString(16).padStart(13, '0').replace(/0+$/, '');
  } else if (precision >= 13) {
    hex = fraction.toString(16).padStart(13, '0').padEnd(precision, '0');
  } else {
    // Round the significand to `precision` hex digits, ties to even; a
    // carry may make the leading digit 2 (glibc does not renormalise).
    const drop = BigInt(52 - 4 * precision);
    const whole = (lead << 52n) | fraction;
    let q = whole >> drop;
    const rest = whole & ((1n << drop) - 1n);
    const half = drop > 0n ? 1n << (drop - 1n) : 0n;
    if (drop > 0n && (rest > half || (rest === half && (q & 1n) === 1n))) q++;
    lead = q >> BigInt(4 * precision);
    const kept = q & ((1n << BigInt(4 * precision)) - 1n);
    hex = precision === 0 ? '' : kept.toString(16).padStart(precision, '0');
  }
  const point = hex.length > 0 || hash ? '.' : '';
  return '0x' + lead.toString(16) + point + hex + exponentText('p', exponent, 1);
}

/** `%e %E %f %F %g %G %a %A` of a double. */
export function formatFloat(spec: ConversionSpec, x: number): string {
  const c = spec.conversion;
  const upper = c === 'E' || c === 'F' || c === 'G' || c === 'A';
  const sign = signOf(spec, signBit(x));
  const a = Math.abs(x);
  let body: string;
  if (!Number.isFinite(a)) {
    body = a === Infinity ? 'inf' : 'nan';
    return pad(spec, sign, upper ? body.toUpperCase() : body, false);
  }
  switch (c.toLowerCase()) {
    case 'f': body = fixedDigits(a, spec.precision ?? 6, spec.hash); break;
    case 'e': body = exponentialDigits(a, spec.precision ?? 6, spec.hash); break;
    case 'g': body = generalDigits(a, spec.precision ?? 6, spec.hash); break;
    default: body = hexDigits(a, spec.precision, spec.hash);
  }
  if (upper) body = body.toUpperCase();
  if (c === 'a' || c === 'A') {
    // The zero padding goes between "0x" and the digits.
    return pad(spec, sign + body.slice(0, 2), body.slice(2), true);
  }
  return pad(spec, sign, body, true);
}
