/**
 * Exercise 21 (10 · Performance): fewer-instructions. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../harness.ts';

import * as fs from 'node:fs';
const src = fs.readFileSync(new URL('./sum.lua', import.meta.url), 'utf8');

test('same results', () => {
  assert.is(run(src + ' print(sumsquares(10), sumsquares(0))'), '385\t0\n');
});

test('at most 4 instructions per iteration', () => {
  const out = run(src + `
    local n = 0
    debug.sethook(function() n = n + 1 end, "", 1)
    sumsquares(1000)
    debug.sethook()
    print(n // 1000)`);
  assert.ok(Number(out) <= 4, out);
});

test.run();
