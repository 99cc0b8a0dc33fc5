/**
 * Exercise 11 (6 · Coroutines): coroutine-range. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../harness.ts';

import * as fs from 'node:fs';
const src = fs.readFileSync(new URL('./range.lua', import.meta.url), 'utf8');

test('range yields 1, 1+step, ... up to n', () => {
  assert.is(run(src + ' local t = {} for i in range(10, 3) do t[#t+1] = i end print(table.concat(t, " "))'), '1 4 7 10\n');
});

test('take collects the first k values', () => {
  assert.is(run(src + ' print(table.concat(take(range(100, 1), 5), ","))'), '1,2,3,4,5\n');
});

test.run();
