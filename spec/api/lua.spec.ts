/**
 * The api layer (src/api/lua.ts, operations.ts, calls.ts): lua.h's
 * operations as a native uses them — the stack window and its indices,
 * indexing, arithmetic, comparison, concatenation and length with
 * metamethods (errors worded as from a C function: no position), calls
 * and protected calls, yields and chunks.
 *
 * Manual: §4 (the application program interface: §4.1 the stack, §4.4
 * C functions, §4.6 functions and types), §2.4 (metamethods).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState, LuaTable, LuaError } from '../../src/index.ts';
import * as lua from '../../src/api/lua.ts';
import type { NativeFn, Value } from '../../src/api/lua.ts';

/** A state with one global native `f`. */
function withNative(fn: NativeFn): LuaState {
  const state = new LuaState();
  state.setGlobal('f', lua.native('f', fn));
  return state;
}

/** The error value of running `code`. */
function errorOf(state: LuaState, code: string): Value {
  try {
    state.doString(code, '=spec');
  } catch (e) {
    if (e instanceof LuaError) return e.value;
    throw e;
  }
  assert.unreachable('no error');
}

test('§4.1 stack indices: positive from the first argument, negative from the top', () => {
  const state = withNative((L, base, nargs) => {
    assert.is(lua.gettop(L, base), nargs);
    L.push('pushed');
    // lua_gettop counts what the native pushed; index 1 is still the first argument
    const r = [lua.gettop(L, base), lua.valueAt(L, base, 1), lua.valueAt(L, base, -1),
      lua.valueAt(L, base, -2), lua.valueAt(L, base, 9), lua.absindex(L, base, -1)];
    L.top = base;
    for (const v of r) L.push(v);
    return r.length;
  });
  assert.equal(state.doString('return f("a", "b")'), [3, 'a', 'pushed', 'b', undefined, 3]);
});

test('§4.1 settop, pushvalue, rotate, insert, remove, replace, copy', () => {
  const state = withNative((L, base) => {
    lua.settop(L, base, 5);              // 1 2 3 nil nil
    lua.settop(L, base, -2);             // 1 2 3 nil
    lua.pushvalue(L, base, 1);           // 1 2 3 nil 1
    lua.rotate(L, base, 2, 1);           // 1 1 2 3 nil
    lua.insert(L, base, 1);              // nil 1 1 2 3  (the top value moves to 1)
    lua.remove(L, base, 2);              // nil 1 2 3
    L.push('x');
    lua.replace(L, base, 1);             // x 1 2 3
    lua.copy(L, base, -1, 2);            // x 3 2 3
    return lua.gettop(L, base);
  });
  assert.equal(state.doString('return f(1, 2, 3)'), ['x', 3, 2, 3]);
});

test('§4.6 conversions: tonumber, tointeger, tostring, toboolean, type predicates', () => {
  assert.is(lua.tonumber(' 0x10 '), 16);
  assert.is(lua.tointeger('3'), 3);
  assert.is(lua.tointeger(3.5), undefined);
  assert.is(lua.tostring(12), '12');
  assert.is(lua.tostring(true), undefined);
  assert.is(lua.toboolean(0), true);
  assert.is(lua.toboolean(undefined), false);
  assert.ok(lua.isnumber('1e2'));
  assert.not.ok(lua.isinteger('1'));
  assert.ok(lua.isstring(1));
  const state = new LuaState();
  assert.is(lua.typeName(lua.createtable(state.L)), 'table');
  assert.is(lua.topointer(state.L, 'a string'), undefined);
  const t = lua.createtable(state.L);
  assert.is(lua.topointer(state.L, t), lua.topointer(state.L, t));
});

test('§2.4 gettable/geti/getfield follow __index chains; settable follows __newindex', () => {
  const state = new LuaState();
  const [t] = state.doString(`
    local base = { x = 1 }
    local mid = setmetatable({}, { __index = base })
    return setmetatable({}, { __index = mid, __newindex = function(t, k, v) rawset(t, k, v * 10) end })`);
  const L = state.L;
  assert.is(lua.getfield(L, t, 'x'), 1);
  assert.is(lua.gettable(L, t, 'missing'), undefined);
  lua.settable(L, t, 'y', 4);
  assert.is(lua.rawget(t as LuaTable, 'y'), 40);
  lua.seti(L, t, 1, 2);
  assert.is(lua.geti(L, t, 1), 20);
  const [fnIndex] = state.doString('return setmetatable({}, { __index = function(_, k) return k .. "!" end })');
  assert.is(lua.gettable(L, fnIndex, 'a'), 'a!');
});

test('§2.4 indexing errors from a native carry no position and name no variable', () => {
  const state = withNative((L, base) => { L.push(lua.gettable(L, L.stack[base], 'k')); return 1; });
  assert.is(errorOf(state, 'return f(5)'), 'attempt to index a number value');
  assert.is(errorOf(state, 'return f(setmetatable({}, { __index = true }))'), 'attempt to index a boolean value');
  assert.is(errorOf(state, 'local t = {} setmetatable(t, { __index = t }) return f(t)'),
    "'__index' chain too long; possible loop");
});

test('§3.4.1 arith: coercion, metamethods, and the C-side errors', () => {
  const state = new LuaState();
  const L = state.L;
  assert.is(lua.arith(L, lua.ArithOp.ADD, '10', 1), 11);
  assert.is(lua.arith(L, lua.ArithOp.UNM, 2), -2);
  // a nil second operand is nil, not the first operand again
  assert.throws(() => lua.arith(L, lua.ArithOp.ADD, 1, undefined),
    (e: unknown) => e instanceof LuaError && e.value === 'attempt to perform arithmetic on a nil value');
  assert.is(lua.rawarith(lua.ArithOp.ADD, '1', undefined), undefined);
  assert.is(lua.arith(L, lua.ArithOp.BAND, '7', 3), 3);
  const [v] = state.doString('return setmetatable({}, { __add = function(a, b) return "added" end })');
  assert.is(lua.arith(L, lua.ArithOp.ADD, 1, v), 'added');
  assert.throws(() => lua.arith(L, lua.ArithOp.ADD, 1, {} as never),
    (e: unknown) => e instanceof LuaError && /^attempt to perform arithmetic on a/.test(e.value as string));
  assert.throws(() => lua.arith(L, lua.ArithOp.BOR, 1.5, 1),
    (e: unknown) => e instanceof LuaError && e.value === 'number has no integer representation');
  assert.throws(() => lua.arith(L, lua.ArithOp.SHL, true, 1),
    (e: unknown) => e instanceof LuaError && e.value === 'attempt to perform bitwise operation on a boolean value');
});

test('§3.4.4 compare: numbers across subtypes, strings, __eq/__lt/__le, order errors', () => {
  const state = new LuaState();
  const L = state.L;
  assert.ok(lua.compare(L, 1, lua.tonumber('1.0'), lua.CompareOp.EQ));
  assert.ok(lua.compare(L, 'a', 'b', lua.CompareOp.LT));
  assert.ok(lua.compare(L, 2, 2, lua.CompareOp.LE));
  const [a, b] = state.doString(`
    local mt = { __eq = function() return true end, __lt = function() return true end, __le = function() return false end }
    return setmetatable({}, mt), setmetatable({}, mt)`);
  assert.ok(lua.equal(L, a, b));
  assert.ok(lua.lessthan(L, a, b));
  assert.not.ok(lua.lessequal(L, a, b));
  assert.throws(() => lua.lessthan(L, 1, 'x'),
    (e: unknown) => e instanceof LuaError && e.value === 'attempt to compare number with string');
});

test('§3.4.6 concat and len with their metamethods', () => {
  const state = new LuaState();
  const L = state.L;
  assert.is(lua.concat(L, ['a', 1, 2.5]), 'a12.5');
  assert.is(lua.concat(L, []), '');
  const [c] = state.doString('return setmetatable({}, { __concat = function(a, b) return "C" end, __len = function() return 7 end })');
  assert.is(lua.concat(L, ['x', c, 'y']), 'xC');   // from the right: c .. 'y' is 'C', then 'x' .. 'C'
  assert.is(lua.len(L, c), 7);
  assert.is(lua.len(L, 'abc'), 3);
  assert.throws(() => lua.concat(L, ['x', true]),
    (e: unknown) => e instanceof LuaError && e.value === 'attempt to concatenate a boolean value');
  assert.throws(() => lua.len(L, 3),
    (e: unknown) => e instanceof LuaError && e.value === 'attempt to get length of a number value');
});

test('§4.6 call: non-callable values, __call, errors passing through', () => {
  const state = new LuaState();
  const L = state.L;
  const [callable] = state.doString('return setmetatable({}, { __call = function(self, x) return x * 2 end })');
  assert.equal(lua.call(L, callable, [21]), [42]);
  assert.throws(() => lua.call(L, 5, []),
    (e: unknown) => e instanceof LuaError && e.value === 'attempt to call a number value');
});

test('§4.6 pcall from a native runs no enclosing message handler', () => {
  const state = withNative((L, base) => {
    const r = lua.pcall(L, L.stack[base], []);
    for (const v of r) L.push(v);
    return r.length;
  });
  assert.equal(state.doString(`
    return xpcall(function() return f(function() error("inner", 0) end) end, function(m) return "handled " .. m end)`),
  [true, false, 'inner']);
});

test('§4.7 a generator native: protect, yield a call request, catch its error', () => {
  const state = new LuaState();
  state.setGlobal('try', lua.nativeGen('try', function* (L, base, nargs) {
    const f = L.stack[base];
    void nargs;
    lua.protect(L);
    try {
      const r = yield [f];
      return ['ok', ...r];
    } catch (e) {
      return ['caught', (e as LuaError).value];
    }
  }));
  assert.equal(state.doString('return try(function() return 1, 2 end)'), ['ok', 1, 2]);
  assert.equal(state.doString('return try(function() error({}) end)')[0], 'caught');
  // the call it requests may yield: the generator runs inside a coroutine
  assert.equal(state.doString(`
    local co = coroutine.wrap(function() return try(function() coroutine.yield("y") return "done" end) end)
    return co(), co()`), ['y', 'ok', 'done']);
});

test('§4.7 yieldValues from a plain native suspends the coroutine', () => {
  const state = withNative((L, base, nargs) => lua.yieldValues(L, L.stack.slice(base, base + nargs)));
  assert.equal(state.doString(`
    local co = coroutine.create(function(a) local x = f(a, a + 1) return x end)
    local _, p, q = coroutine.resume(co, 1)
    local _, r = coroutine.resume(co, "back")
    return p, q, r`), [1, 2, 'back']);
  assert.is(errorOf(state, 'f()'), 'attempt to yield from outside a coroutine');
});

test('§3.3.2 load returns the function or the message; dump of a native is undefined', () => {
  const state = new LuaState();
  const L = state.L;
  const f = lua.load(L, 'return 1 + ...', '=chunk');
  assert.ok(lua.isfunction(f));
  assert.equal(state.call(f, 2), [3]);
  assert.is(lua.load(L, 'return +', '=chunk'), "chunk:1: unexpected symbol near '+'");
  assert.is(lua.dump(state.getGlobal('print')), undefined);
  assert.type(lua.dump(f), 'string');
});

test('§4.6 setmetatable of a non-table sets the metatable of its type', () => {
  const state = new LuaState();
  const L = state.L;
  const mt = lua.createtable(L);
  mt.setStr('__index', state.getGlobal('math') as LuaTable);
  lua.setmetatable(L, 1, mt);
  assert.equal(state.doString('return (2).maxinteger == math.maxinteger'), [true]);
  lua.setmetatable(L, 1, undefined);
  assert.is(lua.getmetatable(L, 1), undefined);
});

test.run();
