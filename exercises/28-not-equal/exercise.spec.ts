/**
 * Exercise 28 (4 · Compiler): not-equal. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import * as ohm from 'ohm-js';
import { run, list } from '../harness.ts';

test('!= compares like ~=', () => {
  assert.is(run('print(1 != 2, 1 != 1, "a" != "a", nil != false, 1 != 1.0)'), 'true\tfalse\tfalse\ttrue\tfalse\n');
});

test('!= compiles to exactly the instructions of ~=', () => {
  const src = 'local a, b = ...\nif a != b then return 1 end\nlocal c = a != 3\nwhile a != "x" do a = b end';
  assert.is(list(src), list(src.replaceAll('!=', '~=')));
});

test('a lone !, and != inside strings and comments, are what they were', () => {
  assert.is(run('print("!=", #"!=") -- != in a comment'), '!=\t2\n');
  assert.is(run('print(select(2, load("return 1 ! 2")))'), '[string "return 1 ! 2"]:1: <eof> expected near \'!\'\n');
  assert.is(run('print(select(2, load("x = !")))'), '[string "x = !"]:1: unexpected symbol near \'!\'\n');
});

test('the readable grammar of grammar.ohm (grammar Lua) accepts != too', () => {
  const g = ohm.grammars(readFileSync(new URL('../../grammar.ohm', import.meta.url), 'utf8'));
  assert.ok(g.Lua.match('!=', 'opNe').succeeded(), 'opNe does not accept !=');
  assert.ok(g.Lua.match('if a != b then return 1 end\n').succeeded());
  assert.not.ok(g.Lua.match('return a ! b\n').succeeded());
});

test.run();
