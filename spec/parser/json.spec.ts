/**
 * The AST as JSON (`lucidc --ast`): valid JSON, integers outside the safe
 * range written as strings with an `n` suffix, non-finite floats as
 * strings. Manual §3.1 (the numerals that need it).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { astToJSON } from '../../src/parser/index.ts';
import { chunk } from './helpers.ts';

test('bigints and infinities survive as strings', () => {
  const json = JSON.parse(astToJSON(chunk('return 0x7fffffffffffffff, 1e999, 42')));
  const values = json.body.statements[0].values;
  assert.is(values[0].value, '9223372036854775807n');
  assert.is(values[1].value, 'Infinity');
  assert.is(values[2].value, 42);
  assert.is(json.kind, 'Chunk');
});

test('indentation can be chosen', () => {
  assert.not.match(astToJSON(chunk('x = 1'), 0), /\n/);
  assert.match(astToJSON(chunk('x = 1')), /\n {2}"kind"/);
});

test.run();
