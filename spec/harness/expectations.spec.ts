/**
 * The harnesses' pure logic (no manual section: this checks the tools that
 * check lucid against manual §2–§6 and the official suite): the two
 * commented expectation lists, how a run is compared with what real Lua 5.4
 * recorded, and how an interpreter's stderr is reduced to its error message.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseExpectations, progress, judge } from '../../scripts/lib/expectations.mjs';
import { compare, readExpectedFailures, listPrograms, readRecord } from '../../scripts/lib/corpus.mjs';
import { errorMessage } from '../../scripts/lib/engines.mjs';

test('conformance expectations: statuses, reasons, comments', () => {
  const map = parseExpectations([
    '# the collector is not finished',
    'gc.lua      FAIL     # __gc finalizers are not run',
    '',
    'goto.lua    PASS',
    'heavy.lua   TIMEOUT  # allocates 2^31 bytes',
  ].join('\n'));
  assert.equal([...map.keys()], ['gc.lua', 'goto.lua', 'heavy.lua']);
  assert.equal(map.get('gc.lua'), { status: 'FAIL', reason: '__gc finalizers are not run' });
  assert.equal(map.get('goto.lua'), { status: 'PASS', reason: '' });
  assert.is(map.get('heavy.lua')?.status, 'TIMEOUT');
});

test('conformance expectations: a [mode M] section overlays the default lines for that mode only', () => {
  const text = 'a.lua PASS\nb.lua PASS\n[mode full]\nb.lua FAIL # heavy tests\n[mode soft]\na.lua TIMEOUT # slow\n';
  assert.equal(parseExpectations(text).get('b.lua'), { status: 'PASS', reason: '' });
  assert.equal(parseExpectations(text).size, 2);
  assert.equal(parseExpectations(text, 'x', 'full').get('b.lua'), { status: 'FAIL', reason: 'heavy tests' });
  assert.equal(parseExpectations(text, 'x', 'full').get('a.lua')?.status, 'PASS');
  assert.equal(parseExpectations(text, 'x', 'soft').get('a.lua')?.status, 'TIMEOUT');
  assert.equal(parseExpectations(text, 'x', 'port').get('b.lua')?.status, 'PASS');
});

test('conformance expectations: a failure without a reason is refused', () => {
  assert.throws(() => parseExpectations('gc.lua FAIL'), /gives no reason/);
  assert.throws(() => parseExpectations('gc.lua MAYBE # ?'), /cannot read/);
});

test('conformance: regressions and improvements', () => {
  const exp = parseExpectations('a.lua PASS\nb.lua FAIL # why\nc.lua PASS');
  const v = judge([{ f: 'a.lua', status: 'TIMEOUT' }, { f: 'b.lua', status: 'PASS' },
    { f: 'c.lua', status: 'PASS' }, { f: 'd.lua', status: 'FAIL' }], exp);
  assert.equal(v.regressions, [{ f: 'a.lua', status: 'TIMEOUT' }]);
  assert.equal(v.improvements.map((x) => x.f), ['b.lua']);
});

test('conformance: progress comes from the first position of the file', () => {
  assert.is(progress('calls.lua', 'calls.lua:120: assertion failed!', 500), 'line 120 of 500');
  assert.is(progress('calls.lua', 'callsXlua:120: no', 500), 'position unknown');
});

test('expected failures: `path  # reason`, and a reason is required', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lucid-harness-'));
  const file = join(dir, 'expected-failures.txt');
  writeFileSync(file, '# group: string library\n3-language/bitwise.lua  # issue 5\n\n');
  assert.equal([...readExpectedFailures(file)], [['3-language/bitwise.lua', 'issue 5']]);
  writeFileSync(file, '3-language/bitwise.lua\n');
  assert.throws(() => readExpectedFailures(file), /reason/);
  assert.is(readExpectedFailures(join(dir, 'missing.txt')).size, 0);
});

test('errorMessage drops the program name and the traceback', () => {
  assert.is(errorMessage('lua5.4: x.lua:1: boom\nstack traceback:\n\t[C]: in ?\n'), 'x.lua:1: boom');
  assert.is(errorMessage('lucid: x.lua:1: boom\n'), 'x.lua:1: boom');
  assert.is(errorMessage('lua: input:1: a\nb\nstack traceback:\n'), 'input:1: a\nb');
});

test('compare: stdout bytes, then status, then message', () => {
  const record = { stdout: 'a\n\xff\n', status: 1, message: 'x.lua:2: boom' };
  const run = { stdout: 'a\n\xff\n', stderr: 'lucid: x.lua:2: boom\n', status: 1, timedOut: false };
  assert.is(compare(record, run), undefined);
  assert.match(compare(record, { ...run, stdout: 'a\n\xfe\n' }) ?? '', /stdout differs at line 2/);
  assert.match(compare(record, { ...run, status: 0 }) ?? '', /exit status 0, expected 1/);
  assert.match(compare(record, { ...run, stderr: 'lua: x.lua:2: bang\n' }) ?? '', /error message differs/);
  assert.is(compare(record, { ...run, timedOut: true }), 'timed out');
});

test('the corpus: every program has a record, every record parses', () => {
  const programs = listPrograms();
  assert.ok(programs.length >= 60, `only ${programs.length} programs`);
  for (const p of programs) assert.ok(readRecord(p), `${p} has no .out: run npm run oracle`);
  for (const p of readExpectedFailures().keys()) assert.ok(programs.includes(p), `${p} is listed but missing`);
});

test.run();
