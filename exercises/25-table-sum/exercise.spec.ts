/**
 * Exercise 25 (8 · Standard library, coursework): table-sum. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../harness.ts';

test('integer sums stay integers and wrap', () => {
  assert.is(run('print(table.sum{1, 2, 3}, math.type(table.sum{1, 2, 3}), table.sum{}, table.sum{math.maxinteger, 1} == math.mininteger)'), '6\tinteger\t0\ttrue\n');
});

test('a float makes the sum a float', () => {
  assert.is(run('print(table.sum{1, 2.0}, table.sum{0.5, 0.25}, math.type(table.sum{2^53, 1}))'), '3.0\t0.75\tfloat\n');
});

test('non-numbers are errors', () => {
  assert.match(run('print(pcall(table.sum, {1, "2"}))'), /bad argument #1 to '(\w+\.)?sum' \(number\ expected\ at\ index\ 2,\ got\ string\)/);
});

test.run();
