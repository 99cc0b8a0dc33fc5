/**
 * Exercise 13 (7 · Collector): write-barrier. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../harness.ts';

/** Runs with the testing library `T` installed (the heap checks need it). */
const runT = (code: string) => run(code, { testlib: true });

test('stores into a traversed table keep the invariant', () => {
  assert.is(runT(`
    collectgarbage("incremental", 200, 100, 6)
    collectgarbage("stop")
    local t = {}
    local pad = {} for i = 1, 500 do pad[i] = {} end
    T.gcstate("propagate")
    for round = 1, 200 do
      collectgarbage("step", 0)
      t[round] = {}                 -- a new white object into t, which may be black
      T.checkmemory()
      if T.gcstate() ~= "propagate" then break end
    end
    collectgarbage()
    print(#t > 0 and type(t[1]))`), 'table\n');
});

test.run();
