/**
 * Exercise 09 (5 · VM): loadnil. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../harness.ts';

test('locals without a value are nil, whatever was in their register', () => {
  assert.is(run(`
    for i = 1, 2 do
      local a, b, c
      print(a, b, c)
      a, b, c = 1, 2, 3
    end`), 'nil\tnil\tnil\nnil\tnil\tnil\n');
});

test.run();
