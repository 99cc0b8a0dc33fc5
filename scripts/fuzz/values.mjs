/**
 * The leaves of generated programs: number literals at the edges of Lua's
 * integer and float ranges, string literals over all 256 byte values in every
 * escape form, and the little languages of the string library (patterns,
 * `string.format` specifications, `string.pack` formats), each drawn valid
 * most of the time and malformed some of the time, so that error messages
 * are compared too.
 *
 * Everything returned is Lua source text.
 *
 * Read next: generate.mjs, which builds expressions and statements on these.
 */

/** Integers: the edges of 64-bit two's complement, of 2^53, of 32 bits. */
export const INTEGERS = [
  '0', '1', '2', '3', '7', '10', '-1', '-2', '-8', '100', '255', '256', '1000',
  '65535', '2147483647', '-2147483648', '4294967296', '4294967295',
  'math.maxinteger', 'math.mininteger', '(math.maxinteger - 1)', '(math.mininteger + 1)',
  '9007199254740992', '9007199254740993', '-9007199254740993',
  '0x7fffffffffffffff', '0xffffffffffffffff', '0x8000000000000000', '0x10', '0xff',
  '(1 << 62)', '(1 << 31)', '(1 << 53)', '-0', '9223372036854775807',
];

/** Floats: signed zeros, infinities, NaN, 2^53 ± 1, subnormals, huge values. */
export const FLOATS = [
  '0.0', '-0.0', '1.0', '-1.0', '0.5', '-0.5', '1.5', '-2.5', '0.1', '3.0', '2.5',
  '1e308', '-1e308', '1.7976931348623157e308', '1e-308', '5e-324', '2.2250738585072014e-308',
  '2^53', '(2^53 + 1)', '(2^53 - 1)', '2^63', '-2^63', '2^64', '2^31', '-2^31', '2^24',
  '(1/0)', '(-1/0)', '(0/0)', '(-(0/0))', 'math.pi', 'math.huge', '(-math.huge)',
  '1e15', '1e16', '1e100', '123456789012345.0', '0x1p-1074', '0x1.fffffffffffffp1023',
  '9007199254740993.0', '9223372036854775808', '1e2', '.5', '5.', '3e-2', '0x.8p1',
  '0xA.8p0', '-1e-300', '4.9406564584124654e-324', '0.30000000000000004', '1e21',
];

/** Strings that look like numbers (or almost do): coercion and tonumber. */
export const NUMERIC_STRINGS = [
  '"10"', '"0x10"', '" 3 "', '"1e2"', '"-0"', '"abc"', '"9223372036854775808"', '"0x"',
  '"1e"', '"inf"', '"nan"', '""', '"  0x1p4  "', '"1 2"', '"3.0"', '"-7"', '"0x7fffffffffffffff"',
  '"9223372036854775807"', '"-9223372036854775808"', '"1e400"', '"0x1P-2"', '" \\t12\\n"',
  '"5."', '".5"', '"0b1"', '"1_000"', '"0xffffffffffffffffff"', '"-0x10"', '"+4"', '"--1"',
];

/** A random number literal of either subtype, mostly from the edge lists. */
export function numberLiteral(rng) {
  return rng.weighted([
    [5, () => rng.pick(INTEGERS)],
    [5, () => rng.pick(FLOATS)],
    [2, () => String(rng.range(-20, 20))],
    [1, () => `${rng.range(-1000, 1000)}.${rng.range(0, 99)}`],
    [1, () => `0x${rng.u32().toString(16)}${rng.u32().toString(16)}`],
    [1, () => `${rng.range(1, 9)}e${rng.range(-330, 330)}`],
  ])();
}

/** A random byte string of up to `max` bytes, biased to short and to ASCII. */
export function randomBytes(rng, max = 12) {
  const n = rng.chance(0.2) ? 0 : rng.range(1, max);
  const bytes = [];
  for (let i = 0; i < n; i++) {
    bytes.push(rng.weighted([
      [6, () => rng.range(97, 122)],
      [2, () => rng.range(32, 126)],
      [1, () => rng.range(0, 31)],
      [2, () => rng.range(128, 255)],
      [1, () => rng.pick([0, 10, 13, 34, 39, 92, 91, 93, 37, 40, 41])],
    ])());
  }
  return bytes;
}

/**
 * A Lua literal for `bytes`: quoted with a random mix of decimal, hex and
 * \u{} escapes and raw bytes, or a long bracket when its content allows.
 */
export function stringLiteral(rng, bytes) {
  const longOk = !bytes.includes(13) && bytes[0] !== 10 && rng.chance(0.15);
  if (longOk) {
    const text = String.fromCharCode(...bytes);
    let eq = '';
    while (text.includes(`]${eq}]`) || text.endsWith(`]${eq}`)) eq += '=';
    return `[${eq}[${text}]${eq}]`;
  }
  const q = rng.chance(0.7) ? '"' : "'";
  let s = q;
  bytes.forEach((b, i) => {
    const c = String.fromCharCode(b);
    const digitNext = bytes[i + 1] >= 48 && bytes[i + 1] <= 57;
    const named = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 92: '\\\\' };
    if (b === q.charCodeAt(0)) s += '\\' + c;
    else if (named[b] && (b === 92 || b === 10 || b === 13 || rng.chance(0.5))) s += named[b];
    else if (rng.chance(0.12)) s += `\\${digitNext ? String(b).padStart(3, '0') : b}`;
    else if (rng.chance(0.08)) s += `\\x${b.toString(16).padStart(2, '0')}`;
    else if (b < 128 && rng.chance(0.05)) s += `\\u{${b.toString(16)}}`;
    else if (b === 10 || b === 13 || b === 92) s += named[b];
    else if (rng.chance(0.01)) s += `\\z  ${c}`;
    else s += c;
  });
  return s + q;
}

/** A string literal: mostly random bytes, some words that patterns match. */
export function stringAtom(rng) {
  return rng.weighted([
    [4, () => stringLiteral(rng, randomBytes(rng))],
    [2, () => rng.pick(NUMERIC_STRINGS)],
    [2, () => rng.pick(['"hello world"', '"abc"', '""', '"a,b,,c"', '"key = value"', '"((a)(b))"',
      '"x=1, y=22, z=333"', '"  trim me  "', '"AbC123"', '"aaa"', '"\\0\\1\\2"', '"%d%s"',
      '"caf\\xc3\\xa9"', '"\\u{7FF}\\u{FFFF}\\u{10FFFF}"', '"\\xff\\xfe"', '"\\u{7FFFFFFF}"'])],
    [1, () => `"\\u{${rng.range(0, 0x10ffff).toString(16)}}"`],
  ])();
}

const CLASSES = ['%a', '%d', '%s', '%w', '%p', '%x', '%u', '%l', '%c', '%g', '%A', '%D', '%S', '%W', '.'];

/** A Lua pattern: valid most of the time (captures, classes, sets, %b, %f). */
export function pattern(rng) {
  if (rng.chance(0.08)) {
    return JSON.stringify(rng.pick(['[a', '%', '(', ')', '%9', '[%', '(()', '%b', '%bx', '%f',
      '%fx', 'a)', '[]', '[^]', '%1', '(a)%2', '((((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))']));
  }
  const parts = [];
  if (rng.chance(0.2)) parts.push('^');
  const n = rng.range(1, 4);
  let open = 0; let captures = 0;
  for (let i = 0; i < n; i++) {
    let atom = rng.weighted([
      [4, () => rng.pick(CLASSES)],
      [3, () => rng.pick('abcxyz019 =,.-'.split('')).replace(/[.\-]/, (m) => '%' + m)],
      [2, () => rng.pick(['[abc]', '[^%d]', '[a-z]', '[%w_]', '[%]]', '[^ ]', '[0-9a-f]', '[-]'])],
      [1, () => rng.pick(['%b()', '%f[%w]', '%f[%W]', '%b""'])],
    ])();
    if (!atom.startsWith('%b') && !atom.startsWith('%f') && rng.chance(0.4)) atom += rng.pick(['*', '+', '-', '?']);
    if (rng.chance(0.15)) { parts.push('('); open++; captures++; }
    parts.push(atom);
    if (open > 0 && rng.chance(0.4)) { parts.push(')'); open--; }
  }
  while (open-- > 0) parts.push(')');
  if (rng.chance(0.1)) parts.push('()');
  if (captures > 0 && rng.chance(0.1)) parts.push('%1');
  if (rng.chance(0.15)) parts.push('$');
  return JSON.stringify(parts.join('')).replace(/\\u00([0-9a-f]{2})/g, (_, h) => `\\x${h}`);
}

/** A `string.format` specification and the kinds of its arguments. */
export function formatSpec(rng) {
  const specs = [];
  const kinds = [];
  const n = rng.range(1, 3);
  for (let i = 0; i < n; i++) {
    if (rng.chance(0.3)) specs.push(rng.pick(['x', ' ', ':', '%%', '\\0']));
    const conv = rng.weighted([
      [3, 'd'], [2, 'i'], [2, 'x'], [1, 'X'], [1, 'o'], [1, 'c'], [3, 'f'], [3, 'g'], [2, 'e'],
      [1, 'E'], [1, 'G'], [2, 'a'], [1, 'A'], [3, 's'], [2, 'q'], [1, 'u'], [1, 'y'], [1, 'ld'],
    ]);
    let flags = '';
    if (rng.chance(0.3)) flags += rng.pick(['-', '+', ' ', '#', '0', '-0', '+ ', '#0']);
    let width = rng.chance(0.3) ? String(rng.pick([1, 2, 5, 10, 20, 99, 100])) : '';
    let prec = rng.chance(0.3) ? '.' + rng.pick(['', '0', '1', '3', '10', '20', '99', '100']) : '';
    if (conv === 'q' && rng.chance(0.8)) { flags = ''; width = ''; prec = ''; }
    specs.push(`%${flags}${width}${prec}${conv}`);
    kinds.push(conv);
  }
  if (rng.chance(0.03)) specs.push(rng.pick(['%', '%10', '%-']));
  return { fmt: JSON.stringify(specs.join('')).replace(/\\\\0/g, '\\0'), kinds };
}

/** A `string.pack` format and the kinds of values it takes. */
export function packFormat(rng) {
  const items = [];
  const kinds = [];
  const n = rng.range(1, 4);
  if (rng.chance(0.4)) items.push(rng.pick(['<', '>', '=', '!', '!4', '!8', '!3', '!17']));
  for (let i = 0; i < n; i++) {
    const opt = rng.weighted([
      [2, ['b', 'int']], [2, ['B', 'int']], [2, ['h', 'int']], [1, ['H', 'int']],
      [2, ['i' + rng.pick(['', '1', '2', '3', '4', '7', '8', '9', '16', '17', '0']), 'int']],
      [2, ['I' + rng.pick(['', '1', '3', '5', '8', '16']), 'int']],
      [1, ['l', 'int']], [1, ['L', 'int']], [2, ['j', 'int']], [1, ['J', 'int']], [1, ['T', 'int']],
      [2, ['f', 'num']], [2, ['d', 'num']], [1, ['n', 'num']],
      [2, ['s' + rng.pick(['', '1', '2', '4', '8']), 'str']], [2, ['z', 'str']],
      [1, ['c' + rng.pick(['', '0', '1', '3', '10']), 'str']],
      [1, ['x', null]], [1, ['Xi4', null]], [1, [' ', null]], [1, ['<', null]], [1, ['>', null]],
    ]);
    items.push(opt[0]);
    if (opt[1]) kinds.push(opt[1]);
  }
  return { fmt: JSON.stringify(items.join('')), kinds };
}
