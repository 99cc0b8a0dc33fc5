/**
 * Exercise 15 (7 · Collector): finalizer-order. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../harness.ts';

/** Runs with the testing library `T` installed (the heap checks need it). */
const runT = (code: string) => run(code, { testlib: true });

test('finalizers run newest first', () => {
  assert.is(runT(`
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
