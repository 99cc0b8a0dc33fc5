/**
 * The conversion rules at the host boundary (issue 14, "Boundary";
 * docs/embedding.md, "The conversion rules"): Lua strings reach JS as
 * UTF-8 text (or bytes on request), floats as numbers, error messages as
 * text; JS objects, arrays, Maps and classes reach Lua as proxies whose
 * reads, writes and method calls pass through; Lua tables reach JS as
 * handles, deep copies or Proxies; typed getters check the type.
 *
 * Manual: §2.1 (values and types), §2.4 (metatables: __index,
 * __newindex, __call, __len, __gc), §6.1 (pairs and __pairs), §4 (the host
 * API).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState, LuaError, LuaTable } from '../../src/index.ts';

test('strings come back as decoded text; invalid UTF-8 as U+FFFD; bytes on request', () => {
  const lua = new LuaState();
  assert.equal(lua.doString('return "é", "naïve ☃", "\\xff", #"é"'), ['é', 'naïve ☃', '\uFFFD', 2]);
  lua.register('len', (s: string) => s.length);   // a registered function receives text too
  assert.equal(lua.doString('return len("é")'), [1]);
  assert.equal(lua.call(lua.load('return #...'), 'é'), [2]);   // JS text goes to Lua as UTF-8
  const bytes = new LuaState({ strings: 'bytes' });
  assert.equal(bytes.doString('return "\\xff\\0é"'), [new Uint8Array([0xff, 0, 0xc3, 0xa9])]);
  assert.equal(lua.toJS(lua.callLua(lua.load('return "\\xffA"'))[0], { strings: 'bytes' }), new Uint8Array([0xff, 0x41]));
  lua.set('s', 'Zoë');
  assert.equal(lua.get('s'), 'Zoë');
  assert.equal(lua.doString('return #s'), [4]);
});

test('a Lua error reaches the host with its message decoded', () => {
  const lua = new LuaState();
  try {
    lua.doString('error("données")');
    assert.unreachable();
  } catch (e) {
    assert.instance(e, LuaError);
    assert.is((e as LuaError).message, '[string "error("données")"]:1: données');
  }
  lua.register('fail', () => { throw new Error('échec'); });
  try {
    lua.doString('fail()', '=host');
    assert.unreachable();
  } catch (e) {
    assert.is((e as LuaError).message, "host:1: error in host function 'fail': Error: échec");
  }
});

test('floats are numbers, never a LuaFloat box; integers beyond 2^53 are BigInts', () => {
  const lua = new LuaState();
  const [two, half, big, min] = lua.doString('return 2.0, 0.5, math.maxinteger, math.mininteger');
  assert.is(two, 2);
  assert.is(two + 1, 3);
  assert.is(half, 0.5);
  assert.is(big, 2n ** 63n - 1n);
  assert.is(min, -(2n ** 63n));
  assert.equal(lua.call(lua.load('return math.type(...)'), 2), ['integer']);
  assert.equal(lua.call(lua.load('return math.type(...)'), 2.5), ['float']);
  assert.equal(lua.doString('return nil'), [undefined]);
  assert.equal(lua.call(lua.load('return select("#", ...), ... == nil'), null), [1, true]);
});

test('a JS object is a proxy: reads, writes, methods with this, getters, nil deletes', () => {
  const lua = new LuaState();
  const account = {
    owner: 'Zoë', balance: 10,
    deposit(n: number) { this.balance += n; return this.balance; },
    get rich() { return this.balance > 100; },
  };
  lua.set('account', account);
  assert.equal(lua.doString('return account.owner, account:deposit(5), account.deposit(1), account.rich, account.missing'),
    ['Zoë', 15, 16, false, undefined]);
  lua.doString('account.balance = 1000 account.note = "vip" account.owner = nil');
  assert.is(account.balance, 1000);
  assert.is((account as Record<string, unknown>).note, 'vip');
  assert.ok(!('owner' in account));
  assert.equal(lua.doString('return account.rich, type(account), account == account'), [true, 'userdata', true]);
  assert.is(lua.get('account'), account);   // the same object comes back
  // the same object is the same userdata: == and table keys work
  lua.set('again', account);
  assert.equal(lua.doString('local t = { [account] = 1 } return account == again, t[again]'), [true, 1]);
  // an exception in a getter is a Lua error naming the property
  lua.set('bad', { get boom(): never { throw new RangeError('no'); } });
  assert.match(String(lua.doString('return select(2, pcall(function() return bad.boom end))')[0]), "error in host function 'boom': RangeError: no");
});

test('arrays are indexed from 1 with # and pairs; Maps by key; both iterate with pairs', () => {
  const lua = new LuaState();
  const list = [10, 20, 30];
  lua.set('list', list);
  assert.equal(lua.doString('local s = 0 for _, v in ipairs(list) do s = s + v end return #list, list[1], list[3], s'), [3, 10, 30, 60]);
  lua.doString('list[4] = 40 list:push(50)');
  assert.equal(list, [10, 20, 30, 40, 50]);
  assert.equal(lua.doString('local n = 0 for i, v in pairs(list) do n = n + i * v end return n'), [10 + 40 + 90 + 160 + 250]);
  const m = new Map<unknown, unknown>([['a', 1], [2, 'two']]);
  lua.set('m', m);
  assert.equal(lua.doString('return #m, m.a, m[2], m:has("a")'), [2, 1, 'two', true]);
  lua.doString('m.b = 3 m.a = nil');
  assert.equal([...m.entries()], [[2, 'two'], ['b', 3]]);
  assert.equal(lua.doString('local keys = {} for k in pairs(m) do keys[#keys + 1] = tostring(k) end return table.concat(keys, ",")'), ['2,b']);
  assert.equal(lua.doString('local n = 0 for k, v in pairs(account or {x = 1, y = 2}) do n = n + v end return n'), [3]);
  lua.set('obj', { x: 1, y: 2 });
  assert.equal(lua.doString('local n = 0 for k, v in pairs(obj) do n = n + v end return n'), [3]);
});

test('a class is a constructor: Point(1, 2) and Point.new(1, 2); statics, methods and getters work', () => {
  class Point {
    constructor(public x: number, public y: number) {}
    static origin() { return new Point(0, 0); }
    get norm() { return Math.hypot(this.x, this.y); }
    plus(o: Point) { return new Point(this.x + o.x, this.y + o.y); }
  }
  const lua = new LuaState();
  lua.set('Point', Point);
  const [p, n, x, o] = lua.doString('local p = Point(3, 4) local q = Point.new(1, 1) return p:plus(q), p.norm, q.x, Point.origin()');
  assert.instance(p, Point);
  assert.equal([p.x, p.y, n, x], [4, 5, 5, 1]);
  assert.instance(o, Point);
  assert.match(String(lua.doString('return tostring(Point(1, 1))')[0]), /^JSObject: /);
});

test('a proxy never leads Lua to Object.prototype, Function.prototype or the Function constructor', () => {
  class Point { constructor(public x: number) {} }
  const lua = new LuaState({ sandbox: true });
  lua.set('Point', Point);
  lua.set('obj', { a: 1 });
  lua.set('list', [1]);
  assert.equal(lua.doString('return Point.constructor, Point.call, Point.bind, obj.__proto__, obj.constructor, obj.hasOwnProperty, list.__proto__'),
    [undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  const [ok, err] = lua.doString('return pcall(function() return Point.constructor("return process")() end)');
  assert.is(ok, false);
  assert.match(String(err), 'attempt to call a nil value');
  assert.equal(lua.doString('return pcall(function() obj.__proto__ = list end)')[0], false);
  assert.is(Object.getPrototypeOf(lua.get('obj')), Object.prototype);
  // what the object and its class define stays visible
  assert.equal(lua.doString('return Point(2).x, Point.name, list.push ~= nil, Point.prototype.constructor == Point'), [2, 'Point', true, true]);
});

test('the userdata of a JS object is released by its __gc once Lua lets go', () => {
  const lua = new LuaState();
  const live = (lua as any).boundary.proxies.live as Map<object, unknown>;
  lua.set('o', { big: true });
  assert.is(live.size, 1);
  lua.doString('o = nil');
  lua.collect();
  lua.collect();
  assert.is(live.size, 0);
  lua.set('o', { again: true });
  assert.equal(lua.doString('return o.again'), [true]);
});

test('tables come back as handles, deep copies or Proxies that pass reads and writes through', () => {
  const lua = new LuaState();
  const [t] = lua.doString('t = setmetatable({ 1, 2, name = "é" }, { __index = function(_, k) return "dflt " .. k end }) return t');
  assert.instance(t, LuaTable);
  assert.equal(lua.toJS(t, { deep: true }), { 1: 1, 2: 2, name: 'é' });
  const p = lua.toJS(t, { proxy: true }) as Record<string, unknown>;
  assert.is(p.name, 'é');
  assert.is(p[1], 1);
  assert.is(p.other, 'dflt other');   // __index runs
  p.name = 'ü';
  p.list = [1, 2];
  assert.equal(lua.doString('return t.name, #t.name, type(t.list), #t.list'), ['ü', 2, 'userdata', 2]);
  delete p[2];
  assert.equal(lua.doString('return rawget(t, 2)'), [undefined]);
  assert.equal(Object.keys(p).sort(), ['1', 'list', 'name']);
  assert.is(lua.toLua(p), t);   // the Proxy goes back as its table
  const nested = lua.toJS(lua.doString('return { inner = { v = 1 } }')[0], { proxy: true }) as { inner: { v: number } };
  nested.inner.v = 2;
  assert.is(nested.inner.v, 2);
  // deep copies of JS values are tables
  assert.equal(lua.call(lua.load('local t = ... return type(t), #t.list, t.list[2]'), lua.toLua({ list: ['a', 'b'] }, { deep: true })), ['table', 2, 'b']);
});

test('functions cross both ways; a JS wrapper goes back as its Lua function', () => {
  const lua = new LuaState();
  const [f] = lua.doString('return function(a, b) return a .. b end');
  const js = lua.toJS(f) as (...a: unknown[]) => unknown;
  assert.is(js('é', '!'), 'é!');
  assert.is(lua.toLua(js), f);
  assert.equal(lua.call(js, 'a', 'b'), ['ab']);
  lua.set('twice', (x: number) => 2 * x);
  assert.equal(lua.doString('return twice(21)'), [42]);
});

test('typed getters return the promised type or throw a LuaError naming the global', () => {
  const lua = new LuaState();
  lua.doString('n = 2.0 i = 7 f = 1.5 big = math.maxinteger s = "é" b = false t = {} fn = function(x) return x + 1 end');
  assert.is(lua.getNumber('n'), 2);
  assert.is(lua.getNumber('i'), 7);
  assert.is(lua.getInteger('i'), 7);
  assert.is(lua.getInteger('n'), 2);
  assert.is(lua.getInteger('big'), 2n ** 63n - 1n);
  assert.is(lua.getString('s'), 'é');
  assert.is(lua.getBoolean('b'), false);
  assert.instance(lua.getTable('t'), LuaTable);
  assert.is(lua.getFunction('fn')(1), 2);
  const fails: [() => unknown, string][] = [
    [() => lua.getNumber('s'), "getNumber('s'): number expected, got string"],
    [() => lua.getNumber('nothing'), "getNumber('nothing'): number expected, got nil"],
    [() => lua.getInteger('f'), "getInteger('f'): integer expected, got a float with no integer representation (1.5)"],
    [() => lua.getString('i'), "getString('i'): string expected, got number"],
    [() => lua.getBoolean('t'), "getBoolean('t'): boolean expected, got table"],
    [() => lua.getTable('fn'), "getTable('fn'): table expected, got function"],
    [() => lua.getFunction('b'), "getFunction('b'): function expected, got boolean"],
  ];
  for (const [f, message] of fails) assert.throws(f, (e: unknown) => e instanceof LuaError && e.message === message);
});

test('run converts its results and decodes its errors', async () => {
  const lua = new LuaState();
  lua.register('later', (x: string) => Promise.resolve(`${x}!`));
  assert.equal(await lua.run('return later("é"), 1.0'), ['é!', 1]);
  let message = '';
  await lua.run('error("raté", 0)').catch((e: LuaError) => { message = e.message; });
  assert.is(message, 'raté');
});

test.run();
