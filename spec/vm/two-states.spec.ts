/**
 * Two Lua states in one host, used alternately: each has its own heap,
 * its own finalizers and its own nesting counts, whichever of them is
 * running when an object is made or a collection happens.
 *
 * Manual: §2.5 (garbage collection), §2.5.3 (finalizers), §2.6
 * (coroutines), §4 (the API: independent states, lua_newstate),
 * §6.4.1 (`%p`), §6.1 (`tostring` of tables, functions, threads, userdata).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState, LuaTable, native } from '../../src/index.ts';

/** Memory in use by `lua`, in bytes, as `collectgarbage("count")` reports it. */
function bytesOf(lua: LuaState, counter: unknown): number {
  return lua.toJS(lua.call(counter)[0]) as number;
}

test('§2.5 the count of each state moves only with its own allocations', () => {
  const a = new LuaState(), b = new LuaState();
  // stopped collectors: the counts change only by allocation
  a.doString('collectgarbage("stop")');
  b.doString('collectgarbage("stop")');
  const countA = a.load('return collectgarbage("count") * 1024');
  const countB = b.load('return collectgarbage("count") * 1024');
  const grow = 'keep = {} for i = 1, 1000 do keep[i] = {i} end';
  const fnA = a.load(grow), fnB = b.load(grow);

  const a0 = bytesOf(a, countA), b0 = bytesOf(b, countB);
  a.call(fnA);
  const a1 = bytesOf(a, countA), b1 = bytesOf(b, countB);
  assert.ok(a1 - a0 >= 1000 * 56, `a grew by ${a1 - a0} bytes`);
  assert.is(b1, b0);

  b.call(fnB);
  const a2 = bytesOf(a, countA), b2 = bytesOf(b, countB);
  assert.is(a2, a1);
  assert.ok(b2 - b1 >= 1000 * 56, `b grew by ${b2 - b1} bytes`);
});

/** State `a` with a finalizer that allocates (100 tables, kept in `made`) and logs its object's name. */
const FINALIZING = `
  log = {}
  local function fin(o)
    local t = {}
    for i = 1, 100 do t[i] = {i} end     -- the finalizer allocates, in its own state
    made = t
    log[#log + 1] = o.name .. ':' .. #t
  end
  function make(name) setmetatable({name = name}, {__gc = fin}) end
`;

test('§2.5.3 a finalizer of one state runs while the other is in the middle of a call', () => {
  const a = new LuaState(), b = new LuaState();
  // stopped collectors: the counts change only by allocation (a.collect() still collects)
  a.doString('collectgarbage("stop")');
  b.doString('collectgarbage("stop")');
  a.doString(FINALIZING);
  const countA = a.load('return collectgarbage("count") * 1024');
  const countB = b.load('return collectgarbage("count") * 1024');
  const logged = a.load('return #log');
  let a1 = 0, b0 = 0, b1 = 0;
  // a native function of b that makes garbage in a and collects a, while b's call is under way
  b.setGlobal('collectA', native('collectA', (L) => {
    b0 = bytesOf(b, countB);
    a.doString('make("x")');
    a.collect();
    const n = a.call(logged)[0];
    b1 = bytesOf(b, countB);
    a1 = bytesOf(a, countA);   // a is the last state the host touched before b goes on
    L.push(n);
    return 1;
  }));
  const [n, sum] = b.doString(`
    local before = {}
    for i = 1, 10 do before[i] = {i} end
    local n = collectA()
    after = {}                              -- made by b once a's finalizer has run
    for i = 1, 10 do after[i] = {i * 2} end
    local s = 0
    for i = 1, 10 do s = s + before[i][1] + after[i][1] end
    return n, s
  `);
  assert.is(n, 1);
  assert.is(sum, 55 + 110);
  // a's collection and its finalizer's 100 tables left b's count alone
  assert.is(b1, b0);
  // b's tables made after the finalizer ran count in b, not in a
  assert.is(bytesOf(a, countA), a1);
  assert.ok(bytesOf(b, countB) - b1 >= 11 * 56);
  assert.equal(a.doString('return log[1]'), ['x:100']);

  // every object lives in the heap of the state that made it
  const made = a.getGlobal('made') as LuaTable;
  assert.is(made.heap, a.global.heap);
  assert.is((made.get(1) as LuaTable).heap, a.global.heap);
  const after = b.getGlobal('after') as LuaTable;
  assert.is(after.heap, b.global.heap);
  assert.is((after.get(10) as LuaTable).heap, b.global.heap);
});

test('§2.5 two states in stress mode, used alternately, free nothing the other keeps', () => {
  // stress mode: a full collection at every safe point, and anything a
  // collector frees is poisoned, so an object in the wrong heap would be
  // swept by the other state and fail at its next use
  const a = new LuaState({ gcStress: true }), b = new LuaState({ gcStress: true });
  a.doString(FINALIZING);
  b.doString(FINALIZING);
  b.setGlobal('inA', native('inA', (L, base) => {
    a.doString(`make("${L.stack[base] as string}")`);
    a.collect();
    L.push(a.doString('return log[#log]')[0]);
    return 1;
  }));
  for (let round = 1; round <= 3; round++) {
    const [r] = b.doString(`
      make("b${round}")
      keep = {}
      for i = 1, 20 do keep[i] = {i} end
      local r = inA("a${round}")
      for i = 21, 40 do keep[i] = {i} end
      collectgarbage()
      local s = 0
      for i = 1, 40 do s = s + keep[i][1] end
      return r .. " " .. s .. " " .. log[#log]
    `);
    assert.is(r, `a${round}:100 820 b${round}:100`);
    a.collect(); b.collect();
    assert.equal(a.doString('local s = 0 for i = 1, 100 do s = s + made[i][1] end return s'), [5050]);
    assert.equal(b.doString('local s = 0 for i = 1, 40 do s = s + keep[i][1] end return s'), [820]);
  }
});

test('§2.6 nested resumes are counted per state', () => {
  // 150 nested resumes in each state: 300 together would pass the limit
  // of 200 (LUAI_MAXCCALLS, "C stack overflow") if the states shared a count
  const nest = `
    function nest(n, f)
      if n == 0 then return f() end
      local ok, v = coroutine.resume(coroutine.create(function() return nest(n - 1, f) end))
      if not ok then error(v, 0) end
      return v
    end
  `;
  const a = new LuaState(), b = new LuaState();
  a.doString(nest);
  b.doString(nest);
  b.register('inA', () => a.doString('return nest(150, function() return "deep" end)')[0]);
  assert.equal(b.doString('return nest(150, inA)'), ['deep']);
  // and each state still has its own limit
  assert.equal(a.doString('return pcall(nest, 250, function() return "too deep" end)'), [false, 'C stack overflow']);
});

/** Shows the address of each kind of object, new ones and the libraries' own, twice over. */
const ADDRESSES = `
  local t, f, co = {}, function() end, coroutine.create(print)
  local out = {tostring(t), string.format('%p', f), tostring(co), tostring(io.stdout),
               string.format('%p', print), tostring(string), tostring(t)}
  return table.concat(out, ' ')
`;

test('§6.4.1 %p and tostring: a state shows the same addresses alone or interleaved with another', () => {
  const solo = new LuaState();
  const alone = [solo.doString(ADDRESSES)[0], solo.doString(ADDRESSES)[0], solo.doString(ADDRESSES)[0]];
  assert.match(alone[0], /^table: 0x[0-9a-f]+ 0x[0-9a-f]+ thread: 0x/);
  assert.is.not(alone[0], alone[1], 'new objects, new addresses');

  const a = new LuaState(), b = new LuaState();
  const seenA: string[] = [], seenB: string[] = [];
  seenA.push(a.doString(ADDRESSES)[0]);
  seenB.push(b.doString(ADDRESSES)[0]);
  seenB.push(b.doString(ADDRESSES)[0]);
  // b asks for addresses while a is in the middle of a program
  a.register('inB', () => { seenB.push(b.doString(ADDRESSES)[0]); });
  seenA.push(a.doString('inB() ' + ADDRESSES)[0]);
  seenA.push(a.doString(ADDRESSES)[0]);
  assert.equal(seenA, alone);
  assert.equal(seenB, alone);
});

test.run();
