/**
 * Bad arguments to the host API and exceptions of host functions are
 * LuaErrors (issue 14, "Boundary"): no TypeError or "internal error in
 * lucid" leaves a `LuaState` method.
 *
 * Manual: §4.4 (C functions and lua_error), §4.6 (lua_error), §5
 * (luaL_argerror's message shape).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState, LuaError } from '../../src/index.ts';

/** The LuaError `f` throws (fails if it throws anything else, or nothing). */
function luaErrorOf(f: () => unknown): LuaError {
  try { f(); } catch (e) {
    assert.instance(e, LuaError, `not a LuaError: ${e}`);
    return e as LuaError;
  }
  throw new Error('no error');
}

test('bad arguments to the API are LuaErrors with a clear message', () => {
  const s = new LuaState();
  const any = s as any;
  assert.match(luaErrorOf(() => any.doString(undefined)).message, "bad argument #1 to 'doString' (string expected, got undefined)");
  assert.match(luaErrorOf(() => any.register(123, () => 1)).message, "bad argument #1 to 'register' (string expected, got number)");
  assert.match(luaErrorOf(() => any.register('f', 'nope')).message, "bad argument #2 to 'register' (function expected, got string)");
  assert.match(luaErrorOf(() => any.load(42)).message, "bad argument #1 to 'load' (string or Uint8Array expected, got number)");
  assert.match(luaErrorOf(() => any.load({})).message, 'got object');
  assert.match(luaErrorOf(() => any.doFile(null)).message, "bad argument #1 to 'doFile' (string expected, got null)");
  assert.match(luaErrorOf(() => any.setGlobal(undefined, 1)).message, "bad argument #1 to 'setGlobal'");
  assert.match(luaErrorOf(() => s.call(42)).message, 'attempt to call a number value');
  assert.match(luaErrorOf(() => s.call(undefined)).message, 'attempt to call a nil value');
  // the state is still usable
  assert.equal(s.doString('return 1 + 1'), [2]);
});

test("a host function's exception names the function, keeps its cause and has a traceback", () => {
  const s = new LuaState();
  const boom = new TypeError('cannot read thing');
  s.register('explode', () => { throw boom; });
  const e = luaErrorOf(() => s.doString('local function g() explode() end\ng()', '=host'));
  assert.not.match(e.message, 'internal error');
  assert.match(e.message, "error in host function 'explode': TypeError: cannot read thing");
  assert.match(e.message, /^host:1:/);
  assert.is((e as Error & { cause?: unknown }).cause, boom);
  assert.ok(e.traceback !== undefined && e.traceback.includes('stack traceback:'), 'traceback');
  assert.match(e.traceback!, "in local 'g'");
  // pcall sees it as a Lua error with the same message
  const r = s.doString('return pcall(explode)');
  assert.is(r[0], false);
  assert.match(String(r[1]), "error in host function 'explode'");
  // a LuaError thrown on purpose passes through unchanged
  s.register('raise', () => { throw new LuaError('on purpose'); });
  assert.is(luaErrorOf(() => s.doString('raise()')).message, 'on purpose');
  assert.equal(s.doString('return 2'), [2]);
});

test.run();
