/**
 * Exercise 16 (8 · Standard library): math-clamp. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../harness.ts';

test('clamp limits and keeps the subtype', () => {
  assert.is(run('print(math.clamp(5, 1, 3), math.clamp(-1, 1, 3), math.clamp(2.5, 1, 3), math.clamp(2, 1.0, 3))'), '3\t1\t2.5\t2\n');
});

test('clamp checks its arguments', () => {
  const out = run('print(pcall(math.clamp, 1)) print(pcall(math.clamp, 1, 3, 2))');
  assert.match(out, /bad argument #2 to '(\w+\.)?clamp' \(number\ expected,\ got\ no\ value\)/);
  assert.match(out, /bad argument #3 to '(\w+\.)?clamp' \(interval\ is\ empty\)/);
});

test.run();
