/**
 * Manual §6.7: math.abs, math.floor, math.ceil and math.modf return an
 * integer argument as it is only when it is an integer value; a numeral
 * string is converted to a float first (lmathlib tests lua_isinteger, which
 * is false for strings). Expected values are Lua 5.4.8's (the recorded run
 * is lua-tests/6.7-math/string-numerals.lua).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState } from '../../src/index.ts';

const lua = new LuaState();
/** `math.type(r) .. " " .. tostring(r)` of each result of `expr`. */
function show(expr: string): string {
  return lua.doString(`local r = table.pack(${expr})
    for i = 1, r.n do r[i] = (math.type(r[i]) or type(r[i])) .. " " .. tostring(r[i]) end
    return table.concat(r, ", ")`, '=spec')[0] as string;
}

test('a numeral string takes the float path', () => {
  assert.is(show('math.abs("-2")'), 'float 2.0');
  assert.is(show('math.abs("0x10")'), 'float 16.0');
  assert.is(show('math.abs("-0")'), 'float 0.0');
  assert.is(show('math.floor("3.7")'), 'integer 3');
  assert.is(show('math.floor("0x7fffffffffffffff")'), 'float 9.2233720368548e+18');
  assert.is(show('math.ceil("9223372036854775807")'), 'float 9.2233720368548e+18');
  assert.is(show('math.modf("9223372036854775807")'), 'float 9.2233720368548e+18, float 0.0');
  assert.is(show('math.modf("-3.5")'), 'integer -3, float -0.5');
});

test('integer values stay integers, non-numerals are errors', () => {
  assert.is(show('math.abs(-2)'), 'integer 2');
  assert.is(show('math.floor(math.maxinteger)'), `integer ${2n ** 63n - 1n}`);
  assert.is(show('math.modf(7)'), 'integer 7, float 0.0');
  assert.is(show('pcall(math.abs, "nan")'), "boolean false, string bad argument #1 to 'math.abs' (number expected, got string)");
});

test.run();
