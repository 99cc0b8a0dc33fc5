/**
 * The prototype views behind the official suite's `T` library (no manual
 * section: `T` is PUC-Rio's ltests.c, used by testes/code.lua). The text of
 * each instruction follows ltests.c `buildop`: "(%2d" raw line delta or "(__"
 * for an absolute anchor, " - %4d) %4d - " line and 0-based pc, then
 * "%-12s" opcode and "%4d" operands by format, " (k)" for a set k bit.
 * lines.lua is built so that its nested function needs absolute anchors.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { undump } from '../../src/bytecode/undump.ts';
import { OPCODES } from '../../src/bytecode/opcodes.ts';
import {
  buildop, listabslineinfo, listcode, listk, listlocals, printcode,
} from '../../src/bytecode/testlib.ts';

const load = (name: string) =>
  undump(readFileSync(new URL(`../fixtures/bytecode/${name}`, import.meta.url)), '@x').proto;
const main = load('lines.luac');
const far = main.protos[0];

test('buildop: every instruction format, absolute anchors and the k bit', () => {
  assert.equal(printcode(far), [
    'maxstack: 2',
    'numparams: 1',
    '( 1 -    3)    0 - MOVE           1    0    0',
    '(__ -  154)    1 - ADDI           1    1  128',
    '( 0 -  154)    2 - MMBINI         1  128    6',
    '(__ -  455)    3 - RETURN1        1    2    0',
    '( 1 -  456)    4 - RETURN0        2    1    0',
  ]);
  assert.is(buildop(main, 5), '( 1 -  459)    5 - LOADI          1    1');
  assert.is(buildop(main, 1), '(__ -  456)    1 - CLOSURE        0    0');
  const tables = load('tables.luac');
  const withK = listcode(tables).code.find((s) => s.includes('SETFIELD'));
  assert.ok(withK?.endsWith(' (k)'), withK);
});

test("code.lua's pattern recovers the opcode of every line", () => {
  for (const name of ['closures', 'constants', 'lines', 'tables']) {
    const visit = (p: ReturnType<typeof load>): void => {
      listcode(p).code.forEach((line, pc) => {
        // code.lua's check(): string.match(c[i], "%u%w+")
        const op = line.match(/[A-Z][A-Za-z0-9]+/)?.[0];
        assert.is(op, OPCODES[p.code[pc] & 0x7f].name);
      });
      p.protos.forEach(visit);
    };
    visit(load(`${name}.luac`));
  }
});

test('listk, listabslineinfo and listlocals', () => {
  assert.equal(listk(far), []);
  assert.ok(listk(load('constants.luac')).includes(9007199254740993n));
  assert.equal(listabslineinfo(far), [1, 154, 3, 455]);
  assert.is(listabslineinfo(load('closures.luac')), undefined);
  assert.equal(listlocals(main, 12), ['far', '(for state)', '(for state)', '(for state)', 'i']);
  assert.equal(listlocals(far, 1), ['x']);
  const { maxstack, numparams } = listcode(far);
  assert.equal([maxstack, numparams], [2, 1]);
});

test.run();
