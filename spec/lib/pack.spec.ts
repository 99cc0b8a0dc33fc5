/**
 * Manual §6.4.2 (format strings for pack and unpack) and §6.4
 * (string.pack, string.unpack, string.packsize). Every case was run
 * through lua5.4 and its result recorded in fixtures/pack-cases.ts;
 * argument errors without their "bad argument #n to 'pack'" wrapper.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pack, unpack, packsize } from '../../src/lib/pack.ts';
import { LibError } from '../../src/lib/lib-error.ts';
import type { LuaValue } from '../../src/value/types.ts';
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

for (const [fmt, args, expected] of packCases) {
  test(`pack(${JSON.stringify(fmt)}, ${args.length} values)`, () => {
    if (typeof expected === 'string') assert.is(pack(fmt, args as LuaValue[]), expected);
    else expectError(() => pack(fmt, args as LuaValue[]), expected);
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
