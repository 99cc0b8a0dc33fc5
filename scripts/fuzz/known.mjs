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

/** @type {{ name: string, reason: string, expected: RegExp, got: RegExp }[]} */
export const KNOWN = [
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
  for (const k of KNOWN) if (k.expected.test(x) && k.got.test(y)) return k.name;
  return undefined;
}
