/**
 * The debug library's functions on stack levels and values: getinfo
 * (every option letter, levels, functions, threads, invalid options),
 * getlocal / setlocal (names, "(temporary)", "(vararg)", parameter names),
 * getupvalue / setupvalue / upvalueid / upvaluejoin, getmetatable /
 * setmetatable on any type, user values, the registry. Expected values
 * are lua5.4's on the same programs.
 *
 * Manual: §6.10 (the debug library).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState } from '../../src/index.ts';

function run(src: string): unknown[] {
  const lua = new LuaState();
  return lua.call(lua.load(src, '@dbg.lua'));
}

test('getinfo of a level: source, lines, name, parameters, upvalues', () => {
  const [what, src, short, cur, def, last, name, namewhat, nparams, vararg, nups] = run(`
local up = 1
local function target(a, b)
  local i = debug.getinfo(1)
  return i.what, i.source, i.short_src, i.currentline, i.linedefined, i.lastlinedefined,
         i.name, i.namewhat, i.nparams, i.isvararg, i.nups + up - 1
end
local r = table.pack(target())
return table.unpack(r, 1, r.n)`);
  assert.equal([what, src, short, cur, def, last, name, namewhat, nparams, vararg, nups],
    ['Lua', '@dbg.lua', 'dbg.lua', 4, 3, 7, 'target', 'local', 2, false, 2]);  // upvalues: up, _ENV
});

test('getinfo of a function: no current line, no name; natives are "C"', () => {
  const [cur, namewhat, what, csrc, cline, same] = run(`
local function f() end
local i, c = debug.getinfo(f), debug.getinfo(print)
return i.currentline, i.namewhat, c.what, c.short_src, c.linedefined, debug.getinfo(f, "f").func == f`);
  assert.equal([cur, namewhat, what, csrc, cline, same], [-1, '', 'C', '[C]', -1, true]);
});

test("getinfo 'L': the lines with code; none for natives or stripped functions", () => {
  const [lines, native, stripped] = run(`
local function f()
  local x = 1

  return x
end
local t = {}
for k in pairs(debug.getinfo(f, "L").activelines) do t[#t + 1] = k end
table.sort(t)
local s = load(string.dump(load("print(10)"), true))
return table.concat(t, ","), debug.getinfo(print, "L").activelines, #debug.getinfo(s, "L").activelines`);
  assert.equal([lines, native, stripped], ['3,5,6', undefined, 0]);
});

test('getinfo: out-of-range levels give fail; bad options are argument errors', () => {
  const [a, b, c, d, e] = run(`
return debug.getinfo(100), debug.getinfo(-1),
  select(2, pcall(debug.getinfo, 1, "X")), select(2, pcall(debug.getinfo, 1, ">S")),
  select(2, pcall(debug.getinfo, {}))`);
  assert.is(a, undefined);
  assert.is(b, undefined);
  assert.is(c, "bad argument #2 to 'debug.getinfo' (invalid option)");
  assert.is(d, "bad argument #2 to 'debug.getinfo' (invalid option '>')");
  assert.is(e, "bad argument #1 to 'debug.getinfo' (number expected, got table)");
});

test("getinfo of another thread's levels, and 't' for tail calls", () => {
  const [line, what, none, tail, notail] = run(`
local co = coroutine.create(function ()
  coroutine.yield()
end)
coroutine.resume(co)
local function tc() return debug.getinfo(1, "t").istailcall end
local function calltc() return tc() end
return debug.getinfo(co, 1, "l").currentline, debug.getinfo(co, 0, "S").what, debug.getinfo(co, 2),
  calltc(), (tc())`);
  assert.equal([line, what, none, tail, notail], [3, 'C', undefined, true, false]);
});

test('getlocal: declared locals in order, varargs at negative indices, then fail', () => {
  const [out] = run(`
local function f(a, b, ...)
  local c = a + b
  local t = {}
  for i = 1, 10 do
    local n, v = debug.getlocal(1, i)
    if not n then break end
    if n ~= "t" and n ~= "(for state)" and n ~= "i" then t[#t + 1] = n .. "=" .. tostring(v) end
  end
  t[#t + 1] = table.concat({debug.getlocal(1, -1)}, "=")
  t[#t + 1] = tostring(debug.getlocal(1, -3))
  return table.concat(t, " ")
end
return f(1, 2, "x", "y")`);
  assert.is(out, 'a=1 b=2 c=3 (vararg)=x nil');
});

test('getlocal of a function gives parameter names only; setlocal changes a caller', () => {
  const [p1, p2, p3, name, v, bad] = run(`
local function g(x, y, ...) local z end
local function setter() return debug.setlocal(2, 1, "new") end
local function owner() local v = "old"; local n = setter(); return n, v end
local n, v = owner()
return debug.getlocal(g, 1), debug.getlocal(g, 2), debug.getlocal(g, 3), n, v,
  select(2, pcall(debug.getlocal, 50, 1))`);
  assert.equal([p1, p2, p3, name, v], ['x', 'y', undefined, 'v', 'new']);
  assert.is(bad, "bad argument #1 to 'debug.getlocal' (level out of range)");
});

test('getlocal reports registers in use beyond the locals as "(temporary)"', () => {
  const [t2, t3, t5, own] = run(`
local function g() return debug.getlocal(2, 2), (debug.getlocal(2, 3)), (debug.getlocal(2, 5)) end
local function f()
  local a = 1
  local b = {1, 2, g()}
  return b
end
local function f2() local a = 1; return (debug.getlocal(1, 2)) end
local r = f()
return r[3], r[4], r[5], f2()`);
  // in f, slots 2-4 hold the table being built and its pending items; slot 5 is g's function slot
  assert.equal([t2, t3, t5, own], ['(temporary)', '(temporary)', undefined, undefined]);
});

test('getupvalue / setupvalue, with names, and natives with "" names', () => {
  const [n1, v1, set, after, none, cname] = run(`
local a, b = 1, 2
local function f() return a + b end
local n1, v1 = debug.getupvalue(f, 2)
local set = debug.setupvalue(f, 1, 10)
return n1, v1, set, f(), debug.getupvalue(f, 3), debug.getupvalue(string.gmatch("x", "x"), 1)`);
  assert.equal([n1, v1, set, after, none, cname], ['b', 2, 'a', 12, undefined, '']);
});

test('upvalueid: equal for shared cells, a userdata; upvaluejoin makes cells shared', () => {
  const [shared, distinct, type, joined, value, light] = run(`
local function mk()
  local s, p1, p2 = 0, 0, 0
  return function () s = s + 1; p1 = p1 + 1 end, function () s = s + 1; p2 = p2 + 10 end
end
local f, g = mk()
local shared = debug.upvalueid(f, 1) == debug.upvalueid(g, 1)
local distinct = debug.upvalueid(f, 2) ~= debug.upvalueid(g, 2)
debug.upvaluejoin(f, 2, g, 2)
g()
return shared, distinct, type(debug.upvalueid(f, 1)), debug.upvalueid(f, 2) == debug.upvalueid(g, 2),
  select(2, debug.getupvalue(f, 2)), select(2, pcall(debug.setuservalue, debug.upvalueid(f, 1), {}))`);
  assert.equal([shared, distinct, type, joined, value], [true, true, 'userdata', true, 10]);
  assert.is(light, "bad argument #1 to 'debug.setuservalue' (userdata expected, got light userdata)");
});

test('getmetatable ignores __metatable; setmetatable sets the metatables of numbers, nil, functions', () => {
  const [prot, idx, len, fn, cleared] = run(`
local prot = debug.getmetatable(setmetatable({}, {__metatable = "no"}))
debug.setmetatable(1, {__index = function (n, k) return k .. n end})
local idx = (5).x
debug.setmetatable(1, nil)
debug.setmetatable(nil, {__len = function () return 7 end})
local len = #nil
debug.setmetatable(nil, nil)
debug.setmetatable(print, {__index = {kind = "fn"}})
local fn = (function () end).kind
debug.setmetatable(print, nil)
return type(prot), idx, len, fn, debug.getmetatable(1)`);
  assert.equal([prot, idx, len, fn, cleared], ['table', 'x5', 7, 'fn', undefined]);
});

test('user values: fail for non-userdata; the registry is a table holding the hook table', () => {
  const [u, err, reg, mode] = run(`
debug.sethook(function () end, "c"); debug.sethook()
return debug.getuservalue({}), select(2, pcall(debug.setuservalue, {}, 1)),
  type(debug.getregistry()), getmetatable(debug.getregistry()._HOOKKEY).__mode`);
  assert.equal([u, err, reg, mode],
    [undefined, "bad argument #1 to 'debug.setuservalue' (userdata expected, got table)", 'table', 'k']);
});

test.run();
