/**
 * The fuzzer's outcome handling (no manual section: this checks the tool
 * that compares lucid with real Lua 5.4 on random programs): addresses are
 * masked on both engines' outputs and messages, a program's output is cut
 * at its cap and the cut is reported as such, and the standalone error
 * message loses the interpreter's name and the program's directory.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseSections, compareOutcomes, outcome, PROGRAM_CAP } from '../../scripts/fuzz/run.mjs';
import { errorMessage, maskAddresses, runProgram } from '../../scripts/lib/engines.mjs';
import { explain } from '../../scripts/fuzz/known.mjs';

const START = '\0\x01@@';
const ERROR = '\0\x01!!';

test('addresses are masked in what a program prints and in its error', () => {
  const { sections } = parseSections(
    `${START}a\ntable: 0x55d0c3a1b2c0\t0x1.8p+1\t0x10\n${ERROR}x.lua:1: my: 0x005555000120\n${START}END\n`);
  const a = sections.get('a');
  assert.is(a?.out, 'table: 0xADDR\t0x1.8p+1\t0x10\n');
  assert.is(a?.error, 'x.lua:1: my: 0xADDR');
  // the oracle's and lucid's addresses for the same value now agree
  assert.is(compareOutcomes(outcome('function: 0x55b00aed80d0\n'), outcome('function: 0x0055550000e0\n')), undefined);
  assert.is(maskAddresses('thread: 0x7f578a5d1760 file (0x560818a999e0)'), 'thread: 0xADDR file (0xADDR)');
  // text running on from an address (seed 2026: 9832, 42469): each engine's own digits go
  assert.is(maskAddresses(':table: 0x56542187acc01.844674e+19'), maskAddresses(':table: 0x0055550001601.844674e+19'));
  assert.is(maskAddresses('table: 0x558953f6f1500.000000'), 'table: 0xADDR0.000000');
});

test('an output over the program cap is cut and compared on what both kept', () => {
  const big = 'x'.repeat(PROGRAM_CAP + 10);
  const o = outcome(big);
  assert.ok(o.truncated);
  assert.is(o.out.length, PROGRAM_CAP);
  assert.is(compareOutcomes(o, outcome(big)), undefined);
  // cut on one side only: reported as a truncation, not as a difference of text
  assert.is(compareOutcomes(o, outcome(big.slice(0, PROGRAM_CAP + 5) + 'y'.repeat(5)))?.kind, undefined);
  assert.is(compareOutcomes(o, outcome('x'.repeat(100)))?.kind, 'truncated');
  // a real difference inside the kept part is still a difference
  assert.is(compareOutcomes(o, outcome('y' + big.slice(1)))?.kind, 'stdout');
});

test('runProgram keeps at most `cap` bytes of a stream and says so', async () => {
  const run = await runProgram(process.execPath, '-e', { args: ['process.stdout.write("z".repeat(100000))'], cap: 1000 });
  assert.is(run.stdout.length, 1000);
  assert.ok(run.truncated);
});

test("errorMessage drops the oracle's path and the program's directory", () => {
  assert.is(errorMessage('/home/u/.cache/lucid/lua-5.4.8/lua: /tmp/xyz/prog.lua:3: boom\nstack traceback:\n'), 'prog.lua:3: boom');
  assert.is(errorMessage('lucid: prog.lua:3: boom\n'), 'prog.lua:3: boom');
  assert.is(errorMessage('lua: cannot open /tmp/nothing\n'), 'cannot open /tmp/nothing');
});

test('libm-ulp reads decimal and hex floats, up to 8 ulps apart', () => {
  const pair = (a: string, b: string) => explain({ out: `1:\t${a}\n` }, { out: `1:\t${b}\n` });
  assert.is(pair('0.33333333333333331', '0.33333333333333337'), 'libm-ulp');
  assert.is(pair('0x1.5555555555555p-2', '0x1.555555555555dp-2'), 'libm-ulp');        // 8 ulps
  assert.is(pair('0x1.5555555555555p-2', '0x1.555555555555ep-2'), undefined);         // 9 ulps
  assert.is(pair('-0x1.921fb54442d18p+1', '-0x1.921fb54442d19p+1'), 'libm-ulp');
  assert.is(pair('0x1p+0', '0x1.1p+0'), undefined);
  assert.is(pair('0x1p+0', '0x1p+1'), undefined);
});

test.run();
