/**
 * Exercise 05 (3 · Instruction set): sbx-offset. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { list } from '../harness.ts';

test('LOADI lists its immediate as luac does', () => {
  const l = list('local a, b = 7, -3');
  assert.match(l, /LOADI\s+0 7\n/);
  assert.match(l, /LOADI\s+1 -3\n/);
});

test.run();
