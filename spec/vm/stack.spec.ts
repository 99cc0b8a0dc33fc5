/**
 * The stackless machine: deep recursion runs without growing the JS stack,
 * overflowing Lua's stack is a catchable Lua error after which the state
 * still works, and proper tail calls run in constant space.
 *
 * Manual: §3.4.10 (function calls, proper tail calls), §4.1.3 (stack
 * size: LUAI_MAXSTACK). PUC-Rio: ldo.c (luaD_growstack, luaD_pretailcall).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState, LuaError } from '../../src/index.ts';

const DEPTH = 'local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end\n';

test('a 190 000-deep non-tail recursion returns', () => {
  const lua = new LuaState();
  assert.equal(lua.doString(DEPTH + 'return depth(190000)'), [190000]);
});

test('deeper recursion is a catchable "stack overflow", and the state stays usable', () => {
  const lua = new LuaState();
  const [ok, msg] = lua.doString(DEPTH + 'return pcall(depth, 10000000)', '=deep');
  assert.is(ok, false);
  assert.is(msg, 'deep:1: stack overflow');
  assert.equal(lua.doString(DEPTH + 'return depth(1000)'), [1000]);
});

test('an uncaught stack overflow reaches the host as a LuaError', () => {
  const lua = new LuaState();
  assert.throws(() => lua.doString(DEPTH + 'return depth(1e7)', '=deep'),
    (e: unknown) => e instanceof LuaError && e.value === 'deep:1: stack overflow');
  assert.equal(lua.doString('return 1 + 1'), [2]);
});

test('a full collection gives back the stack a deep recursion grew (luaD_shrinkstack)', () => {
  const lua = new LuaState();
  lua.doString(DEPTH + 'depth(100000)');
  const grown = lua.L.stack.length;
  lua.collect();
  assert.ok(grown > 100000, `grew to ${grown}`);
  assert.ok(lua.L.stack.length < 10000, `still ${lua.L.stack.length} slots`);
  assert.equal(lua.doString(DEPTH + 'return depth(1000)'), [1000]);
});

test('10 million tail calls run in constant space', () => {
  const lua = new LuaState();
  const [r] = lua.doString(
    'local function loop(n) if n == 0 then return "done" end return loop(n - 1) end return loop(10000000)');
  assert.is(r, 'done');
  assert.ok(lua.L.stack.length < 1000, `stack grew to ${lua.L.stack.length}`);
  assert.ok(lua.L.frames.length < 10, `frames grew to ${lua.L.frames.length}`);
});

test('metamethods and pcall nest without JS recursion', () => {
  const lua = new LuaState();
  const [r] = lua.doString(`
    local mt = {}
    mt.__index = function(t, k) if k == 0 then return 0 end return t[k - 1] + 1 end
    local t = setmetatable({}, mt)
    local function nest(n) if n == 0 then return t[50000] end
      local ok, v = pcall(nest, n - 1) return v end
    return nest(150)`);
  assert.is(r, 50000);
});

test('pcall counts as a C call: 5000 nested pcalls end in "C stack overflow", as in lua5.4', () => {
  // §6.1: pcall is a C function calling lua_pcall; its nesting is limited by LUAI_MAXCCALLS
  const lua = new LuaState();
  const [r] = lua.doString(`
    local function nest(n) if n == 0 then return 'bottom' end
      local ok, v = pcall(nest, n - 1) return v end
    return nest(5000)`);
  assert.is(r, 'C stack overflow');
});

test('a chain of coroutine.close, each from a __close handler, ends in "C stack overflow"', () => {
  // each close runs its handlers on a nested host level, limited to 200 as resumes are
  const lua = new LuaState();
  const [ok, msg, count] = lua.doString(`
    local count, coro = 0, false
    for i = 1, 1000 do
      local previous = coro
      coro = coroutine.create(function()
        local cc <close> = setmetatable({}, {__close = function()
          count = count + 1
          if previous then assert(coroutine.close(previous)) end
        end})
        coroutine.yield()
      end)
      coroutine.resume(coro)
    end
    local ok, msg = coroutine.close(coro)
    return ok, msg, count`);
  assert.is(ok, false);
  assert.match(String(msg), 'C stack overflow');
  assert.ok((count as number) > 150 && (count as number) <= 200, `count ${count}`);
  assert.equal(lua.doString('return coroutine.close(coroutine.create(print))'), [true]);
});

test.run();
