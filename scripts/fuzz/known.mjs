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

/** A number as the programs print it: a hex float (`%a`, `%q` of a float) or a decimal one. */
const NUMBER = /-?0x[0-9a-f]+(?:\.[0-9a-f]*)?(?:p[-+]?\d+)?|-?\d+(?:\.\d+)?(?:e[-+]\d+)?/gi;

/** The value of a hex float numeral (`0x1.8p+1`), which Number() does not read. */
function hexFloat(s) {
  const m = /^(-?)0x([0-9a-f]+)(?:\.([0-9a-f]*))?(?:p([-+]?\d+))?$/i.exec(s);
  if (!m) return NaN;
  const frac = m[3] ?? '';
  const mantissa = Number.parseInt(m[2] + frac, 16);
  const v = mantissa * 2 ** (Number(m[4] ?? 0) - 4 * frac.length);
  return m[1] ? -v : v;
}

const numberValue = (s) => (/^-?0x/i.test(s) ? hexFloat(s) : Number(s));

/** A double's position on the number line, as an integer: neighbours differ by 1. */
function ordinal(x) {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  return bits < 0n ? -(bits & 0x7fffffffffffffffn) : bits;
}

/** How many ulps the libm-ulp signature accepts between glibc's and V8's results. */
const ULPS = 8n;

/** Two numbers (as text, decimal or hex) at most ULPS doubles apart. */
function near(s, t) {
  const u = numberValue(s); const v = numberValue(t);
  if (u === v) return true;
  if (!Number.isFinite(u) || !Number.isFinite(v)) return false;
  const d = ordinal(u) - ordinal(v);
  return (d < 0n ? -d : d) <= ULPS;
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
  { name: 'border', reason: 'accepted difference: the length of a table with holes is any border (manual §3.4.7). lucid sizes its array part as lua does and searches as luaH_getn does, but after entries are removed lua may reuse their hash nodes for new keys and rehash later than lucid (which counts removed keys as still taking a node); lua places colliding keys by hashes seeded at random per run, so it can also rehash earlier; the array size, and with it the border, can then differ',
    test: (x, y) => {
      const a = fields(x); const b = fields(y);
      return /^\d+:\t/.test(x) && a.length === b.length && a[0] === b[0] && a[1] !== b[1] && /^\d+$/.test(a[1] ?? '') && /^\d+$/.test(b[1] ?? '');
    } },
  { name: 'nan-operand-order', reason: 'accepted difference: an arithmetic operation on two NaNs keeps the sign of its first operand on x86 (lua prints -nan or nan accordingly); V8 may compute it with the operands swapped',
    test: (x, y) => x !== y && x.replace(/-nan/gi, 'nan') === y.replace(/-nan/gi, 'nan') },
  { name: 'libm-ulp', reason: 'accepted difference: the transcendental functions of V8 (sin, cos, tan, asin, acos, atan, exp, log, ^) may differ from glibc in the last bits (at most 8 ulps, printed in decimal or as hex floats)',
    test: ulpsApart },
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
