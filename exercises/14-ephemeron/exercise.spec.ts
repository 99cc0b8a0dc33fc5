/**
 * Exercise 14 (7 · Collector): ephemeron. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState } from '../../src/index.ts';

/** What a chunk prints (errors propagate as LuaError). */
function run(code: string): string {
  let out = '';
  process.env.LUCID_TESTLIB = '1';
  const L = new LuaState({ write: (s) => { out += s; } });
  L.doString(code, '=ex');
  return out;
}

test('an ephemeron cycle is collected', () => {
  assert.is(run(`
    local cache = setmetatable({}, {__mode = "k"})
    local alive = {}
    cache[alive] = {owner = alive}
    do local gone = {} ; cache[gone] = {owner = gone} end
    collectgarbage()
    local n = 0 for _ in pairs(cache) do n = n + 1 end
    print(n, cache[alive].owner == alive)`), '1\ttrue\n');
});

test.run();
