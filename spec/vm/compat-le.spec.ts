/**
 * LUA_COMPAT_LT_LE (issue 13): the released Lua 5.4 is built with Lua 5.3
 * compatibility, where `a <= b` on values without `__le` is computed as
 * `not (b < a)` through `__lt`. On by default; `compat: false` gives strict
 * 5.4 (an order error). Checked in the VM (LE, LEI, GEI, a yielding
 * `__lt`) and in the api's `lua_compare` (src/api/operations.ts).
 *
 * Manual: §2.4 (the `__le` metamethod), §8 of the 5.4 manual (incompatibilities:
 * "The __lt metamethod does not emulate __le any more"), lua5.4's luaconf.h
 * defaults. Expected values are lua5.4's.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState, LuaError } from '../../src/index.ts';
import * as lua from '../../src/api/lua.ts';

const PROGRAM = `
  local log = {}
  local mt = {__lt = function(a, b) log[#log + 1] = a.v .. '<' .. b.v return a.v < b.v end}
  local a, b = setmetatable({v = 1}, mt), setmetatable({v = 2}, mt)
  return a <= b, b <= a, a >= b, table.concat(log, ' ')`;

test('§2.4 compat on (default): a <= b is not (b < a), __lt called with swapped operands', () => {
  const state = new LuaState();
  assert.equal(state.doString(PROGRAM), [true, false, false, '2<1 1<2 1<2']);
});

test('§2.4 compat on: immediate operands (LEI/GEI) and a __lt that yields', () => {
  const state = new LuaState();
  const r = state.doString(`
    local mt = {__lt = function(a, b)
      local x = type(a) == 'table' and a.v or a
      local y = type(b) == 'table' and b.v or b
      coroutine.yield() return x < y end}
    local t = setmetatable({v = 5}, mt)
    local co = coroutine.wrap(function() return t <= 5, t <= 4, 6 <= t, 5 >= t end)
    co() co() co() co()
    return co()`);
  assert.equal(r, [true, false, false, true]);
});

test('§2.4 compat off: no fallback, the order error of strict 5.4', () => {
  const state = new LuaState({ compat: false });
  assert.throws(() => state.doString(PROGRAM, '=spec'),
    (e: unknown) => e instanceof LuaError && e.value === 'spec:5: attempt to compare two table values');
});

test('§4 lua_compare LE follows the same rule', () => {
  for (const compat of [true, false]) {
    const state = new LuaState({ compat });
    const [a, b] = state.doString(`
      local mt = {__lt = function(a, b) return a.v < b.v end}
      return setmetatable({v = 1}, mt), setmetatable({v = 2}, mt)`);
    if (compat) {
      assert.ok(lua.lessequal(state.L, a, b));
      assert.not.ok(lua.compare(state.L, b, a, lua.CompareOp.LE));
    } else {
      assert.throws(() => lua.lessequal(state.L, a, b),
        (e: unknown) => e instanceof LuaError && e.value === 'attempt to compare two table values');
    }
  }
});

test.run();
