/**
 * The host API beyond plain calls: resumable runs with budgets, interrupts,
 * Promise-returning host functions, value conversions, sandboxed states.
 *
 * Manual: §4 (the API, in lucid's JS form), §2.6 (coroutines: host waits
 * suspend the same way), §6.2; lua.c's interrupt ("interrupted!").
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState, LuaError, LuaTable } from '../../src/index.ts';

test('a Promise awaited inside pcall inside a coroutine inside a metamethod', async () => {
  const lua = new LuaState();
  const order: string[] = [];
  lua.register('fetchValue', (x: number) => new Promise((resolve) => {
    order.push('host waits');
    setTimeout(() => { order.push('host resolves'); resolve(x * 10); }, 5);
  }));
  const run = lua.run(`
    local mt = { __add = function(a, b)
      local co = coroutine.create(function(v)
        local ok, r = pcall(function() return fetchValue(v) end)
        coroutine.yield(ok, r)
        return 'finished'
      end)
      local _, ok, r = coroutine.resume(co, b)
      local _, last = coroutine.resume(co)
      return r + #last
    end }
    return setmetatable({}, mt) + 4
  `);
  order.push('event loop free');
  assert.equal(await run, [48]);
  assert.equal(order, ['host waits', 'event loop free', 'host resolves']);
});

test('a rejected Promise is a Lua error at the call, catchable by pcall', async () => {
  const lua = new LuaState();
  lua.register('fails', () => Promise.reject(new Error('no route')));
  const [ok, msg] = await lua.run('return pcall(function() local x = fails() return x end)');
  assert.is(ok, false);
  assert.match(msg as string, /^\[string "return pcall\(function\(\) local x = fails\(\) ret\.\.\."\]:1: no route$/);
  await lua.run('fails()').then(() => assert.unreachable(), (e) => assert.instance(e, LuaError));
});

test('a Promise in a synchronous call is refused', () => {
  const lua = new LuaState();
  lua.register('later', () => Promise.resolve(1));
  assert.throws(() => lua.doString('later()'), /attempt to yield across a C-call boundary/);
  assert.equal(lua.doString('return 1 + 1'), [2]);  // still usable
});

test('a 1e9-iteration loop stopped by budgets and resumed to completion', () => {
  const lua = new LuaState();
  // every iteration's backward jump is one check: 1e9 checks in all
  const task = lua.start('local last = 0 for i = 1, 1e9 do last = i end return last');
  let stops = 0;
  while (task.step({ budget: 1e8 }) === 'budget') stops++;
  assert.is(stops, 9);   // 1e9 checks = 10 slices of 1e8, the last one finishes
  assert.equal(task.results, [1e9]);
});

test('a budget stops inside calls, coroutines and pcall and resumes exactly', () => {
  const lua = new LuaState();
  const task = lua.start(`
    local log = {}
    local function f(n) local s = 0 for i = 1, n do s = s + i end return s end
    local co = coroutine.wrap(function()
      for k = 1, 3 do coroutine.yield(select(2, pcall(f, 1000 * k))) end
    end)
    for k = 1, 3 do log[k] = co() end
    return log[1], log[2], log[3]
  `);
  let stops = 0;
  while (task.step({ budget: 97 }) === 'budget') stops++;
  assert.ok(stops > 50, `only ${stops} stops`);
  assert.equal(task.results, [500500, 2001000, 4501500]);
});

test('interrupt() raises "interrupted!" at the next check; pcall sees it; the state goes on', async () => {
  const lua = new LuaState();
  setTimeout(() => lua.interrupt(), 20);
  await lua.run('while true do end').then(() => assert.unreachable(), (e) => {
    assert.instance(e, LuaError);
    assert.is((e as LuaError).value, 'interrupted!');
  });
  setTimeout(() => lua.interrupt(), 20);
  assert.equal(await lua.run('local ok, e = pcall(function() while true do end end) return ok, e'),
    [false, 'interrupted!']);
  assert.equal(await lua.run('return 6 * 7'), [42]);
});

test('a deadline stops an endless loop', () => {
  const lua = new LuaState();
  const task = lua.start('local n = 0 while true do n = n + 1 end');
  assert.is(task.step({ deadline: Date.now() + 20 }), 'budget');
  assert.is(task.finished, false);
  assert.throws(() => lua.start('return 1'), /another task/);
  task.cancel();
  assert.is(task.finished, true);
  const next = lua.start('return 1');
  assert.is(next.step(), 'done');
  assert.equal(next.results, [1]);
});

test('conversions: text as UTF-8, bytes, functions both ways, deep tables', () => {
  const lua = new LuaState();
  const s = lua.toLua('é');
  assert.is(s, '\xc3\xa9');
  assert.is(lua.callLua(lua.load('return #(...)'), s)[0], 2);   // a Lua string passes unconverted
  assert.is(lua.call(lua.load('return #(...)'), 'é')[0], 2);      // JS text is encoded
  assert.is(lua.toLua(new Uint8Array([0, 255])), '\x00\xff');
  assert.equal(lua.toJS('\xc3\xa9'), 'é');
  assert.equal(lua.toJS('\x00\xff', { bytes: true }), new Uint8Array([0, 255]));
  const t = lua.toLua({ name: 'x', list: [10, 20] }, { deep: true }) as LuaTable;
  lua.setGlobal('t', t);
  assert.equal(lua.doString('return t.name, #t.list, t.list[2]'), ['x', 2, 20]);
  // without deep, an array crosses by reference: a userdata proxy (issue 14, "Boundary")
  assert.equal(lua.call(lua.load('local a = ... return type(a), #a, a[2]'), [1, 2]), ['userdata', 2, 2]);
  const back = lua.toJS(lua.doString('return { 1, 2, 3 }, { a = { b = "c" } }')[1], { deep: true });
  assert.equal(back, { a: { b: 'c' } });
  assert.equal(lua.toJS(lua.doString('return { 1, 2.0, "3" }')[0], { deep: true }), [1, 2, '3']);
  const luaAdd = lua.toJS(lua.doString('return function(a, b) return a .. b end')[0]) as (...a: unknown[]) => unknown;
  assert.is(luaAdd('ü', '!'), 'ü!');
  lua.setGlobal('jsUpper', lua.toLua((x: string) => x.toUpperCase()));
  assert.equal(lua.doString('return jsUpper("abc")'), ['ABC']);
});

test('a sandboxed state opens only the chosen libraries', () => {
  const lua = new LuaState({ libs: ['base', 'string', 'table', 'math'] });
  assert.equal(lua.doString('return io, os, coroutine, debug'), [undefined, undefined, undefined, undefined]);
  assert.is(lua.doString('return type(print)')[0], 'function');
  assert.throws(() => lua.doString('os.execute("echo hi")'), /attempt to index a nil value \(global 'os'\)/);
  const bare = new LuaState({ libs: ['coroutine'] });
  const [p, co] = bare.doString('return print, coroutine');
  assert.is(p, undefined);
  assert.instance(co, LuaTable);
});

test.run();
