/**
 * Exercise 01 (1 · Tour): opcode-histogram. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { parse } from '../../src/parser/index.ts';
import { compile } from '../../src/compiler/index.ts';

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { opcodeHistogram } from '../../src/bytecode/histogram.ts';

test('counts the opcodes of main and nested functions', () => {
  const p = compile(parse('local function sq(x) return x * x end print(sq(7), sq(8))', '=ex'));
  const h = opcodeHistogram(p);
  assert.is(h.get('MUL'), 1);
  assert.is(h.get('CLOSURE'), 1);
  assert.is(h.get('CALL'), 3);
  let total = 0;
  for (const n of h.values()) total += n;
  assert.is(total, p.code.length + p.protos[0].code.length);
});

test.run();
