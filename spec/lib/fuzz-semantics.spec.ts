/**
 * Library behaviour that differential fuzzing found lucid getting wrong,
 * pinned down here on small programs. Each expected value is what real Lua
 * 5.4.8 printed for the same program (the corpus under lua-tests/fuzz/
 * holds the larger programs and their recorded outputs).
 *
 * Manual: §6.6 (table.sort).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState } from '../../src/index.ts';

function run(src: string): unknown[] {
  const lua = new LuaState();
  return lua.call(lua.load(src, '@fuzz.lua'));
}

test('§6.6 table.sort hands the comparator a NaN with its sign', () => {
  // The first call, with an integer beyond 2^53 among its arguments, once
  // taught V8 to keep the comparator's two arguments as unboxed doubles,
  // a form in which every NaN becomes the positive one: -nan then printed
  // as nan in the middle of the sort and the order came out inconsistent.
  const [ok, order] = run(`
pcall(function(a, b, c) for k in next, {} do end end, nil, false, -9007199254740993)
local function show(v)
  if math.type(v) == "float" then return string.format("%.17g", v) end
  return type(v) == "string" and string.format("%q", v) or tostring(v)
end
local t = {"v", .5, 2^63, 2147483647, 0/0, "hp"}
local ok = pcall(table.sort, t, function(a, b) return show(a) < show(b) end)
local s = {}
for i = 1, #t do s[i] = show(t[i]) end
return ok, table.concat(s, " ")`);
  assert.equal([ok, order], [true, '"hp" "v" -nan 0.5 2147483647 9.2233720368547758e+18']);
});

test('§6.6 table.sort swaps the values its comparator saw, not values read again', () => {
  // the comparator zeroes the slots holding the value it is given: ltablib
  // still writes back the values it read before the call
  const [ok, result] = run(`
local t = {5, 3, 8, 1, 9, 2, 7}
local ok = pcall(table.sort, t, function(a, b)
  for i = 1, 7 do if t[i] == a then t[i] = 0 end end
  return a < b
end)
return ok, table.concat(t, " ")`);
  assert.equal([ok, result], [true, '0 1 0 5 0 0 0']);
});

test.run();
