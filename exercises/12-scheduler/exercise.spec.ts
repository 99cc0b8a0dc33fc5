/**
 * Exercise 12 (6 · Coroutines): scheduler. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../harness.ts';

import * as fs from 'node:fs';
const src = fs.readFileSync(new URL('./scheduler.lua', import.meta.url), 'utf8');

test('tasks run in turns', () => {
  assert.is(run(src + `
    local log = {}
    for _, name in ipairs{"a", "b"} do
      spawn(function() for i = 1, 3 do log[#log+1] = name .. i; coroutine.yield() end end)
    end
    runall()
    print(table.concat(log, " "))`), 'a1 b1 a2 b2 a3 b3\n');
});

test('a failing task does not stop the others', () => {
  assert.is(run(src + `
    local done = false
    spawn(function() coroutine.yield() error("bad", 0) end)
    spawn(function() coroutine.yield() coroutine.yield() done = true end)
    local errs = runall()
    print(done, #errs, errs[1][1], errs[1][2])`), 'true\t1\t1\tbad\n');
});

test.run();
