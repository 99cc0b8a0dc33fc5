/**
 * Every one of the 83 opcodes is executed: the fixture programs together
 * contain all of them but LOADKX (which luac emits only past 131071
 * constants), and LOADKX runs here in a prototype built by hand.
 *
 * Manual: none (bytecode); PUC-Rio: lopcodes.h, lvm.c.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LuaState, LuaClosure } from '../../src/index.ts';
import { OpCode, OPCODES, NUM_OPCODES } from '../../src/bytecode/opcodes.ts';
import { createABx, createAx, createABCk } from '../../src/bytecode/instruction.ts';
import { Proto } from '../../src/bytecode/proto.ts';
import { undump } from '../../src/bytecode/undump.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/vm');

function collect(p: Proto, seen: Set<number>): void {
  for (const i of p.code) seen.add(i & 0x7f);
  for (const q of p.protos) collect(q, seen);
}

test('the fixture programs contain every opcode except LOADKX', () => {
  const seen = new Set<number>();
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.luac'))) {
    collect(undump(fs.readFileSync(path.join(dir, f)), '=' + f).proto, seen);
  }
  const missing = [];
  for (let op = 0; op < NUM_OPCODES; op++) if (!seen.has(op)) missing.push(OPCODES[op].name);
  assert.equal(missing, ['LOADKX']);
});

test('LOADKX loads the constant named by the following EXTRAARG', () => {
  const p = new Proto();
  p.constants = ['first', 'second'];
  p.maxstacksize = 2;
  p.code = new Uint32Array([
    createABx(OpCode.LOADKX, 0, 0),
    createAx(OpCode.EXTRAARG, 1),
    createABCk(OpCode.RETURN1, 0, 0, 0, 0),
  ]);
  p.source = '=loadkx';
  const lua = new LuaState();
  assert.equal(lua.call(new LuaClosure(lua.global.heap, p, [])), ['second']);
});

test.run();
