/**
 * The debug interface of the api (src/api/debug.ts), called from a native
 * as a library would: lua_getstack / lua_getinfo (levels, option letters,
 * a function value), lua_getlocal / lua_setlocal, the upvalue functions
 * and their identities, hooks, luaL_traceback, raw metatables, user
 * values, the registry.
 *
 * Manual: §4.7 (the debug interface), §4.3 (the registry).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState } from '../../src/index.ts';
import { native } from '../../src/api/state.ts';
import { LuaClosure, LuaNative, LuaUserdata, type LuaThread } from '../../src/api/lua.ts';
import {
  getStack, getInfo, getLocal, setLocal, getParamName, getUpvalue, setUpvalue, upvalueId, upvalueJoin,
  setHook, getHook, getHookMask, getHookCount, MASKLINE, MASKCALL, traceback, getMetatable, setMetatable,
  isLightUserdata, isFullUserdata, getUserValue, setUserValue, registryTable, getRegistryField,
  setRegistryField, type LuaDebug,
} from '../../src/api/debug.ts';
import { LuaTable } from '../../src/value/index.ts';

/** A state whose global `probe` runs `body` on the calling thread. */
function withProbe(body: (L: LuaThread) => void): LuaState {
  const lua = new LuaState();
  lua.global.globals.set('probe', native('probe', (L) => { body(L); return 0; }));
  return lua;
}

test('getStack and getInfo: level 0 is the running native, level 1 its Lua caller', () => {
  let native0: LuaDebug | undefined, caller: LuaDebug | undefined;
  let past: LuaDebug | undefined, negative: LuaDebug | undefined, bad: LuaDebug | undefined;
  const lua = withProbe((L) => {
    native0 = getInfo(L, 'Sn', getStack(L, 0)!);
    caller = getInfo(L, 'nSltu', getStack(L, 1)!);
    past = getStack(L, 50);
    negative = getStack(L, -1);
    bad = getInfo(L, 'Sx', getStack(L, 1)!);
  });
  lua.doString('local up = 1\nlocal function f(a, b)\n  probe()\n  return up\nend\nf(1, 2)', '@probe.lua');
  assert.equal([native0!.what, native0!.short_src, native0!.name, native0!.namewhat], ['C', '[C]', 'probe', 'global']);
  const c = caller!;
  assert.equal([c.what, c.source, c.short_src, c.currentline, c.linedefined, c.lastlinedefined],
    ['Lua', '@probe.lua', 'probe.lua', 3, 2, 5]);
  assert.equal([c.name, c.namewhat, c.nparams, c.isvararg, c.nups, c.istailcall], ['f', 'local', 2, false, 2, false]);  // upvalues: up, _ENV
  assert.equal([past, negative, bad], [undefined, undefined, undefined]);
});

test('getInfo of a function value: no level, so no current line or name; f and L', () => {
  const lua = new LuaState();
  const f = lua.load('local x = 1\n\nreturn x', '=chunk') as LuaClosure;
  const ar = getInfo(lua.L, 'SlnfL', f)!;
  assert.equal([ar.what, ar.short_src, ar.currentline, ar.name, ar.namewhat], ['main', 'chunk', -1, undefined, '']);
  assert.is(ar.func, f);
  assert.equal(ar.activelines, [1, 3]);
  const p = getInfo(lua.L, 'uL', lua.global.globals.get('print') as LuaNative)!;
  assert.equal([p.nups, p.nparams, p.isvararg, p.activelines], [0, 0, true, undefined]);
});

test('getLocal / setLocal: named locals, temporaries, varargs; getParamName', () => {
  const seen: unknown[] = [];
  const lua = withProbe((L) => {
    const ar = getStack(L, 1)!;
    seen.push(getLocal(L, ar, 1), getLocal(L, ar, 2), getLocal(L, ar, -1), getLocal(L, ar, -3), getLocal(L, ar, 9));
    seen.push(setLocal(L, ar, 2, 30), setLocal(L, ar, 9, 0));
  });
  const r = lua.doString('local function f(a, ...)\n  local c = 3\n  probe()\n  return c\nend\nreturn f(1, "x", "y")');
  assert.equal(seen, [['a', 1], ['c', 3], ['(vararg)', 'x'], undefined, undefined, 'c', undefined]);
  assert.equal(r, [30]);
  const f = lua.doString('return function(p, q) end')[0];
  assert.equal([getParamName(f, 1), getParamName(f, 2), getParamName(f, 3)], ['p', 'q', undefined]);
  assert.is(getParamName(lua.global.globals.get('print') as LuaNative, 1), undefined);
});

test('upvalues: names and values, identities shared by closures of one variable, join', () => {
  const lua = new LuaState();
  const [f, g, h] = lua.doString(`
local a, b = 1, 2
local function f() return a + b end
local function g() return a end
local function h() return b end
return f, g, h`) as LuaClosure[];
  assert.equal(getUpvalue(f, 1), ['a', 1]);
  assert.equal(getUpvalue(f, 3), undefined);
  assert.is(setUpvalue(f, 2, 20), 'b');
  assert.equal(getUpvalue(h, 1), ['b', 20]);   // one variable, seen by both
  const L = lua.L;
  const idFa = upvalueId(L, f, 1)!;
  assert.is(upvalueId(L, g, 1), idFa);         // the same value, every time
  assert.is.not(upvalueId(L, f, 2), idFa);
  assert.is(upvalueId(L, f, 5), undefined);
  assert.ok(isLightUserdata(idFa));
  assert.not.ok(isFullUserdata(idFa));
  upvalueJoin(g, 1, h, 1);                      // g's `a` is now h's `b`
  assert.is(upvalueId(L, g, 1), upvalueId(L, h, 1));
  assert.equal(lua.call(g), [20]);
});

test('upvalue identities belong to their state: two states never share one', () => {
  const one = new LuaState();
  const two = new LuaState();
  const src = 'local x = 0 return function() return x end';
  const f1 = one.doString(src)[0] as LuaClosure;
  const f2 = two.doString(src)[0] as LuaClosure;
  const id1 = upvalueId(one.L, f1, 1);
  assert.is(upvalueId(one.L, f1, 1), id1);
  assert.is.not(upvalueId(two.L, f2, 1), id1);
  assert.ok(one.global.upvalueIds !== two.global.upvalueIds);
});

test('hooks: setHook / getHook / getHookMask / getHookCount; mask 0 turns them off', () => {
  const lua = new LuaState();
  const lines: unknown[] = [];
  const hook = native('hook', (L, base) => { lines.push(L.stack[base + 1]); return 0; });
  const f = lua.load('local x = 1\nx = x + 1\nreturn x', '=lines');
  setHook(lua.L, hook, MASKLINE, 0);
  assert.equal([getHook(lua.L), getHookMask(lua.L), getHookCount(lua.L)], [hook, MASKLINE, 0]);
  lua.call(f);
  setHook(lua.L, undefined, 0, 0);
  assert.equal(lines, [1, 2, 3]);
  setHook(lua.L, hook, 0, 0);
  assert.equal([getHook(lua.L), getHookMask(lua.L)], [undefined, 0]);
  assert.ok(MASKCALL !== MASKLINE);
});

test('traceback: the message, then one line per level', () => {
  let tb = '';
  const lua = withProbe((L) => { tb = traceback(L, 'oops', 1); });
  lua.doString('local function f()\n  probe()\nend\nf()', '@tb.lua');
  const lines = tb.split('\n');
  assert.equal(lines.slice(0, 3), ['oops', 'stack traceback:', "\ttb.lua:2: in local 'f'"]);
});

test('metatables of any type, user values, the registry', () => {
  const lua = new LuaState();
  const L = lua.L;
  const mt = new LuaTable(lua.global.heap);
  setMetatable(L, 7, mt);
  assert.is(getMetatable(L, 3.5), mt);          // one metatable for all numbers
  setMetatable(L, 7, undefined);
  assert.is(getMetatable(L, 3.5), undefined);
  const u = new LuaUserdata(lua.global.heap, null, undefined, 2);
  assert.ok(isFullUserdata(u));
  assert.ok(setUserValue(u, 2, 'two'));
  assert.not.ok(setUserValue(u, 3, 'three'));
  assert.equal([getUserValue(u, 1), getUserValue(u, 2), getUserValue(u, 3)], [[undefined], ['two'], undefined]);
  setRegistryField(L, 'spec.key', 42);
  assert.is(getRegistryField(L, 'spec.key'), 42);
  const reg = registryTable(L);
  assert.is(reg.get(1), lua.L);
  assert.is(reg.get(2), lua.global.globals);
  assert.is(reg.get('spec.key'), 42);
  assert.is(registryTable(L), reg);             // the same table each time
});

test.run();
