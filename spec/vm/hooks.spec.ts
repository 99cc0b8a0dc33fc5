/**
 * Debug hooks (src/vm/hooks.ts): which events fire, in which order, with
 * which line — PUC-Rio's rules (luaG_traceexec: a new line, a backward
 * jump, a function's entry), call/return/tail call for Lua and native
 * functions, count hooks, hooks per thread, no hooks inside hooks, errors
 * raised by a hook. Expected sequences were produced by lua5.4.
 *
 * Manual: §6.10 (debug.sethook, debug.gethook), §4.7 (lua_sethook).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState } from '../../src/index.ts';

function run(src: string): unknown[] {
  const lua = new LuaState();
  return lua.call(lua.load(src, '=hooks'));
}

/** The lines a "line" hook reports while running `chunk` (a Lua string literal). */
function lines(chunk: string): string {
  const [out] = run(`
local got = {}
local f = assert(load(${JSON.stringify(chunk)}))
debug.sethook(function (e, l) got[#got + 1] = l end, "l")
f()
debug.sethook()
table.remove(got)     -- the line of the sethook() call that turns hooks off
table.remove(got, 1)  -- the line of the call f()
return table.concat(got, " ")`);
  return out as string;
}

test('line events: each new line once, loops repeat their lines (backward jumps)', () => {
  assert.is(lines('local a = 1\na = a + 1\nreturn a'), '1 2 3');
  assert.is(lines('a=1\nrepeat\n  a=a+1\nuntil a==3\n'), '1 3 4 3 4');
  assert.is(lines('local a\na=1\nwhile a<=3 do\n  a=a+1\nend\n'), '1 2 3 4 3 4 3 4 3 5');
  assert.is(lines('for i=1,3 do\n  a=i\nend\n'), '1 2 1 2 1 2 1 3');
  assert.is(lines('for i=1,4 do a=1 end'), '1 1 1 1');
});

test('line events: a called function starts with its first line; the caller resumes on its line only if it changed', () => {
  assert.is(lines('local function foo()\nend\nfoo()\nA = 1\nA = 2\nA = 3\n'), '2 3 2 4 5 6');
});

test('call, return and tail call events, for Lua and native functions', () => {
  const [out] = run(`
local ev = {}
local function leaf(x) return x end
local function mid(x) return leaf(x) end
debug.sethook(function (e)
  local i = debug.getinfo(2, "nS")
  ev[#ev + 1] = e .. ":" .. tostring(i.name) .. ":" .. i.what
end, "cr")
mid(tostring(1))
debug.sethook()
return table.concat(ev, " ")`);
  assert.is(out, 'return:sethook:C call:tostring:C return:tostring:C call:mid:Lua tail call:nil:Lua return:nil:Lua call:sethook:C');
});

test('count hook fires every N instructions with event "count" and no line', () => {
  const [n, ev] = run(`
local n, ev = 0, nil
debug.sethook(function (e, l) n = n + 1; ev = e .. ":" .. tostring(l) end, "", 2)
for i = 1, 100 do end
debug.sethook()
return n, ev`);
  assert.is(n, 106);  // as lua5.4: the loop's instructions and the sethook call's, every 2nd
  assert.is(ev, 'count:nil');
});

test('hooks do not run inside hooks; gethook reports function, mask and count', () => {
  const [calls, mask, count, same] = run(`
local calls = 0
local function h() calls = calls + 1; local s = tostring(calls) end
debug.sethook(h, "c")
local x = tostring(1)
local f, m, c = debug.gethook()
debug.sethook()
return calls, m, c, f == h`);
  // tostring, gethook and the final sethook are hooked; the hook's own tostring is not
  assert.equal([calls, mask, count, same], [3, 'c', 0, true]);
  assert.equal(run('return debug.gethook()'), [undefined]);
});

test('hooks are per thread; a coroutine sees "return" of yield when resumed', () => {
  const [out, mainHook] = run(`
local co = coroutine.create(function ()
  coroutine.yield(10)
  return 20
end)
local ev = {}
debug.sethook(co, function (e) ev[#ev + 1] = e end, "clr")
repeat until not coroutine.resume(co)
return table.concat(ev, " "), debug.gethook()`);
  assert.is(out, 'call line call return line return');
  assert.is(mainHook, undefined);
});

test('an error raised by a hook propagates into the hooked code', () => {
  const [ok, msg] = run(`
return pcall(function ()
  debug.sethook(function (e, l) debug.sethook(); error("stop at " .. l, 0) end, "l")
  local a = 1
  return a
end)`);
  assert.is(ok, false);
  assert.is(msg, 'stop at 4');
});

test("the hook function's level is named hook '?', and getinfo 'r' gives the values transferred", () => {
  const [namewhat, name, tr] = run(`
local nw, nm
local tr = {}
local function three(a, b, c) return a, b end
debug.sethook(function (e)
  local i = debug.getinfo(1, "n"); nw, nm = i.namewhat, i.name
  local r = debug.getinfo(2, "rf")
  if r.func == three then
    tr[#tr + 1] = e .. " " .. r.ftransfer .. " " .. r.ntransfer .. " " .. tostring(select(2, debug.getlocal(2, r.ftransfer)))
  end
end, "cr")
three(7, 8, 9)
debug.sethook()
return nw, nm, table.concat(tr, ";")`);
  assert.is(namewhat, 'hook');
  assert.is(name, '?');
  assert.is(tr, 'call 1 3 7;return 4 2 7');
});

test('a hook set inside a running function starts tracing that same function', () => {
  const [out] = run(`
local got = {}
local function f()
  debug.sethook(function (e, l) got[#got + 1] = l end, "l")
  local a = 1
  local b = 2
  debug.sethook()
end
f()
return table.concat(got, " ")`);
  assert.is(out, '5 6 7');
});

test.run();
