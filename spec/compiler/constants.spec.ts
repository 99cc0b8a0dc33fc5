/**
 * Constants (manual §3.1 numerals and strings; lcode.c addk/luaK_numberK):
 * the order and the duplicates of K as luac produces them, LOADKX beyond
 * the 17-bit Bx operand, and the float/integer distinction. Expected values
 * are what `luac5.4 -l -l` printed for the same sources.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from '../../src/parser/index.ts';
import { compile } from '../../src/compiler/index.ts';
import { OpCode } from '../../src/bytecode/opcodes.ts';
import * as I from '../../src/bytecode/instruction.ts';
import { LuaFloat } from '../../src/value/float.ts';

const compileSource = (source: string) => compile(parse(source, '=test'));

test('the constant cache is shared by nested functions, as luac\'s scanner table', () => {
  // f's K gets "print" at index 0; back in the main function the cache
  // points at index 0, which holds "x" there, so luac adds "print" again
  const main = compileSource('x = 1\nprint(x)\nlocal function f() print() end\nprint(x)\n');
  assert.equal(main.constants, ['x', 1, 'print', 'print']);
  assert.equal(main.protos[0].constants, ['print']);
});

test('1 and 1.0 are two constants; a + 0.5 and a - 0.5 share one', () => {
  // luac5.4 -l -l: constants (3): I 100000, F 100000.0, F 0.5
  const main = compileSource('local a = ...\nreturn a + 100000, a + 100000.0, a + 0.5, a - 0.5\n');
  const ks = main.constants;
  assert.is(ks.length, 3);
  assert.is(ks[0], 100000);
  assert.instance(ks[1], LuaFloat);
  assert.is((ks[1] as LuaFloat).n, 100000);
  assert.is(ks[2], 0.5);
});

test('a constant index beyond Bx needs LOADKX + EXTRAARG', () => {
  const n = 131073;
  const items = Array.from({ length: n }, (_, i) => `"k${i}"`).join(', ');
  const main = compileSource(`local t = {${items}}\n`);
  const code = Array.from(main.code);
  const at = code.findIndex((i) => I.getOp(i) === OpCode.LOADKX);
  // luac5.4 -l: 136312 [1] LOADKX 23 ; "k131072" / 136313 [1] EXTRAARG 131072
  assert.is(at + 1, 136312);
  assert.is(I.getA(code[at]), 23);
  assert.is(I.getOp(code[at + 1]), OpCode.EXTRAARG);
  assert.is(I.getAx(code[at + 1]), 131072);
  assert.is(code.filter((i) => I.getOp(i) === OpCode.LOADK).length, 131072);
});

test.run();
