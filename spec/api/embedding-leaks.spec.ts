/**
 * Errors that reach the host leave nothing behind (issue 14, "No leaks"):
 * `LuaState.call` (callSync) and `LuaTask` restore the stack top, the frame
 * depth and the C-call count on every error path, and a memory error is
 * not sticky once the garbage is collected.
 *
 * Manual: §4.4 (calls from the host), §4.6 (lua_pcall leaves the stack as
 * it found it, plus the error), §2.5 (garbage collection).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState, LuaError } from '../../src/index.ts';

const ERRORS = 200_000;

function count(s: LuaState): number {
  s.collect();
  return s.doString('return collectgarbage("count")')[0] as number;
}

test('errors caught by the host through call() leave top, depth and memory as they were', () => {
  const s = new LuaState();
  const f = s.load('local a, b, c = 1, 2, 3 error("boom")');
  s.pin(f);
  const before = count(s);
  const top = s.L.top, depth = s.L.depth, ncc = s.L.nCcalls;
  let caught = 0;
  for (let i = 0; i < ERRORS; i++) {
    try { s.call(f); } catch (e) { if (e instanceof LuaError) caught++; }
  }
  assert.is(caught, ERRORS);
  assert.is(s.L.top, top);
  assert.is(s.L.depth, depth);
  assert.is(s.L.nCcalls, ncc);
  assert.ok(count(s) <= before * 1.05 + 1, 'memory came back');
  assert.equal(s.doString('return 40 + 2'), [42]);
});

test('errors from a task leave the stack as they found it', () => {
  const s = new LuaState();
  const f = s.load('error("boom")');
  s.pin(f);
  const top = s.L.top, depth = s.L.depth;
  for (let i = 0; i < 20_000; i++) {
    assert.throws(() => s.start(f).step());
  }
  assert.is(s.L.top, top);
  assert.is(s.L.depth, depth);
  const t = s.start(s.load('for i = 1, 1e6 do end return 1'));
  t.step({ budget: 10 });
  t.cancel();
  assert.is(s.L.top, top);
  assert.is(s.L.depth, depth);
});

test('a stack overflow caught by the host is a stack overflow again next time', () => {
  const s = new LuaState();
  const f = s.load('local function r() return 1 + r() end return r()');
  for (let i = 0; i < 3; i++) {
    try { s.call(f); assert.unreachable(); } catch (e) {
      assert.instance(e, LuaError);
      assert.match((e as LuaError).message, 'stack overflow');
    }
  }
  assert.is(s.L.top, 0);
  assert.equal(s.doString('return 1'), [1]);
});

test('after a memory error and a collection the state works again', () => {
  const s = new LuaState({ memoryLimit: 8_000_000 });
  const fill = s.load('local t = {} for i = 1, 1e8 do t[i] = {i} end');
  s.pin(fill);
  for (let round = 0; round < 3; round++) {
    try { s.call(fill); assert.unreachable(); } catch (e) {
      assert.instance(e, LuaError);
      assert.match((e as LuaError).message, 'not enough memory');
    }
    s.collect();
    assert.equal(s.doString('local t = {} for i = 1, 1000 do t[i] = {} end return #t'), [1000]);
  }
});

test.run();
