/**
 * Exercise 08 (4 · Compiler): register-reset. Fails until the exercise is solved;
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
import { parse } from '../../src/parser/index.ts';
import { compile } from '../../src/compiler/index.ts';
import { listing } from '../../src/bytecode/listing.ts';

function list(code: string): string {
  return listing(compile(parse(code, '=ex')), false).replace(/^\n/, '');
}

test('temporaries are released after each statement', () => {
  const l = list('local a = 1\nprint(a)\nprint(a)\nprint(a)');
  assert.match(l, /0\+ params, 3 slots/);
  assert.is((l.match(/GETTABUP \t1 0 0/g) ?? []).length, 3, l);
});

test('the program prints the same', () => {
  assert.is(run('local a = 1 print(a) print(a + 1)'), '1\n2\n');
});

test.run();
