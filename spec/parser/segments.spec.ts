/**
 * Manual §3.3.1 (a chunk is a sequence of statements), as the parser feeds
 * it to Ohm: segment by segment (src/parser/segments.ts). Cuts fall only
 * between top-level statements, and a chunk parses to the same statements
 * (and the same errors) whether or not it is cut.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { scan } from '../../src/parser/lexer.ts';
import { segmentStarts } from '../../src/parser/segments.ts';
import { sexp, statements, syntaxError } from './helpers.ts';
import type * as AST from '../../src/parser/ast.ts';

/** A top-level function of about 150 tokens, so that a cut may follow it. */
const filler = (name: string): string =>
  `function ${name}(a, b)\n` + '  a = a + b * 2 - (b / 3)\n'.repeat(10) + 'end\n';

test('long chunks are cut after top-level `end`s that precede a statement', () => {
  const src = filler('f') + filler('g') + 'x = 1\n' + filler('h');
  const starts = segmentStarts(scan(src));
  assert.ok(starts.length >= 3, `${starts.length} segments`);
  assert.equal(statements(src).map((s) => s.kind), ['FunctionStatement', 'FunctionStatement', 'Assign', 'FunctionStatement']);
});

test('a function literal followed by a name ends its statement', () => {
  const src = filler('f') + 'x = function() ' + 'local y = 1 '.repeat(40) + 'end y = 2\n' + 'z = 3';
  const body = statements(src);
  assert.equal(body.map((s) => s.kind), ['FunctionStatement', 'Assign', 'Assign', 'Assign']);
  assert.is(sexp((body[2] as AST.Assign).values[0]), '2');
});

test('a function literal followed by an operator is not cut', () => {
  const src = 'x = function() ' + 'local y = 1 '.repeat(40) + 'end .. s\n';
  assert.is(sexp((statements(src)[0] as AST.Assign).values[0]), '(.. function() s)');
});

test('nothing is cut inside brackets or blocks', () => {
  const src = 'f(function() ' + 'local y = 1 '.repeat(40) + 'end, g)\n' + 'do ' + filler('k') + 'x = 1 end';
  const starts = segmentStarts(scan(src));
  assert.equal(starts, [0]);
  assert.equal(statements(src).map((s) => s.kind), ['CallStatement', 'Do']);
});

test('a return before a cut is reported as Lua does', () => {
  assert.is(syntaxError(filler('f') + 'return 1\n' + filler('g')), "test:14: <eof> expected near 'function'");
  assert.is(syntaxError(filler('f') + filler('g') + 'x = = 1'), "test:25: unexpected symbol near '='");
});

test.run();
