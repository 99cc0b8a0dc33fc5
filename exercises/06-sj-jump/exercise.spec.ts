/**
 * Exercise 06 (3 · Instruction set): sj-jump. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run, list } from '../harness.ts';

test('JMP targets are listed as luac lists them', () => {
  const l = list('local x = ...\nif x then x = 1 else x = 2 end\nreturn x');
  assert.match(l, /JMP\s+1\t; to 8\n/);
});

test('branches go where they should', () => {
  assert.is(run('local function f(x) if x then return "yes" else return "no" end end print(f(1), f(nil))'), 'yes\tno\n');
});

test.run();
