/**
 * Exercise 26 (8 · Standard library, coursework): stats-library. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../harness.ts';

test('mean, min, max', () => {
  assert.is(run('print(stats.mean{1, 2, 3, 4}, stats.min{3, 1, 2}, stats.max{3, 1.5, 2})'), '2.5\t1\t3\n');
});

test('errors', () => {
  const out = run('print(pcall(function() return stats.mean({}) end)) print(pcall(function() return stats.max(nil) end))');
  assert.match(out, /bad argument #1 to '(\w+\.)?mean' \(empty\ table\)/);
  assert.match(out, /bad argument #1 to '(\w+\.)?max' \(table\ expected,\ got\ nil\)/);
});

test.run();
