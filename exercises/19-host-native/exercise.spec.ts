/**
 * Exercise 19 (9 · Embedding): host-native. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeState } from './host.ts';

test('host.log appends lines', () => {
  const lines: string[] = [];
  const L = makeState(lines);
  L.doString('host.log("info", "started") host.log("warn", "careful")');
  assert.equal(lines, ['INFO: started', 'WARN: careful']);
});

test('host.log checks its arguments', () => {
  const L = makeState([]);
  const [a] = L.doString('return select(2, pcall(function() return host.log("loud", "x") end))');
  const [b] = L.doString('return select(2, pcall(function() return host.log("info") end))');
  assert.match(String(L.toJS(a)), /bad argument #1 to '(\w+\.)?log' \(invalid\ option\ 'loud'\)/);
  assert.match(String(L.toJS(b)), /bad argument #2 to '(\w+\.)?log' \(string\ expected,\ got\ no\ value\)/);
});

test.run();
