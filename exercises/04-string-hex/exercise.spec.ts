/**
 * Exercise 04 (2 · Values): string-hex. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../harness.ts';

test('string.hex shows the bytes', () => {
  assert.is(run('print(string.hex("é"), ("\\0A"):hex(), string.hex(""), string.hex("\\255"))'), 'c3a9\t0041\t\tff\n');
});

test('string.hex checks its argument', () => {
  assert.match(run('print(pcall(string.hex))'), /bad argument #1 to '(\w+\.)?hex' \(string\ expected,\ got\ no\ value\)/);
});

test.run();
