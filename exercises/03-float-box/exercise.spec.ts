/**
 * Exercise 03 (2 · Values): float-box. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../harness.ts';

test('whole floats stay floats', () => {
  assert.is(run('print(math.type(3.0), 3.0, 7 / 7, 2^2, 1e2)'), 'float\t3.0\t1.0\t4.0\t100.0\n');
});

test('integers stay integers', () => {
  assert.is(run('print(math.type(3), 6 // 2, 7 * 1)'), 'integer\t3\t7\n');
});

test.run();
