/**
 * Manual §3.4, Expressions: every expression form, the precedence and
 * associativity table of §3.4.8, table constructors (§3.4.9), calls and
 * methods (§3.4.10), function definitions (§3.4.11), and the extra lines
 * the compiler needs (`opLine`, `argsLine`, `methodLine`).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type * as AST from '../../src/parser/ast.ts';
import { expression, sexp, statement, syntaxError } from './helpers.ts';

const tree = (src: string): string => sexp(expression(src));

test('§3.4 simple expressions', () => {
  assert.is(tree('nil'), 'nil');
  assert.is(tree('true'), 'true');
  assert.is(tree('false'), 'false');
  assert.is(tree('...'), '...');
  assert.is(tree('"s"'), '"s"');
  assert.is(tree('a.b["c"][1]'), 'a.b["c"][1]');
});

test('§3.4.8 precedence, from lowest to highest', () => {
  assert.is(tree('a or b and c'), '(or a (and b c))');
  assert.is(tree('a and b < c'), '(and a (< b c))');
  assert.is(tree('a < b | c'), '(< a (| b c))');
  assert.is(tree('a | b ~ c'), '(| a (~ b c))');
  assert.is(tree('a ~ b & c'), '(~ a (& b c))');
  assert.is(tree('a & b << c'), '(& a (<< b c))');
  assert.is(tree('a >> b .. c'), '(>> a (.. b c))');
  assert.is(tree('a .. b + c'), '(.. a (+ b c))');
  assert.is(tree('a - b * c'), '(- a (* b c))');
  assert.is(tree('a // b % c / d'), '(/ (% (// a b) c) d)');
  assert.is(tree('-a * b'), '(* (- a) b)');
  assert.is(tree('not a == b'), '(== (not a) b)');
  assert.is(tree('#a + ~b'), '(+ (# a) (~ b))');
});

test('§3.4.8 all comparison operators share one level, left-associative', () => {
  assert.is(tree('a < b > c <= d >= e ~= f == g'), '(== (~= (>= (<= (> (< a b) c) d) e) f) g)');
});

test('§3.4.8 associativity: .. and ^ to the right, the others to the left', () => {
  assert.is(tree('a .. b .. c'), '(.. a (.. b c))');
  assert.is(tree('a ^ b ^ c'), '(^ a (^ b c))');
  assert.is(tree('a - b - c'), '(- (- a b) c)');
  assert.is(tree('a or b or c'), '(or (or a b) c)');
  assert.is(tree('a .. b + c .. d'), '(.. a (.. (+ b c) d))');
});

test('§3.4.8 unary operators and ^', () => {
  assert.is(tree('-x^2'), '(- (^ x 2))');
  assert.is(tree('2^-3'), '(^ 2 (- 3))');
  assert.is(tree('2^-3^2'), '(^ 2 (- (^ 3 2)))');
  assert.is(tree('- - x'), '(- (- x))');
  assert.is(tree('not not x'), '(not (not x))');
  assert.is(tree('-2^2 * 3'), '(* (- (^ 2 2)) 3)');
});

test('§3.4 parentheses stay in the tree', () => {
  assert.is(tree('(a + b) * c'), '(* [(+ a b)] c)');
  assert.is(tree('(f())'), '[f()]');
  assert.is(tree('(...)'), '[...]');
});

test('§3.4.9 table constructors', () => {
  assert.is(tree('{}'), '{}');
  assert.is(tree('{1, x = 2, [3] = 4; 5,}'), '{1, x=2, [3]=4, 5}');
  const t = expression('{\n  a = 1,\n  [b] = 2,\n  3\n}') as AST.TableConstructor;
  assert.equal(t.fields.map((f) => f.kind), ['NamedField', 'KeyedField', 'PositionalField']);
  assert.equal([t.line, t.lastLine], [1, 5]);
  assert.equal(t.fields.map((f) => f.line), [2, 3, 4]);
  assert.is(tree('{x == 1}'), '{(== x 1)}');
});

test('§3.4.10 calls: argument forms', () => {
  assert.is(tree('f()'), 'f()');
  assert.is(tree('f(1, 2)'), 'f(1, 2)');
  assert.is(tree('f{1}'), 'f({1})');
  assert.is(tree('f"s"'), 'f("s")');
  assert.is(tree('f[[s]]'), 'f("s")');
  assert.is(tree('o:m(1):n"x"'), 'o:m(1):n("x")');
  assert.is(tree('f(1)(2)[3].x'), 'f(1)(2)[3].x');
  assert.is(syntaxError('return o:m'), 'test:1: function arguments expected near <eof>');
});

test('§3.4.10 call lines: argsLine and methodLine', () => {
  const c = expression('f\n(\n1\n)') as AST.Call;
  assert.equal([c.line, c.argsLine, c.lastLine], [1, 2, 4]);
  const m = expression('obj\n:\nname\n{}') as AST.MethodCall;
  assert.equal([m.line, m.methodLine, m.argsLine, m.lastLine], [1, 3, 4, 4]);
});

test('§3.4.11 function definitions', () => {
  const f = expression('function(a, b, ...) return a end') as AST.FunctionExpr;
  assert.equal(f.params, ['a', 'b']);
  assert.ok(f.isVararg);
  assert.ok(!f.isMethod);
  assert.is(f.body.statements[0].kind, 'Return');
  assert.ok((expression('function(...) end') as AST.FunctionExpr).isVararg);
  assert.equal((expression('function() end') as AST.FunctionExpr).params, []);
});

test('binary operator lines: opLine, and the lines of the operands', () => {
  const b = expression('a\n+\nb') as AST.BinaryOp;
  assert.equal([b.line, b.opLine, b.lastLine], [1, 2, 3]);
  const u = expression('\n-\nx') as AST.UnaryOp;
  assert.equal([u.line, u.lastLine], [2, 3]);
});

test('index nodes start where their prefix starts', () => {
  const i = expression('a\n.b\n[c]') as AST.Index;
  assert.equal([i.line, i.lastLine], [1, 3]);
  assert.is((i.object as AST.Index).lastLine, 2);
});

test('operators as statements are errors', () => {
  assert.is(syntaxError('x = 1 + '), 'test:1: unexpected symbol near <eof>');
  assert.is(syntaxError('a.b:c = 1'), "test:1: function arguments expected near '='");
  assert.is(statement('a.b:c()').kind, 'CallStatement');
});

test.run();
