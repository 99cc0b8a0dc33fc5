/**
 * Manual §3.4 (expressions) and §9 (the syntax puts no bound on a chain of
 * left-associative operators or of suffixes): very long chains compile
 * without exhausting the JS stack, to the code luac 5.4.8 emits for them
 * (checked with scripts/crosscheck-listing.mjs on the same sources).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from '../../src/parser/index.ts';
import { compile } from '../../src/compiler/index.ts';
import { OpCode } from '../../src/bytecode/opcodes.ts';
import * as I from '../../src/bytecode/instruction.ts';

const count = (code: Uint32Array, op: OpCode) => Array.from(code).filter((i) => I.getOp(i) === op).length;

test('a + a + … (20000 terms): one ADD and one MMBIN per operator', () => {
  const main = compile(parse(`local a = 1\nlocal x = ${Array(20000).fill('a').join(' + ')}\n`, '=chain'));
  assert.is(count(main.code, OpCode.ADD), 19999);
  assert.is(count(main.code, OpCode.MMBIN), 19999);
  assert.is(main.maxstacksize, 2);  // a, and x where every partial sum goes
});

test('a.b.b.… (20000 fields) and f()()… (5000 calls)', () => {
  const main = compile(parse(`local a = {}\nlocal x = a${'.b'.repeat(20000)}\nx = a${'()'.repeat(5000)}\n`, '=chain'));
  assert.is(count(main.code, OpCode.GETFIELD), 20000);
  assert.is(count(main.code, OpCode.CALL), 5000);
});

test.run();
