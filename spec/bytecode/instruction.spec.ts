/**
 * Instruction encoding (no manual section: bytecode is PUC-Rio's
 * implementation; the layout is the diagram of lopcodes.h, reproduced in
 * src/bytecode/instruction.ts). Every field must survive a pack/unpack round
 * trip at its extremes, and words luac5.4 wrote must decode to the operands
 * luac -l prints for them.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { OpCode, OPCODES, NUM_OPCODES } from '../../src/bytecode/opcodes.ts';
import {
  createABCk, createABx, createAsBx, createAx, createsJ, getA, getAx, getB, getBx, getC, getk,
  getOp, getsB, getsBx, getsC, getsJ, MAXARG_Ax, MAXARG_Bx, OFFSET_sBx, OFFSET_sJ, setA, setB,
  setC, setk, setsBx, setsJ,
} from '../../src/bytecode/instruction.ts';

test('the opcode table has the 83 opcodes of Lua 5.4 in order', () => {
  assert.is(OPCODES.length, NUM_OPCODES);
  assert.is(OPCODES[OpCode.MOVE].name, 'MOVE');
  assert.is(OPCODES[OpCode.EXTRAARG].name, 'EXTRAARG');
  assert.is(OPCODES[OpCode.VARARGPREP].name, 'VARARGPREP');
});

test('iABC fields round-trip at their extremes', () => {
  for (const [a, b, c, k] of [[0, 0, 0, 0], [255, 255, 255, 1], [1, 2, 3, 0], [128, 127, 200, 1]]) {
    const i = createABCk(OpCode.SETFIELD, a, b, c, k);
    assert.is(getOp(i), OpCode.SETFIELD);
    assert.equal([getA(i), getB(i), getC(i), getk(i)], [a, b, c, k]);
    assert.ok(i >= 0 && i <= 0xffffffff);
  }
});

test('signed immediates sB and sC are excess-127', () => {
  const i = createABCk(OpCode.EQI, 0, 127 + -5, 127 + 100, 0);
  assert.is(getsB(i), -5);
  assert.is(getsC(i), 100);
});

test('iABx, iAsBx, iAx and isJ round-trip', () => {
  assert.is(getBx(createABx(OpCode.LOADK, 3, MAXARG_Bx)), MAXARG_Bx);
  assert.is(getA(createABx(OpCode.LOADK, 3, MAXARG_Bx)), 3);
  for (const sbx of [-OFFSET_sBx, -1, 0, 1, OFFSET_sBx + 1]) {
    assert.is(getsBx(createAsBx(OpCode.LOADI, 7, sbx)), sbx);
  }
  assert.is(getAx(createAx(OpCode.EXTRAARG, MAXARG_Ax)), MAXARG_Ax);
  for (const sj of [-OFFSET_sJ, -1, 0, 1, OFFSET_sJ + 1]) {
    const i = createsJ(OpCode.JMP, sj);
    assert.is(getsJ(i), sj);
    assert.is(getOp(i), OpCode.JMP);
  }
});

test('setters change one field only', () => {
  let i = createABCk(OpCode.ADD, 1, 2, 3, 0);
  i = setA(i, 9); i = setB(i, 8); i = setC(i, 255); i = setk(i, 1);
  assert.equal([getOp(i), getA(i), getB(i), getC(i), getk(i)], [OpCode.ADD, 9, 8, 255, 1]);
  let j = createAsBx(OpCode.FORPREP, 4, 0);
  j = setsBx(j, -3);
  assert.equal([getA(j), getsBx(j)], [4, -3]);
  assert.is(getsJ(setsJ(createsJ(OpCode.JMP, 0), -70000)), -70000);
});

test('words written by luac5.4 decode to the operands luac prints', () => {
  // From `local t = {1,2,3, x=1.5}` and `while a do end` compiled by
  // luac5.4 (little-endian words): "NEWTABLE 0 1 3", "LOADI 1 1",
  // "SETFIELD 0 0 1k", "JMP 1".
  const newtable = 0x03010013, loadi = 0x80000081, setfield = 0x01008012;
  assert.equal([getOp(newtable), getA(newtable), getB(newtable), getC(newtable)], [OpCode.NEWTABLE, 0, 1, 3]);
  assert.equal([getOp(loadi), getA(loadi), getsBx(loadi)], [OpCode.LOADI, 1, 1]);
  assert.equal([getOp(setfield), getB(setfield), getC(setfield), getk(setfield)], [OpCode.SETFIELD, 0, 1, 1]);
  assert.is(getsJ(0x80000038), 1);
  assert.is(getOp(0x80000038), OpCode.JMP);
});

test.run();
