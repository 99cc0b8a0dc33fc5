/**
 * Values crossing the host boundary (issue 14, "Boundary"): `null` is nil,
 * a BigInt outside Lua's 64-bit integers is an error rather than a silent
 * wrap, and a JS object is a userdata that comes back as the same object.
 *
 * Manual: §2.1 (values and types: nil, integers are 64-bit, userdata),
 * §4.4 (calls from the host).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState, LuaError } from '../../src/index.ts';

test('null passed to a Lua function is nil', () => {
  const s = new LuaState();
  const f = s.load('local x = ... return type(x), x == nil, select("#", ...)');
  assert.equal(s.call(f, null as never), ['nil', true, 1]);
  s.register('g', () => null);
  assert.equal(s.doString('return type(g())'), ['nil']);
});

test('a BigInt out of the int64 range is a LuaError, not a wrap', () => {
  const s = new LuaState();
  const f = s.load('return ...');
  for (const big of [2n ** 70n, 2n ** 63n, -(2n ** 63n) - 1n]) {
    assert.throws(() => s.call(f, big as never), (e: unknown) => e instanceof LuaError && /out of range/.test(e.message));
    assert.throws(() => s.toLua(big), (e: unknown) => e instanceof LuaError && /out of range/.test(e.message));
  }
  assert.equal(s.call(f, 42n as never), [42]);
  assert.equal(s.call(s.load('return ... == math.maxinteger'), (2n ** 63n - 1n) as never), [true]);
  assert.equal(s.call(s.load('return ... == math.mininteger'), (-(2n ** 63n)) as never), [true]);
});

test('a JS object is a userdata in Lua and the same object back in JS', () => {
  const s = new LuaState();
  const obj = { a: 1 };
  const f = s.load('local x = ... return type(x), x');
  const [t, back] = s.call(f, obj as never);
  assert.is(t, 'userdata');
  assert.is(s.toJS(back), obj);
  s.register('make', () => new Map([[1, 2]]));
  assert.equal(s.doString('return type(make())'), ['userdata']);
  s.register('same', (x: unknown) => x === obj);
  s.setGlobal('o', s.toLua(obj));
  assert.equal(s.doString('return same(o)'), [true]);
  // deep conversion still copies into tables
  assert.equal(s.call(s.load('return type(...)'), s.toLua({ a: 1 }, { deep: true })), ['table']);
});

test.run();
