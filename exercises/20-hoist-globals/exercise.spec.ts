/**
 * Exercise 20 (10 · Performance): hoist-globals. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { list } from '../harness.ts';
import { LuaState } from '../../src/index.ts';
import * as fs from 'node:fs';

const src = fs.readFileSync(new URL('./kernel.lua', import.meta.url), 'utf8');

test('same result', () => {
  const L = new LuaState({ write: () => {} });
  assert.is(L.toJS(L.doString(src)[0]), '743.980');
});

test('no table lookups in the loop body', () => {
  const l = list(src, true);
  const fn = l.split('\nfunction ')[1] ?? '';
  const body = fn.slice(fn.indexOf('FORPREP'), fn.indexOf('FORLOOP'));
  assert.not.match(body, /GETTABUP|GETFIELD/, body);
});

test.run();
