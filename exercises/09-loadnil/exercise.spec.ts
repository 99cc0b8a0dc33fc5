/**
 * Exercise 09 (5 · VM): loadnil. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState } from '../../src/index.ts';

/** What a chunk prints (errors propagate as LuaError). */
function run(code: string): string {
  let out = '';
  const L = new LuaState({ write: (s) => { out += s; } });
  L.doString(code, '=ex');
  return out;
}

test('locals without a value are nil, whatever was in their register', () => {
  assert.is(run(`
    for i = 1, 2 do
      local a, b, c
      print(a, b, c)
      a, b, c = 1, 2, 3
    end`), 'nil\tnil\tnil\nnil\tnil\tnil\n');
});

test.run();
