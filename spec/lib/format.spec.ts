/**
 * Manual §6.4 (string.format): every conversion, flag, width and
 * precision, `%q`, and the errors. Each case was run through lua5.4 and
 * its result recorded in fixtures/format-cases.ts; argument errors were
 * recorded without their "bad argument #n to 'format'" wrapper, which the
 * library layer adds from `LibError.argument`.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { format, quoteString, type FormatHooks } from '../../src/lib/format.ts';
import { LibError } from '../../src/lib/lib-error.ts';
import { number2string } from '../../src/value/convert.ts';
import type { LuaValue } from '../../src/value/types.ts';
import { cases } from './fixtures/format-cases.ts';

/** A stand-in for luaL_tolstring on the values the cases use. */
const hooks: FormatHooks = {
  tostring(v: LuaValue): string {
    if (v === undefined) return 'nil';
    if (typeof v === 'boolean' || typeof v === 'string') return String(v);
    if (typeof v === 'object' && 'luaType' in v) return 'table: 0x0';
    return number2string(v as never);
  },
};

for (const [fmt, args, expected] of cases) {
  test(`format(${JSON.stringify(fmt)}, ${args.length} args)`, () => {
    if (typeof expected === 'string') {
      assert.is(format(fmt, args as LuaValue[], hooks), expected);
    } else {
      try {
        format(fmt, args as LuaValue[], hooks);
        assert.unreachable('should have raised');
      } catch (e) {
        assert.instance(e, LibError);
        assert.is((e as LibError).message, expected.error);
        assert.is((e as LibError).argument, expected.arg);
      }
    }
  });
}

test('%q of every byte reads back (escapes only where needed)', () => {
  let all = '';
  for (let c = 0; c < 256; c++) all += String.fromCharCode(c);
  const q = quoteString(all);
  // lua5.4: #string.format('%q', all) --> 316 (bytes 0-255 in order)
  assert.is(q.length, 316);
  assert.is(q.slice(0, 11), '"\\0\\1\\2\\3\\4');
});

test('%p uses the pointer hook, "(null)" without one', () => {
  const withPointer: FormatHooks = { ...hooks, pointer: () => '0x1234' };
  assert.is(format('%p|%10p', [{} as LuaValue, {} as LuaValue], withPointer), '0x1234|    0x1234');
  // lua5.4: string.format('%p|%-8p|', 1, nil) --> (null)|(null)  |
  assert.is(format('%p|%-8p|', [1, undefined], hooks), '(null)|(null)  |');
});

test.run();
