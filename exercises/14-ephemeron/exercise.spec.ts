/**
 * Exercise 14 (7 · Collector): ephemeron. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../harness.ts';

/** Runs with the testing library `T` installed (the heap checks need it). */
const runT = (code: string) => run(code, { testlib: true });

test('an ephemeron cycle is collected', () => {
  assert.is(runT(`
    local cache = setmetatable({}, {__mode = "k"})
    local alive = {}
    cache[alive] = {owner = alive}
    do local gone = {} ; cache[gone] = {owner = gone} end
    collectgarbage()
    local n = 0 for _ in pairs(cache) do n = n + 1 end
    print(n, cache[alive].owner == alive)`), '1\ttrue\n');
});

test.run();
