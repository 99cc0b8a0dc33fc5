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
    local function dirty() local x, y, z = 1, 2, 3 return x end
    local function clean() local a, b, c; return a, b, c end
    dirty()
    print(clean())`), 'nil\tnil\tnil\n');
});

test.run();
