/**
 * Exercise 08 (4 · Compiler): register-reset. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run, list } from '../harness.ts';

test('temporaries are released after each statement', () => {
  const l = list('local a = 1\nprint(a)\nprint(a)\nprint(a)');
  assert.match(l, /0\+ params, 3 slots/);
  assert.is((l.match(/GETTABUP \t1 0 0/g) ?? []).length, 3, l);
});

test('the program prints the same', () => {
  assert.is(run('local a = 1 print(a) print(a + 1)'), '1\n2\n');
});

test.run();
