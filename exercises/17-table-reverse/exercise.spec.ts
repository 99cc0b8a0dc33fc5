/**
 * Exercise 17 (8 · Standard library): table-reverse. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../harness.ts';

test('reverse in place, whole or a slice', () => {
  assert.is(run('local t = {1, 2, 3, 4, 5} print(table.concat(table.reverse(t), ",")) print(table.concat(table.reverse({1, 2, 3, 4, 5}, 2, 4), ","))'), '5,4,3,2,1\n1,4,3,2,5\n');
});

test('reverse checks its argument', () => {
  assert.match(run('print(pcall(table.reverse, 1))'), /bad argument #1 to '(\w+\.)?reverse' \(table\ expected,\ got\ number\)/);
});

test.run();
