/**
 * Exercise 22 (11 · Lua 5.4 vs 5.3 and 5.5): math-pow-compat. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../harness.ts';
import { LuaState } from '../../src/index.ts';

test('pow and ldexp', () => {
  assert.is(run('print(math.pow(2, 10), math.pow(2, 0.5) == 2^0.5, math.ldexp(3, 4), math.ldexp(0.5, -1))'), '1024.0\ttrue\t48.0\t0.25\n');
});

test('argument checks', () => {
  assert.match(run('print(pcall(math.ldexp, 1, 0.5))'), /bad argument #2 to '(\w+\.)?ldexp' \(number\ has\ no\ integer\ representation\)/);
});

test('strict Lua 5.4 (compat: false) has neither', () => {
  const L = new LuaState({ compat: false });
  assert.equal(L.doString('return math.pow == nil, math.ldexp == nil'), [true, true]);
});

test.run();
