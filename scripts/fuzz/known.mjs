/**
 * Differences between lucid and the oracle that are already known: each has
 * a name, a reason, a regression program under lua-tests/fuzz/ (listed in
 * lua-tests/expected-failures.txt while the bug is open) and two patterns:
 * one for the oracle's line, one for lucid's line, where the outputs first
 * differ (or for the error messages, when only those differ).
 *
 * A mismatch that a signature explains is counted as a known failure, not
 * as a new one; every other mismatch is shrunk and reported. When a bug is
 * fixed, its signature stops matching: `npm run fuzz` then lists it as
 * "known, not seen", and its entry and expected failure are to be removed.
 *
 * Read next: ../fuzz.mjs.
 */

const NUMBER = /-?\d+(?:\.\d+)?(?:e[-+]\d+)?/g;

/** Two numbers (as text) within a few ulps of each other. */
function near(s, t) {
  const u = Number(s); const v = Number(t);
  return u === v || Math.abs(u - v) <= 4 * Number.EPSILON * Math.max(Math.abs(u), Math.abs(v));
}

/** Two lines that differ only in floats that are within a few ulps. */
function ulpsApart(x, y) {
  const a = x.match(NUMBER); const b = y.match(NUMBER);
  if (!a || !b || a.length !== b.length || x.replace(NUMBER, '#') !== y.replace(NUMBER, '#')) return false;
  return a.every((s, i) => near(s, b[i]));
}

/** The values of a line printed by P: its count, then each shown value. */
const fields = (line) => line.match(/^\d+:|"(?:[^"\\]|\\.)*"|[^\s"]+/g) ?? [];

/** Two P lines of the same count where lucid has nil in place of some values. */
function valuesLost(x, y) {
  const a = fields(x); const b = fields(y);
  if (!/^\d+:\t/.test(x) || a.length !== b.length || a[0] !== b[0]) return false;
  let lost = false;
  for (let i = 1; i < a.length; i++) {
    if (a[i] === b[i] || (/^-?\d/.test(a[i]) && near(a[i], b[i]))) continue;
    if (b[i] !== 'nil') return false;
    lost = true;
  }
  return lost;
}

/**
 * @type {{ name: string, reason: string, expected?: RegExp, got?: RegExp,
 *          test?: (expected: string, got: string) => boolean }[]}
 */
export const KNOWN = [
  { name: 'coroutine-arg-type', reason: "a coroutine function given a non-thread says 'coroutine expected'; lua says 'thread expected'",
    expected: /\(thread expected, got [\w ]+\)/, got: /\(coroutine expected, got [\w ]+\)/ },
  { name: 'rawlen-message', reason: "rawlen's argument error lacks ', got TYPE' (lua 5.4.8 uses luaL_argexpected)",
    expected: /table or string expected, got/, got: /table or string expected\)/ },
  { name: 'xpcall-no-handler', reason: "xpcall without a message handler calls the function; lua raises \"bad argument #2 to 'xpcall' (function expected, got no value)\"",
    expected: /bad argument #2 to 'xpcall' \(function expected/, got: /^/ },
  { name: 'minmax-compare', reason: "math.max and math.min check that their arguments are numbers; lua compares them with lua_compare (\"attempt to compare …\", and strings compare)",
    expected: /^/, got: /bad argument #\d+ to '(math\.)?(max|min)'/ },
  { name: 'reader-error-position', reason: 'load with a reader function that returns a non-string: the message lacks the position lua gives it',
    expected: /\.lua:\d+: reader function must return a string/, got: /"reader function must return a string/ },
  { name: 'border', reason: 'accepted difference: the length of a table with holes is any border (manual §3.4.7). lucid sizes its array part as lua does and searches as luaH_getn does, but after entries are removed lua may reuse their hash nodes for new keys and rehash later than lucid (which counts removed keys as still taking a node); lua places colliding keys by hashes seeded at random per run, so it can also rehash earlier; the array size, and with it the border, can then differ',
    test: (x, y) => {
      const a = fields(x); const b = fields(y);
      return /^\d+:\t/.test(x) && a.length === b.length && a[0] === b[0] && a[1] !== b[1] && /^\d+$/.test(a[1] ?? '') && /^\d+$/.test(b[1] ?? '');
    } },
  { name: 'nan-operand-order', reason: 'accepted difference: an arithmetic operation on two NaNs keeps the sign of its first operand on x86 (lua prints -nan or nan accordingly); V8 may compute it with the operands swapped',
    test: (x, y) => x !== y && x.replace(/-nan/gi, 'nan') === y.replace(/-nan/gi, 'nan') },
  { name: 'libm-ulp', reason: 'accepted difference: the transcendental functions of V8 (sin, cos, tan, asin, acos, atan, exp, log, ^) may differ from glibc in the last bits',
    test: ulpsApart },
  { name: 'utf8-char-arg-order', reason: 'utf8.char checks the types of all its arguments before their ranges; lua checks each argument in turn',
    expected: /bad argument #\d+ to '(utf8\.)?char' \(value out of range\)/, got: /bad argument #\d+ to '(utf8\.)?char'/ },
  { name: 'fmod-arg-order', reason: "math.fmod checks its first argument first; lua, built by gcc, checks the second first (the order in which C evaluates luaL_checknumber(L, 1) and luaL_checknumber(L, 2) is unspecified)",
    expected: /bad argument #2 to '(math\.)?fmod'/, got: /bad argument #1 to '(math\.)?fmod'/ },
];

/**
 * Which known difference explains this pair of outcomes? Compares line by
 * line; returns the name of the first signature matching the first differing
 * pair of lines, or undefined.
 */
export function explain(oracle, lucid) {
  const a = oracle.out.split('\n');
  const b = lucid.out.split('\n');
  if (oracle.error !== undefined) a.push(`error: ${oracle.error}`);
  if (lucid.error !== undefined) b.push(`error: ${lucid.error}`);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const x = a[i] ?? '';
  const y = b[i] ?? '';
  for (const k of KNOWN) {
    if (k.test ? k.test(x, y) : k.expected.test(x) && k.got.test(y)) return k.name;
  }
  return undefined;
}
