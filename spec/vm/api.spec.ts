/**
 * The host API: states, loading, calling Lua from JS, globals, JS functions
 * called from Lua, errors as LuaError.
 *
 * Manual: §4 (the API, in lucid's JS form), §6.1 (load, pcall, error).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState, LuaError, LuaTable, native, fromLuaString } from '../../src/index.ts';

test('doString returns the chunk results; call passes arguments', () => {
  const lua = new LuaState();
  const [add] = lua.doString('return function(a, b) return a + b, a * b end');
  assert.equal(lua.call(add, 6, 7), [13, 42]);
});

test('globals and registered JS functions', () => {
  const lua = new LuaState();
  lua.setGlobal('x', 20);
  lua.register('twice', (v: number) => v * 2);
  assert.equal(lua.doString('return twice(x) + 2'), [42]);
  lua.doString('y = "set by Lua"');
  assert.is(lua.getGlobal('y'), 'set by Lua');
});

test('a native pushing its results (no allocation convention)', () => {
  const lua = new LuaState();
  lua.setGlobal('swap', native('swap', (L, base, nargs) => {
    L.push(L.stack[base + 1]); L.push(L.stack[base]); return 2;
  }));
  assert.equal(lua.doString('return swap(1, 2)'), [2, 1]);
});

test('print writes bytes through the state option', () => {
  let out = '';
  const lua = new LuaState({ write: (s) => { out += s; } });
  lua.doString('print("héllo", 1, 2.0, nil)');
  assert.is(fromLuaString(out), 'héllo\t1\t2.0\tnil\n');
});

test('errors reach the host as LuaError with the Lua value', () => {
  const lua = new LuaState();
  assert.throws(() => lua.doString('error({code = 7})'),
    (e: unknown) => e instanceof LuaError && e.value instanceof LuaTable && e.value.get('code') === 7);
  assert.throws(() => lua.doString('local t = nil; return t.x', '=host'),
    (e: unknown) => e instanceof LuaError && e.value === "host:1: attempt to index a nil value (local 't')");
  assert.throws(() => lua.load('x = = 1', '=bad'), (e: unknown) => e instanceof LuaError);
});

test('pcall catches errors of JS functions too', () => {
  const lua = new LuaState();
  lua.register('boom', () => { throw new LuaError('js boom'); });
  assert.equal(lua.doString('return pcall(boom)'), [false, 'js boom']);
  lua.register('bug', () => { throw new TypeError('oops'); });
  const [ok, msg] = lua.doString('return pcall(bug)');
  assert.is(ok, false);
  assert.match(msg, /error in host function 'bug': TypeError: oops/);  // issue 14: a host exception names its function
});

test('error levels', () => {
  const lua = new LuaState();
  const r = lua.doString(`
    local function f() error("one", 1) end
    local function g() error("two", 2) end
    local function h() g() end
    return select(2, pcall(f)), select(2, pcall(h)), select(2, pcall(error, "zero", 0))`, '=lv');
  assert.equal(r, ['lv:2: one', 'lv:4: two', 'zero']);
});

test.run();
