/**
 * The auxiliary layer (src/api/auxlib.ts, buffer.ts, libraries.ts):
 * argument checks with PUC-Rio's "bad argument" messages and the name the
 * calling code used, optional arguments, options, named metatables,
 * `tostring` and length with metamethods, library tables, buffers, and
 * opening libraries from a list (`libraries`, `libs`, `compat`,
 * `openLibrary`, `addLibrary`).
 *
 * Manual: §4.6 / §5 (the auxiliary library), §6 (opening the standard
 * libraries), §6.3 (package.loaded). Expected messages are lua5.4's.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState, LuaError, LuaTable, standardLibraries, addLibrary } from '../../src/index.ts';
import * as lua from '../../src/api/lua.ts';
import * as aux from '../../src/api/auxlib.ts';
import { StringBuffer } from '../../src/api/buffer.ts';
import type { Library } from '../../src/api/libraries.ts';
import type { Value } from '../../src/api/lua.ts';

/** pcall(code) in `state`: the error message, or 'no error'. */
function message(state: LuaState, code: string): Value {
  return state.doString(`local ok, e = pcall(function() ${code} end) return ok and 'no error' or e`, '=spec')[0];
}

test('§5.1 checks name the function as the caller does, self excluded in method calls', () => {
  const state = new LuaState();
  assert.is(state.doString('return select(2, pcall(math.floor, "x"))')[0],
    "bad argument #1 to 'math.floor' (number expected, got string)");
  assert.is(message(state, 'local s = "x" return s:rep({})'), "spec:1: bad argument #1 to 'rep' (number expected, got table)");
  assert.is(message(state, 'return ("x").rep()'), "spec:1: bad argument #1 to 'rep' (string expected, got no value)");
  assert.is(message(state, 'return collectgarbage("bogus")'), "spec:1: bad argument #1 to 'collectgarbage' (invalid option 'bogus')");
  assert.is(message(state, 'return tostring(setmetatable({}, { __tostring = function() return {} end }))'),
    "spec:1: '__tostring' must return a string");
  assert.is(message(state, 'return table.insert(setmetatable({}, { __len = function() return 1.5 end }), 1)'),
    'spec:1: object length is not an integer');
});

test('§5.1 optional arguments, options, argCheck in a native of ours', () => {
  const state = new LuaState();
  state.setGlobal('f', lua.native('f', (L, base, nargs) => {
    const mode = aux.checkOption(L, base, nargs, 1, 'fast', ['fast', 'slow']);
    const x = aux.optNumber(L, base, nargs, 2, 0.5);
    aux.argCheck(L, lua.tonumber(x) !== 13, 2, 'unlucky');
    L.push(mode); L.push(x); L.push(aux.optString(L, base, nargs, 3, 'dflt'));
    return 3;
  }));
  assert.equal(state.doString('return f()'), [0, 0.5, 'dflt']);
  assert.equal(state.doString('return f("slow", "2", 3)'), [1, 2, '3']);
  assert.is(message(state, 'f("medium")'), "spec:1: bad argument #1 to 'f' (invalid option 'medium')");
  assert.is(message(state, 'f(nil, 13)'), "spec:1: bad argument #2 to 'f' (unlucky)");
  assert.is(message(state, 'f(nil, {})'), "spec:1: bad argument #2 to 'f' (number expected, got table)");
});

test('§5.1 named metatables: newmetatable, checkudata (the name shows in messages)', () => {
  const state = new LuaState();
  const L = state.L;
  const { mt, created } = aux.newmetatable(L, 'Point');
  assert.ok(created);
  assert.is(aux.newmetatable(L, 'Point').mt, mt);
  assert.is(mt.getStr('__name'), 'Point');
  state.setGlobal('newpoint', lua.native('newpoint', (L2) => { L2.push(lua.newuserdata(L2, { x: 1 }, 0, mt)); return 1; }));
  state.setGlobal('getx', lua.native('getx', (L2, base, nargs) => {
    L2.push((aux.checkudata(L2, base, nargs, 1, 'Point').data as { x: number }).x);
    return 1;
  }));
  assert.equal(state.doString('return getx(newpoint())'), [1]);
  assert.is(message(state, 'getx({})'), "spec:1: bad argument #1 to 'getx' (Point expected, got table)");
  assert.is(message(state, 'getx(io.stdout)'), "spec:1: bad argument #1 to 'getx' (Point expected, got FILE*)");
  assert.match(state.doString('return tostring(newpoint())')[0] as string, /^Point: 0x[0-9a-f]+$/);
});

test('§5.1 newlib: plain natives, and generator natives that call Lua', () => {
  const state = new LuaState();
  const L = state.L;
  const t = aux.newlib(L, {
    twice: (L2, base, nargs) => { L2.push(2 * Number(aux.checkInteger(L2, base, nargs, 1))); return 1; },
    *apply(L2, base, nargs) {
      const f = aux.checkType(L2, base, nargs, 1, 'function');
      return yield [f, ...L2.stack.slice(base + 1, base + nargs)];
    },
  });
  state.setGlobal('m', t);
  assert.equal(state.doString('return m.twice(4), m.apply(function(a, b) return a .. b end, "x", "y")'), [8, 'xy']);
  // the function a generator calls may yield (no C-call boundary)
  assert.equal(state.doString(`
    local co = coroutine.wrap(function() return m.apply(coroutine.yield, 1) end)
    return co(), co("resumed")`), [1, 'resumed']);
  assert.is(message(state, 'm.twice()'), "spec:1: bad argument #1 to 'twice' (number expected, got no value)");
});

test('§5.1 StringBuffer: pieces joined once; addValue takes strings and numbers only', () => {
  const b = new StringBuffer();
  b.add('a'); b.addChar(0x62); assert.ok(b.addValue(3)); assert.not.ok(b.addValue(true));
  assert.is(b.length, 3);
  assert.is(b.result(), 'ab3');
});

test('§6 libs opens only the listed libraries; nothing else appears', () => {
  const only = new LuaState({ libs: ['string'] });
  assert.equal(only.doString('return ("x"):upper()'), ['X']);   // the string metatable comes with string
  assert.is(only.getGlobal('print'), undefined);
  assert.is(only.getGlobal('require'), undefined);
  const base = new LuaState({ libs: ['base', 'math'] });
  assert.equal(base.doString('return type(math.pi), string, require, package'), ['number', undefined, undefined, undefined]);
  assert.throws(() => base.doString('return ("x"):upper()'), (e: unknown) => e instanceof LuaError);
  // without package, libraries still name their functions for messages (luaL_requiref fills _LOADED)
  assert.is(base.doString('return select(2, pcall(math.floor, "x"))')[0],
    "bad argument #1 to 'math.floor' (number expected, got string)");
});

test('§6.3 every library opened is in package.loaded', () => {
  const state = new LuaState();
  assert.equal(state.doString('return package.loaded.string == string, package.loaded._G == _G, package.loaded.math == math'),
    [true, true, true]);
});

test('§6 a host library: in the list, by openLibrary, or by addLibrary (named, opened once)', () => {
  const greet: Library = {
    name: 'greet',
    open: (state) => aux.newlib(state.L, { hello: (L) => { L.push('hello'); return 1; } }),
  };
  const listed = new LuaState({ libraries: [...standardLibraries, greet] });
  assert.equal(listed.doString('return greet.hello(), package.loaded.greet == greet'), ['hello', true]);
  const later = new LuaState();
  const t = later.openLibrary(greet);
  assert.instance(t, LuaTable);
  assert.is(later.openLibrary(greet), t);   // already loaded: not opened again
  assert.equal(later.doString('return greet.hello()'), ['hello']);
  const bare = new LuaState({ libraries: [] });
  assert.is(bare.getGlobal('print'), undefined);
  let opened = 0;
  const counted = (state: import('../../src/api/state.ts').LuaState) => { opened++; state.setGlobal('added', true); };
  const remove = addLibrary(counted, 'added');
  try {
    const withAdded = new LuaState({ libraries: [{ name: 'added', open: counted }] });
    assert.is(opened, 1);   // listed and added: opened once
    assert.is(withAdded.getGlobal('added'), true);
    assert.is(new LuaState({ libs: ['base'] }).getGlobal('added'), undefined);   // not selected
  } finally {
    remove();
  }
  assert.is(new LuaState().getGlobal('added'), undefined);
});

test('§6.7 compat: the Lua 5.3 math functions, off with compat: false', () => {
  const on = new LuaState();
  assert.equal(on.callLua(on.load('return math.pow(2, 10), math.log10(1000), select(2, math.frexp(8))')), [lua.tonumber('1024.0'), lua.tonumber('3.0'), 4]);
  const off = new LuaState({ compat: false });
  assert.equal(off.doString('return math.pow, math.ldexp, math.frexp, math.cosh, math.sinh, math.tanh, math.log10, math.atan2'),
    [undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  assert.equal(off.callLua(off.load('return math.sqrt(4)')), [lua.tonumber('2.0')]);
});

test.run();
