/**
 * Exercise 23 (11 · Lua 5.4 vs 5.3 and 5.5): const-check. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../harness.ts';

test('assigning to a const variable is a compile error', () => {
  assert.is(run('print(load("local x <const> = 1; x = 2"))'), "nil\t[string \"local x <const> = 1; x = 2\"]:1: attempt to assign to const variable 'x'\n");
});

test.run();
