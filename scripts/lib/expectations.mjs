/**
 * The official suite's expectations file (lua-tests/conformance-expectations.txt)
 * and how far a failed run got. Read by scripts/conformance.mjs; kept apart
 * so that spec/harness can check the parsing without running the suite.
 *
 * Format, engine262 style: one line per official file,
 *   name.lua  PASS
 *   name.lua  FAIL     # reason
 *   name.lua  TIMEOUT  # reason
 * with `#` comment lines and blank lines between (grouping by cause).
 * Invariant: every status other than PASS carries a reason.
 */
import { existsSync, readFileSync } from 'node:fs';

/** Parse the text of an expectations file into Map name → { status, reason }. */
export function parseExpectations(text, file = 'expectations') {
  const map = new Map();
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^(\S+\.lua)\s+(PASS|FAIL|TIMEOUT)\s*(?:#\s*(.*))?$/.exec(line);
    if (!m) throw new Error(`${file}:${i + 1}: cannot read: ${line}`);
    if (m[2] !== 'PASS' && !m[3]) throw new Error(`${file}:${i + 1}: ${m[1]} is expected to fail but gives no reason`);
    map.set(m[1], { status: m[2], reason: m[3] ?? '' });
  });
  return map;
}

/** Read an expectations file; a missing file expects nothing. */
export function readExpectations(file) {
  if (!existsSync(file)) return new Map();
  return parseExpectations(readFileSync(file, 'utf8'), file);
}

/**
 * How far into `file` (of `lines` lines) a failed run got, from the first
 * `file:line:` position in its error message.
 */
export function progress(file, message, lines) {
  const m = new RegExp(`${file.replace(/\./g, '\\.')}:(\\d+):`).exec(message);
  return m ? `line ${m[1]} of ${lines}` : 'position unknown';
}

/**
 * Compare results [{ f, status }] with the expectations: a regression is an
 * expected PASS that did not pass; an improvement is an expected failure
 * that now passes.
 */
export function judge(results, expectations) {
  const regressions = []; const improvements = [];
  for (const { f, status } of results) {
    const exp = expectations.get(f);
    if (!exp) continue;
    if (exp.status === 'PASS' && status !== 'PASS') regressions.push({ f, status });
    else if (exp.status !== 'PASS' && status === 'PASS') improvements.push({ f, expected: exp });
  }
  return { regressions, improvements };
}
