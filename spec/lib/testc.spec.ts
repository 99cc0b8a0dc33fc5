/**
 * `T.testC`, the little stack language of PUC-Rio's test library
 * (src/lib/testc.ts, testc-commands.ts, testc-calls.ts), and the other
 * `T` functions the official api.lua uses (src/lib/testlib-api.ts): each
 * family of instructions on small scripts, so that lucid's own suite
 * checks its lua.h layer (src/api) without the official files. Manual §4
 * (the C API: §4.1 the stack and its indices, §4.4 calls, §4.6 the
 * functions) and issue 13.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState } from '../../src/index.ts';

/** A state with `T` (LUCID_TESTLIB set while it is made). */
function withT(): LuaState {
  const saved = process.env.LUCID_TESTLIB;
  process.env.LUCID_TESTLIB = '1';
  try {
    return new LuaState();
  } finally {
    if (saved === undefined) delete process.env.LUCID_TESTLIB; else process.env.LUCID_TESTLIB = saved;
  }
}

const lua = withT();
/** Run a Lua chunk with `T` and return its results. */
const run = (code: string): unknown[] => lua.doString(code);
/** The values of a Lua expression list, each through tostring, joined by spaces. */
const show = (code: string): string => run(`return (function (...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = tostring(t[i]) end
  return table.concat(t, ' ')
end)(${code})`)[0] as string;

test('§4.1 the window: the script is value 1; settop, gettop, pop, pushvalue', () => {
  assert.is(show('T.testC("gettop; return 1", 10, 20)'), '3');
  assert.is(show('select("#", T.testC("settop 0; settop 4; return *"))'), '4');
  assert.is(show('T.testC("pushvalue 2; pushvalue -1; pop 1; return 2", "x")'), 'x x');
  assert.is(show('T.testC("settop 10; absindex -1; return 1")'), '10.0');
  assert.ok(run('return T.testC("absindex R; return 1") < -1000000')[0]);
});

test('§4.1 moving values: insert, remove, replace, copy, rotate', () => {
  assert.is(show('select(2, T.testC("insert 3; return *", 2, 3, 4, 5))'), '2 5 3 4');
  assert.is(show('select(2, T.testC("remove 3; return *", 2, 3, 4, 5))'), '2 4 5');
  assert.is(show('select(2, T.testC("replace -2; return *", 2, 3, 4, 5))'), '2 3 5');
  assert.is(show('select(2, T.testC("copy 3 4; return *", 2, 3, 4, 5))'), '2 3 3 5');
  assert.is(show('select(2, T.testC("rotate 2 1; return *", 1, 2, 3))'), '3 1 2');
  assert.is(show('select(2, T.testC("rotate -2 -1; return *", 10, 20, 30, 40))'), '10 20 40 30');
});

test('§4.6 pushing and converting: numbers keep their subtype, tostring converts in place', () => {
  assert.is(show('math.type(T.testC("pushnum 3; return 1")), math.type(T.testC("pushint 3; return 1"))'), 'float integer');
  assert.is(show('tostring(T.testC("pushbool 0; pushbool 7; return 2"))'), 'false');
  const [s, t] = run('return T.testC("pushint 12; tostring -1; type -2; return 2")');
  assert.is(s, '12');
  assert.is(t, 'string');   // lua_tolstring turned the integer into a string on the stack
  assert.is(show('T.testC("tonumber 2; tointeger 2; tonumber 3; return 3", "12", {})'), '12.0 12 0.0');
  assert.is(show('T.testC("type 2; type 9; return 2", {})'), 'table no value');
  assert.is(show('T.testC("objsize 2; objsize 3; objsize 4; return 3", "ab\\0c", {1, 2}, T.newuserdata(17))'), '4 2 17');
});

test('§4.6 tests: is* on values and on an index beyond the top (none)', () => {
  const code = 'isnumber 2; isstring 2; isfunction 2; iscfunction 2; istable 2; isuserdata 2; isnil 2; isnull 2; return 8';
  const flags = (x: string) => show(`T.testC("${code}", ${x})`);
  assert.is(flags('"32"'), 'true true false false false false false false');
  assert.is(flags('print'), 'false false true true false false false false');
  assert.is(flags('nil'), 'false false false false false false true false');
  assert.is(show('T.testC("isnull 5; isnil 5; return 2")'), 'true false');
});

test('§4.6 tables, globals, metatables and the registry (R)', () => {
  assert.is(show('T.testC("newtable; pushint 5; setfield -2 x; getfield -1 x; return 1")'), '5');
  assert.is(show('T.testC("newtable; pushstring a; rawseti -2 1; pushstring b; append -2; rawgeti -1 2; return 1")'), 'b');
  assert.is(show('T.testC("newtable; pushstring k; pushint 9; settable -3; pushstring k; gettable -2; return 1")'), '9');
  run('_G.GG = nil; T.testC("pushint 4; setglobal GG")');
  assert.is(show('GG, T.testC("getglobal GG; return 1")'), '4 4');
  assert.is(show('T.testC("pushnil; next; return 2", {x = 1})'), 'x 1');
  const [same] = run('local mt = {} local t = T.testC("newtable; pushvalue 2; setmetatable -2; return 1", mt) return getmetatable(t) == mt');
  assert.is(same, true);
  assert.is(run('return T.testC("pushvalue R; return 1") == debug.getregistry()')[0], true);
  assert.is(run('local a = {} T.testC("rawsetp 2 7", a, "v") return a[T.pushuserdata(7)]')[0], 'v');
});

test('§4.6 operators: arith (subtypes, unary, errors), compare (invalid indices are false), concat, len', () => {
  assert.is(show('T.testC("pushint 10; pushint 3; arith \\\\; return 1"), T.testC("pushnum 10; pushint 3; arith \\\\; return 1")'), '3 3.0');
  assert.is(show('T.testC("pushstring 10; arith _; return 1")'), '-10');
  assert.match(String(run('return select(2, pcall(T.testC, "arith %", 10, 0))')[0]), "attempt to perform 'n%0'");
  assert.is(show('T.testC("compare LT 2 3; compare LE 3 2; compare EQ 2 9; return 3", 1, 2)'), 'true false false');
  // 5.3 compatibility (on by default): with only __lt, a <= b is not (b < a)
  assert.is(run('local mt = {__lt = function (a, b) return a[1] < b[1] end} return T.testC("compare LE 2 3; return 1", setmetatable({1}, mt), setmetatable({2}, mt))')[0], true);
  assert.is(show('T.testC("concat 3; return 1", "a", 1, 2.5), T.testC("concat 0; return 1")'), 'a12.5 ');
  assert.is(show('T.testC("len 2; Llen 2; objsize 2; return 3", setmetatable({}, {__len = function () return "7" end}))'), '7 7 0');
  assert.is(show('T.testC("gsub 2 3 4; return 1", "a.b.c", ".", "//")'), 'a//b//c');
});

test('§4.4 calls: call with all results, pcall with a handler and its status, error, loadstring', () => {
  assert.is(show('select(2, T.testC("call 2 -1; return *", function (a, b) return a, b, 3 end, "x", "y"))'), 'x y 3');
  assert.is(show('T.makeCfunc("getglobal error; pushstring boom; pcall 1 1 1; pushstatus; return 2")(string.upper)'), 'BOOM ERRRUN');
  assert.is(show('select(2, pcall(T.testC, "pushstring nope; error"))'), 'nope');
  assert.is(show('T.testC("loadstring 2; call 0 1; return 1", "return 6 * 7")'), '42');
  assert.match(String(run('return select(3, T.testC("loadstring 2; return *", "x="))')[0]), ':1:');
  // a call leaves the window as it was, even from a frame with many registers (callSync keeps the top)
  assert.is(show('(function (...) local a, b, c, d, e, f = 1, 2, 3, 4, 5, 6 return T.testC("getglobal tostring; pushint 1; call 1 1; gettop; return 1") end)()'), '2');
});

test('C closures: makeCfunc upvalues (U n) and pushcclosure', () => {
  assert.is(show('T.makeCfunc("pushvalue U2; return 1", "extra")()'), 'extra');
  assert.is(show('T.testC("pushint 5; pushcclosure 1; return 1")("pushvalue U1; return 1")'), '5');
  assert.is(show('T.testC("pushupvalueindex 1; return 1") < -1000000'), 'true');
});

test('§3.3.8 to-be-closed slots: closed at return, by pop/settop, by closeslot, and with the error', () => {
  const [log] = run(`
    local log = {}
    local function res (name) return setmetatable({}, {__close = function (_, e) log[#log + 1] = name .. ":" .. tostring(e) end}) end
    T.testC("toclose 2; toclose 3; return 0", res("a"), res("b"))
    T.testC("toclose 2; pop 1; pushint 1; return 1", res("c"))
    T.testC("toclose 2; closeslot 2; return 0", res("d"))
    pcall(T.testC, "toclose 2; pushstring oops; error", res("e"))
    return table.concat(log, " ")`);
  assert.is(log, 'b:nil a:nil c:nil d:nil e:oops');
  assert.match(String(run('return select(2, pcall(T.testC, "pushint 3; toclose -1"))')[0]), "variable '(C temporary)' got a non-closable value");
});

test('coroutines: yield from a script, resume and xmove from another thread', () => {
  assert.is(show('coroutine.wrap(function () return T.testC("pushint 1; pushint 2; yield 2") end)()'), '1 2');
  const [r] = run(`
    local co = coroutine.create(function (a) return a * 2 end)
    return T.testC("pushvalue 2; pushint 21; xmove 0 3 1; resume 3 1; pushstatus; return 1", co)`);
  assert.is(r, 'OK');
  assert.is(show('T.testC("threadstatus; return 1")'), 'OK');
});

test('§4.5 continuations: callk, pcallk and yieldk go on in their continuation script after a yield', () => {
  // a call that yields: the continuation runs when it returns (status YIELD, ctx = the script's index)
  assert.is(show(`(function ()
    local co = coroutine.wrap(function () return T.testC("pushvalue 2; pushint 7; callk 1 1 3; invalid", coroutine.yield,
      "getglobal status; getglobal ctx; return 3") end)
    local first = co()
    return first, co(8) end)()`), '7 8 YIELD 3');
  // a call that does not yield: no continuation, the script goes on
  assert.is(show('coroutine.wrap(function () return T.testC("pushvalue 2; callk 0 1 3; return 1", function () return 5 end, "pushint 0; return 1") end)()'), '5');
  // pcallk where it may yield: an error is recovered in the continuation, the error value on top
  assert.is(show('coroutine.wrap(function () return T.testC("pushvalue 2; pushstring bad; pcallk 1 0 3; x", error, "getglobal status; return 2") end)()'), 'bad ERRRUN');
  // yieldk: the resume's values are on the stack when the continuation (reading upvalues) runs
  assert.is(show(`(function ()
    local f = T.makeCfunc("pushint 1; yieldk 1 U2", "pushvalue U3; return 2", "up")
    local co = coroutine.wrap(f)
    local first = co()
    return first, co("r") end)()`), '1 r up');
  // a thread made by newthread runs the function pushed on it; xmove brings back what it yielded
  assert.is(show(`T.testC([[newthread; pushvalue 2; xmove 0 3 1; resume 3 0; pushstatus; xmove 3 0 0;
    resume 3 0; pushstatus; return 4]], T.makeCfunc("pushstring a; pushint 2; yield 2"))`), 'YIELD a 2 OK');
});

test('other states: newstate, testC on it, doremote, loadlib, checkpanic, closestate', () => {
  assert.is(show(`(function ()
    local L = T.newstate()
    T.loadlib(L)
    T.doremote(L, "_ENV = require '_G'; X = 'a'")
    local r = {T.doremote(L, "return X, 1 + 1")}
    local t = T.testC(L, "getglobal X; pushint 3; return 2")
    local e = select(2, T.doremote(L, "return +"))
    T.closestate(L)
    return r[1], r[2], t, e:match("unexpected symbol") end)()`), 'a 2 a unexpected symbol');
  assert.is(show('T.checkpanic("pushstring hi; error", "pushstring \' there\'; concat 2")'), 'hi there');
  assert.is(show('T.checkpanic("pushint 1")'), 'no errors');
});

test('references, raw doubles, light userdata and upvalues', () => {
  assert.is(show(`(function ()
    local r = T.ref({}) T.unref(r) local r2 = T.ref("v")
    return r == r2, T.getref(r2), T.ref(nil) end)()`), 'true v -1');
  assert.is(run('return T.s2d(T.d2s(1.5)) == 1.5 and T.d2s(2.0) == string.pack("d", 2.0)')[0], true);
  assert.is(run('return T.pushuserdata(4) == T.pushuserdata(4) and T.udataval(T.pushuserdata(4)) == 4')[0], true);
  assert.is(show('T.upvalue((function () local x = 5 return function () return x end end)(), 1)'), '5 x');
});

test('script errors: unknown instruction, missing number, unfinished string; misuse is a Lua error, not a JS one', () => {
  const err = (s: string, ...args: string[]) =>
    String(run(`return select(2, pcall(T.testC, ${[JSON.stringify(s), ...args].join(', ')}))`)[0]);
  assert.match(err('frobnicate'), 'unknown instruction frobnicate');
  assert.match(err('pushint x'), 'number expected (x)');
  assert.match(err('pushstring "abc'), 'unfinished string in C script');
  assert.match(err('rawgeti 2 1', '5'), 'table expected');
  assert.match(err('xmove 2 0 1', '5'), 'thread expected');
  assert.match(err('resume 2 0', '5'), 'thread expected');
  assert.match(err('pushint 1; setmetatable 2', '{}'), 'table expected');
  assert.match(err('newuserdata 9999999999'), 'block too big');
  assert.match(err('settop 99999999'), 'stack overflow');
});

test.run();
