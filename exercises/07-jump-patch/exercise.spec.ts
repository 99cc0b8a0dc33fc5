/**
 * Exercise 07 (4 · Compiler): jump-patch. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run, list } from '../harness.ts';

const expected = `main <ex:0,0> (7 instructions at 0x0)
0+ params, 2 slots, 1 upvalue, 1 local, 1 constant, 0 functions
\t1\t[1]\tVARARGPREP\t0
\t2\t[1]\tVARARGS  \t1 2
\t3\t[2]\tTEST     \t0 0
\t4\t[2]\tJMP      \t1\t; to 6
\t5\t[2]\tLOADI    \t0 1
\t6\t[3]\tRETURN1  \t0
\t7\t[3]\tRETURN   \t1 1 1\t; 0 out
`;

test('an if statement jumps over its block', () => {
  const l = list('local x = ...\nif x then x = 1 end\nreturn x');
  assert.ok(l.startsWith(expected.split('\n')[0].split(' (')[0]), l);
  assert.match(l, /JMP\s+1\t; to 6\n/);
});

test.run();
