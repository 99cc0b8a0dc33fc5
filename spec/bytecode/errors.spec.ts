/**
 * Malformed binary chunks (manual §4.7 `load`; PUC-Rio's lundump.c): each
 * broken header field and every truncation gives the message lua5.4 gives,
 * `NAME: bad binary format (WHY)`, with NAME derived from the chunk name as
 * luaU_undump does. The expected messages were recorded with lua5.4's
 * `load(bytes, chunkname, "b")` on the same mutations of closures.luac.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { BinaryChunkError, undump } from '../../src/bytecode/undump.ts';
import { LuaState } from '../../src/index.ts';

const chunk = readFileSync(new URL('../fixtures/bytecode/closures.luac', import.meta.url)).toString('latin1');

function messageOf(bytes: string, name: string): string {
  try {
    undump(bytes, name);
  } catch (e) {
    assert.instance(e, BinaryChunkError);
    return (e as Error).message;
  }
  throw new Error('the chunk was accepted');
}

/** Lua's string.sub(s, i, j) on 1-based indices, to keep the recipes as recorded. */
const sub = (i: number, j?: number): string => chunk.slice(i - 1, j);

const CASES: [string, string, string, string][] = [
  ['truncated header', sub(1, 10), '=x', 'x: bad binary format (truncated chunk)'],
  ['truncated function', sub(1, 40), '@x.lua', 'x.lua: bad binary format (truncated chunk)'],
  ['bad signature', '\x1bLux' + sub(5), '=x', 'x: bad binary format (not a binary chunk)'],
  ['other version', sub(1, 4) + '\x53' + sub(6), '=x', 'x: bad binary format (version mismatch)'],
  ['other format', sub(1, 5) + '\x01' + sub(7), '=x', 'x: bad binary format (format mismatch)'],
  ['mangled LUAC_DATA', sub(1, 6) + '\x19\x93\n' + sub(10), '=x', 'x: bad binary format (corrupted chunk)'],
  ['instruction size', sub(1, 12) + '\x08' + sub(14), '=x', 'x: bad binary format (Instruction size mismatch)'],
  ['integer size', sub(1, 13) + '\x04' + sub(15), '=x', 'x: bad binary format (lua_Integer size mismatch)'],
  ['number size', sub(1, 14) + '\x04' + sub(16), '=x', 'x: bad binary format (lua_Number size mismatch)'],
  ['integer format', sub(1, 15) + '\0'.repeat(8) + sub(24), '=x', 'x: bad binary format (integer format mismatch)'],
  ['float format', sub(1, 23) + '\0'.repeat(8) + sub(32), '=x', 'x: bad binary format (float format mismatch)'],
  ['name is the chunk itself', sub(1, 40), sub(1, 40), 'binary string: bad binary format (truncated chunk)'],
  ['plain chunk name', sub(1, 40), 'chunk', 'chunk: bad binary format (truncated chunk)'],
  ['size varint overflow', sub(1, 32) + '\x01'.repeat(12), '=x', 'x: bad binary format (integer overflow)'],
];

for (const [what, bytes, name, message] of CASES) {
  test(what, () => assert.is(messageOf(bytes, name), message));
}

test('every proper prefix of a chunk is a truncated chunk', () => {
  for (let n = 0; n < chunk.length; n++) {
    const message = n === 0 ? messageOf('', '=x') : messageOf(chunk.slice(0, n), '=x');
    assert.is(message, 'x: bad binary format (truncated chunk)', `prefix of ${n} bytes`);
  }
});

test('a missing constant string is rejected', () => {
  // `local s = "x"`: its constant table holds one short string; make its
  // size byte 0x80 (the varint 0: "no string").
  const at = chunk.indexOf('\x04\x87select');
  assert.ok(at > 0);
  const broken = chunk.slice(0, at + 1) + '\x80' + chunk.slice(at + 8);
  assert.is(messageOf(broken, '=x'), 'x: bad binary format (bad format for constant string)');
});

test('code of an altered chunk that cannot run is a Lua error about the chunk, and the state goes on', () => {
  // NEWTABLE (opcode 19, after VARARGPREP) turned into LOADI: SETLIST then
  // stores into an integer. lua 5.4.8 dies of a segmentation fault here.
  const lua = new LuaState({ write: () => {} });
  const [ok, msg, after] = lua.doString(`
    local d = string.dump(load("local t = {1, 2, 3} return t"), true)
    local i = assert(d:find("\\x51\\0\\0\\0\\x13", 1, true))
    local f = assert(load(d:sub(1, i + 3) .. "\\x01" .. d:sub(i + 5), "=bad", "b"))
    local ok, msg = pcall(f)
    return ok, msg, 1 + 1`);
  assert.is(ok, false);
  assert.is(msg, '?:-1: malformed binary chunk: its code cannot run');
  assert.is(after, 2);
});

test.run();
