/**
 * Exercise 10 (5 · VM): error-names. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../harness.ts';

test('a global is named as a global', () => {
  assert.match(run('print(pcall(function() return cfg.x end))'), "attempt to index a nil value (global 'cfg')");
});

test('a field is named as a field', () => {
  assert.match(run('local t = {} print(pcall(function() return t.a.b end))'), "attempt to index a nil value (field 'a')");
});

test.run();
