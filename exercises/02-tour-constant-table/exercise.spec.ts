/**
 * Exercise 02 (1 · Tour): tour-constant-table. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run, list } from '../harness.ts';

test('a constant used twice is stored once', () => {
  const l = list('print("a") print("a")');
  assert.ok(l.includes('2 constants'), l);
});

test('the program still prints', () => {
  assert.is(run('local t = {x = 1} t.x = t.x + 1 print(t.x, "x")'), '2\tx\n');
});

test.run();
