/**
 * Manual §6.4 (string.format): every conversion, flag, width and
 * precision, `%q`, and the errors. Each case was run through lua5.4 and
 * its result recorded in fixtures/format-cases.ts (argument errors as
 * their number and parenthesised message); here each runs as
 * `string.format(...)` called from a Lua chunk, so the message is checked
 * whole, "bad argument #n to 'format'" and position included.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { quoteString } from '../../src/lib/format.ts';
import { LuaState, LuaError, LuaTable } from '../../src/index.ts';
import type { LuaValue } from '../../src/value/types.ts';
import { cases } from './fixtures/format-cases.ts';

const lua = new LuaState();
const format = lua.load('return string.format(...)', '=spec');

/** The fixtures write a table argument as a stand-in object. */
function toLua(v: unknown): LuaValue {
  return typeof v === 'object' && v !== null && 'luaType' in v ? new LuaTable(lua.global.heap) : v as LuaValue;
}

for (const [fmt, args, expected] of cases) {
  test(`format(${JSON.stringify(fmt)}, ${args.length} args)`, () => {
    const values = args.map(toLua);
    if (typeof expected === 'string') {
      assert.equal(lua.callLua(format, fmt, ...values), [expected]);
    } else {
      const msg = expected.arg !== undefined
        ? `spec:1: bad argument #${expected.arg} to 'format' (${expected.error})`
        : `spec:1: ${expected.error}`;
      assert.throws(() => lua.callLua(format, fmt, ...values),
        (e: unknown) => e instanceof LuaError && e.value === msg);
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

test('%p is the address tostring shows; "(null)" for values without one', () => {
  assert.equal(lua.doString('local t = {} return string.format("%p", t) == tostring(t):match("0x%x+")'), [true]);
  // lua5.4: string.format('%p|%-8p|', 1, nil) --> (null)|(null)  |
  assert.equal(lua.doString('return string.format("%p|%-8p|", 1, nil)'), ['(null)|(null)  |']);
});

test('%s uses __tostring and __name, as tostring does', () => {
  assert.equal(lua.doString(`
    local t = setmetatable({}, { __tostring = function() return "T!" end })
    local u = setmetatable({}, { __name = "My" })
    return string.format("%s|%s", t, u):gsub("0x%x+", "ADDR")`), ['T!|My: ADDR', 1]);
});

test.run();
