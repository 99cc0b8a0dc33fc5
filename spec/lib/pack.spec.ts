/**
 * Manual §6.4.2 (format strings for pack and unpack) and §6.4
 * (string.pack, string.unpack, string.packsize). Every case was run
 * through lua5.4 and its result recorded in fixtures/pack-cases.ts
 * (argument errors as their number and parenthesised message). `pack`
 * reads its arguments from a native's stack, so its cases run as
 * `string.pack(...)` called from a Lua chunk; `unpack` and `packsize`
 * receive checked values and are called directly.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { unpack, packsize } from '../../src/lib/pack.ts';
import { LibError } from '../../src/lib/lib-error.ts';
import type { LuaValue } from '../../src/value/types.ts';
import { LuaState, LuaError } from '../../src/index.ts';
import { packCases, unpackCases, packsizeCases } from './fixtures/pack-cases.ts';

function expectError(run: () => unknown, expected: { error: string; arg?: number }): void {
  try {
    run();
    assert.unreachable('should have raised');
  } catch (e) {
    assert.instance(e, LibError);
    assert.is((e as LibError).message, expected.error);
    assert.is((e as LibError).argument, expected.arg);
  }
}

const lua = new LuaState();
const packChunk = lua.load('return string.pack(...)', '=spec');

/** `string.pack(fmt, ...values)` as Lua calls it. */
function pack(fmt: string, values: unknown[]): string {
  return lua.callLua(packChunk, fmt, ...values as LuaValue[])[0] as string;
}

for (const [fmt, args, expected] of packCases) {
  test(`pack(${JSON.stringify(fmt)}, ${args.length} values)`, () => {
    if (typeof expected === 'string') assert.is(pack(fmt, args), expected);
    else {
      const msg = expected.arg !== undefined
        ? `spec:1: bad argument #${expected.arg} to 'pack' (${expected.error})`
        : `spec:1: ${expected.error}`;
      assert.throws(() => pack(fmt, args), (e: unknown) => e instanceof LuaError && e.value === msg);
    }
  });
}

for (const [fmt, data, init, expected] of unpackCases) {
  test(`unpack(${JSON.stringify(fmt)}, ${JSON.stringify(data).slice(0, 30)}, ${init})`, () => {
    if (Array.isArray(expected)) assert.equal(unpack(fmt, data, init), expected);
    else expectError(() => unpack(fmt, data, init), expected);
  });
}

for (const [fmt, expected] of packsizeCases) {
  test(`packsize(${JSON.stringify(fmt).slice(0, 40)})`, () => {
    if (typeof expected === 'number') assert.is(packsize(fmt), expected);
    else expectError(() => packsize(fmt), expected);
  });
}

test('pack and unpack round-trip every integer size', () => {
  for (let size = 1; size <= 16; size++) {
    for (const n of [0n, 1n, -1n, 127n, -128n]) {
      const bytes = pack(`<i${size}`, [Number(n)]);
      assert.is(bytes.length, size);
      assert.equal(unpack(`<i${size}`, bytes), [Number(n), size + 1]);
      assert.equal(unpack(`>i${size}`, pack(`>i${size}`, [Number(n)])), [Number(n), size + 1]);
    }
  }
});

test.run();
