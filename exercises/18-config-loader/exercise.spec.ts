/**
 * Exercise 18 (9 · Embedding): config-loader. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig } from './config.ts';

test('assignments become fields', () => {
  assert.equal(loadConfig('port = 8080\nname = "lucid"\nlist = {1, 2}'), { port: 8080, name: 'lucid', list: [1, 2] });
});

test('only string and math are visible', () => {
  assert.equal(loadConfig('up = string.upper("x")\nhasos = os ~= nil'), { up: 'X', hasos: false });
});

test('errors name the chunk', () => {
  assert.throws(() => loadConfig('port = = 1'), /config:1:/);
  assert.throws(() => loadConfig('x = nothing.y'), /config:1: attempt to index a nil value/);
});

test.run();
