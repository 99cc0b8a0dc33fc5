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
 * These are the default mode's expectations. A line `[mode full]` (or
 * `port`, `soft`) opens the section of another mode of the runner: it
 * lists only the files whose status in that mode differs from the default
 * mode's, and the others are expected as there.
 * Invariant: every status other than PASS carries a reason.
 */
import { existsSync, readFileSync } from 'node:fs';

/**
 * Parse the text of an expectations file into Map name → { status, reason }
 * for `mode` ('default' unless told): the default lines, overlaid by the
 * lines of the mode's section.
 */
export function parseExpectations(text, file = 'expectations', mode = 'default') {
  const base = new Map();
  const sections = new Map();
  let current = base;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const section = /^\[mode (\w+)\]$/.exec(line);
    if (section) {
      if (!sections.has(section[1])) sections.set(section[1], new Map());
      current = sections.get(section[1]);
      return;
    }
    const m = /^(\S+\.lua)\s+(PASS|FAIL|TIMEOUT)\s*(?:#\s*(.*))?$/.exec(line);
    if (!m) throw new Error(`${file}:${i + 1}: cannot read: ${line}`);
    if (m[2] !== 'PASS' && !m[3]) throw new Error(`${file}:${i + 1}: ${m[1]} is expected to fail but gives no reason`);
    current.set(m[1], { status: m[2], reason: m[3] ?? '' });
  });
  if (mode === 'default') return base;
  return new Map([...base, ...(sections.get(mode) ?? [])]);
}

/** Read an expectations file for `mode` (default: the default mode); a missing file expects nothing. */
export function readExpectations(file, mode = 'default') {
  if (!existsSync(file)) return new Map();
  return parseExpectations(readFileSync(file, 'utf8'), file, mode);
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
