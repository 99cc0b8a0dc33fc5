/**
 * Tracebacks and error semantics: `debug.traceback` in PUC-Rio's layout,
 * function names read off the calling instruction, xpcall handlers run
 * where the error happened, error levels, "error in error handling",
 * the C-call limit, and lua.c-style uncaught errors (`callTraced`).
 * Expected texts were produced by lua5.4 on the same programs.
 *
 * Manual: §6.10 (debug.traceback, debug.getinfo), §6.1 (error, pcall,
 * xpcall), §2.3 (error handling); lua.c (msghandler).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState, LuaError, LuaTask } from '../../src/index.ts';

function run(src: string, name = '@tb.lua'): unknown[] {
  const lua = new LuaState();
  return lua.call(lua.load(src, name));
}

test('names from the calling instruction: field, method, upvalue, global, metamethod, tail calls, for iterator', () => {
  const [out] = run(`
local t = {}
function t.field() error("boom") end
function t:meth() t.field() end
local function loc() t:meth() end
local function up() loc() end
function glob() up() end
local mt = setmetatable({}, {__add = function() glob() end})
local function tail() return (function() local x = mt + 1 end)() end
local function tc() return tail() end
local r
for k in function() r = select(2, xpcall(tc, debug.traceback)) end do end
return r`);
  assert.is(out, [
    'tb.lua:3: boom',
    'stack traceback:',
    "\t[C]: in function 'error'",
    "\ttb.lua:3: in field 'field'",
    "\ttb.lua:4: in method 'meth'",
    "\ttb.lua:5: in upvalue 'loc'",
    "\ttb.lua:6: in upvalue 'up'",
    "\ttb.lua:7: in function 'glob'",
    "\ttb.lua:8: in metamethod 'add'",
    '\ttb.lua:9: in function <tb.lua:9>',
    '\t(...tail calls...)',
    "\t[C]: in function 'xpcall'",
    "\ttb.lua:12: in for iterator 'for iterator'",
    '\ttb.lua:12: in main chunk',
    '\t[C]: in ?',
  ].join('\n'));
});

test('debug.traceback arguments: message, level, non-string message, other threads', () => {
  const [a, b, c, d, e] = run(`
local a = debug.traceback("msg", 1)
local b = debug.traceback(12)
local c = debug.traceback({}) ~= nil and type(debug.traceback({}))
local co = coroutine.create(function() coroutine.yield() end)
coroutine.resume(co)
return a, b, c, debug.traceback(co), debug.traceback(co, "hi", 1)`);
  assert.is(a, 'msg\nstack traceback:\n\ttb.lua:2: in main chunk\n\t[C]: in ?');
  assert.is(b, '12\nstack traceback:\n\ttb.lua:3: in main chunk\n\t[C]: in ?');
  assert.is(c, 'table');
  assert.is(d, "stack traceback:\n\t[C]: in function 'coroutine.yield'\n\ttb.lua:5: in function <tb.lua:5>");
  assert.is(e, 'hi\nstack traceback:\n\ttb.lua:5: in function <tb.lua:5>');
});

test('long tracebacks skip levels with the 10/11 limits', () => {
  const [out] = run(`
local function rec(n) if n == 0 then error("deep") end rec(n - 1) end
return select(2, xpcall(rec, debug.traceback, 30))`);
  const lines = (out as string).split('\n');
  assert.is(lines[0], 'tb.lua:2: deep');
  assert.is(lines[2], "\t[C]: in function 'error'");
  assert.is(lines[12], '\t...\t(skipping 13 levels)');
  assert.is(lines.length, 2 + 10 + 1 + 11);
  assert.is(lines[lines.length - 4], '\ttb.lua:2: in function <tb.lua:2>');
});

test('error levels and values of any type', () => {
  assert.equal(run(`
local function lv() error("lvl2", 2) end
local r = {}
r[1] = select(2, pcall(function() lv() end))
r[2] = select(2, pcall(error, "lvl0", 0))
r[3] = select(2, pcall(error, "lvl1"))
r[4] = select(2, pcall(function() error("here") end))
local t = {}
r[5] = select(2, pcall(error, t)) == t
r[6] = select('#', pcall(error))
return r[1], r[2], r[3], r[4], r[5], r[6]`), ['tb.lua:4: lvl2', 'lvl0', 'lvl1', 'tb.lua:7: here', true, 2]);
});

test('a failing message handler gives "error in error handling"; the state goes on', () => {
  const lua = new LuaState();
  assert.equal(lua.doString('return xpcall(error, function(m) error(m) end, "x")'), [false, 'error in error handling']);
  assert.equal(lua.doString('return xpcall(error, function(m) return m .. "!" end, "x")'), [false, 'x!']);
  assert.equal(lua.doString('return 1 + 1'), [2]);
});

test('nested synchronous calls stop at the C-call limit with "C stack overflow"', () => {
  const lua = new LuaState();
  assert.equal(lua.doString(`
local t = setmetatable({}, {__tostring = function(x) return tostring(x) end})
return pcall(tostring, t)`), [false, 'C stack overflow']);
  assert.equal(lua.doString('return select("#", tostring(setmetatable({}, {__tostring = function() return "ok" end})))'), [1]);
});

test('callTraced reports uncaught errors as lua.c does', () => {
  const lua = new LuaState();
  const msg = (src: string) => {
    try { lua.callTraced(lua.load(src, '=(command line)')); } catch (e) { return (e as LuaError).value; }
    return undefined;
  };
  assert.is(msg("local function f() error('x') end f()"), [
    '(command line):1: x', 'stack traceback:', "\t[C]: in function 'error'",
    "\t(command line):1: in local 'f'", '\t(command line):1: in main chunk', '\t[C]: in ?',
  ].join('\n'));
  assert.is(msg('error({})'), [
    '(error object is a table value)', 'stack traceback:', "\t[C]: in function 'error'",
    '\t(command line):1: in main chunk', '\t[C]: in ?',
  ].join('\n'));
  assert.is(msg("error(setmetatable({}, {__tostring=function() return 'OBJ' end}))"), 'OBJ');
});

test('debug.getinfo: source, lines, names', () => {
  assert.equal(run(`
local function f()
  local i = debug.getinfo(1, "Sln")
  return i.short_src, i.currentline, i.linedefined, i.what, i.name, i.namewhat
end
local a, b, c, d, e, g = f()
local m = debug.getinfo(print)
return a, b, c, d, e, g, m.what, m.short_src`), ['tb.lua', 3, 2, 'Lua', 'f', 'local', 'C', '[C]']);
});

test('debug.getlocal: locals of a level, parameters of a function', () => {
  assert.equal(run(`
local function f(a, b)
  local c = a + b
  local n1, v1 = debug.getlocal(1, 1)
  local n3, v3 = debug.getlocal(1, 3)
  return n1, v1, n3, v3
end
local x, y, z, w = f(10, 20)
return x, y, z, w, debug.getlocal(f, 2), debug.getlocal(f, 3)`), ['a', 10, 'c', 30, 'b', undefined]);
});

test('a budget-suspended task keeps tracebacks intact', () => {
  const lua = new LuaState();
  const task: LuaTask = lua.start(lua.load(`
local function f() for i = 1, 1000 do end return debug.traceback("t") end
return f()`, '@tb.lua'));
  while (task.step({ budget: 10 }) !== 'done') { /* keep going */ }
  assert.is(task.results[0], "t\nstack traceback:\n\ttb.lua:2: in function <tb.lua:2>\n\t(...tail calls...)\n\t[C]: in ?");
});

test("errors raised inside load meet the running message handler (lua_load keeps the errfunc)", () => {
  // expected values from lua 5.4.8 on the same chunk
  const [reader, overflow, syntax] = run(`
local function h(m) return "H:" .. tostring(m) end
local function overflow() return load("return " .. string.rep("(", 300) .. "1" .. string.rep(")", 300)) end
return select(3, xpcall(load, h, function() return {} end)),
       select(3, xpcall(overflow, h)),
       select(3, xpcall(load, h, "x = = 1"))`);
  assert.is(reader, 'H:reader function must return a string');
  assert.is(overflow, 'H:C stack overflow');
  assert.is(syntax, `[string "x = = 1"]:1: unexpected symbol near '='`);   // a syntax error is not raised through the handler
});

test.run();
