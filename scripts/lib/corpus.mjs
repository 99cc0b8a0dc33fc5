/**
 * The lua-tests corpus: finding its programs, reading and writing what real
 * Lua 5.4 recorded for each, reading the expected-failures list, and
 * comparing a run with the record. Layout (lua-tests/README.md):
 *
 *   lua-tests/<section>/<name>.lua   the program
 *   lua-tests/<section>/<name>.out   its stdout, byte for byte
 *   lua-tests/<section>/<name>.err   only when it fails: `exit N`, then the
 *                                    error message lua prints (no traceback)
 */
import { existsSync, readdirSync, readFileSync, writeFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { errorMessage, maskAddresses } from './engines.mjs';

export const root = resolve(import.meta.dirname, '..', '..');
export const corpusDir = join(root, 'lua-tests');
export const expectedFailuresFile = join(corpusDir, 'expected-failures.txt');

/** Every program of the corpus, as paths relative to lua-tests/, sorted. */
export function listPrograms(filters = []) {
  const found = [];
  (function walk(dir) {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.lua')) found.push(relative(corpusDir, p));
    }
  })(corpusDir);
  if (filters.length === 0) return found;
  return found.filter((f) => filters.some((x) => f.startsWith(x) || f.includes(x)));
}

/** The record for a program: { stdout, status, message }, or undefined. */
export function readRecord(program) {
  const base = join(corpusDir, program.replace(/\.lua$/, ''));
  if (!existsSync(base + '.out')) return undefined;
  const stdout = readFileSync(base + '.out', 'latin1');
  let status = 0; let message = '';
  if (existsSync(base + '.err')) {
    const text = readFileSync(base + '.err', 'latin1');
    const nl = text.indexOf('\n');
    status = Number(/^exit (\d+)/.exec(text)?.[1] ?? 1);
    message = nl >= 0 ? text.slice(nl + 1).replace(/\n$/, '') : '';
  }
  return { stdout, status, message };
}

/** Store what a reference engine did as the record of `program`. */
export function writeRecord(program, run) {
  const base = join(corpusDir, program.replace(/\.lua$/, ''));
  writeFileSync(base + '.out', Buffer.from(run.stdout, 'latin1'));
  if (run.status !== 0) {
    writeFileSync(base + '.err', Buffer.from(`exit ${run.status}\n${errorMessage(run.stderr)}\n`, 'latin1'));
  } else if (existsSync(base + '.err')) {
    rmSync(base + '.err');
  }
}

/**
 * Compare a run with a record; returns undefined when they agree, else a
 * short description of the first difference. Addresses (`table: 0x…`) are
 * masked on both sides: where a table lands is no difference.
 */
export function compare(record, run) {
  if (run.timedOut) return 'timed out';
  if (run.truncated) return 'output over the capture limit (16 MB)';
  const same = (x, y) => x === y || maskAddresses(x) === maskAddresses(y);
  if (!same(run.stdout, record.stdout)) {
    const a = record.stdout; const b = run.stdout;
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    const line = a.slice(0, i).split('\n').length;
    const show = (s) => JSON.stringify(s.slice(Math.max(0, i - 40), i + 60));
    return `stdout differs at line ${line}\n  expected: ${show(a)}\n  got:      ${show(b)}` +
      (run.status !== 0 ? `\n  (it stopped with: ${errorMessage(run.stderr).slice(0, 300)})` : '');
  }
  if (run.status !== record.status) {
    return `exit status ${run.status}, expected ${record.status}` +
      (run.status !== 0 ? `\n  stderr: ${errorMessage(run.stderr).slice(0, 300)}` : '');
  }
  if (record.status !== 0 && !same(errorMessage(run.stderr), record.message)) {
    return `error message differs\n  expected: ${record.message}\n  got:      ${errorMessage(run.stderr)}`;
  }
  return undefined;
}

/**
 * The expected-failures list: `path  # reason` lines, `#` comments and
 * blank lines between. Returns a Map path → reason. A line without a reason
 * is an error: every expected failure says why.
 */
export function readExpectedFailures(file = expectedFailuresFile) {
  const map = new Map();
  if (!existsSync(file)) return map;
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^(\S+\.lua)\s+#\s*(\S.*)$/.exec(line);
    if (!m) throw new Error(`${file}:${i + 1}: expected \`path.lua  # reason\`, got: ${line}`);
    map.set(m[1], m[2]);
  });
  return map;
}
