/**
 * Exercise 15 (7 · Collector): finalizer-order. Fails until the exercise is solved;
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

test('finalizers run newest first', () => {
  assert.is(run(`
    local log = {}
    local keep = {}
    for _, name in ipairs{"first", "second", "third"} do
      keep[#keep + 1] = setmetatable({name = name}, {__gc = function(o) log[#log + 1] = o.name end})
    end
    keep = nil
    collectgarbage()
    print(table.concat(log, ", "))`), 'third, second, first\n');
});

test.run();
