/**
 * Manual §3.3, Statements (and §3.3.7 local declarations, §3.4.11 function
 * statements): every statement form gives the AST node of ast.ts, with
 * `line` and `lastLine`.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type * as AST from '../../src/parser/ast.ts';
import { chunk, sexp, statement, statements, syntaxError } from './helpers.ts';

test('§3.3.1 blocks and empty statements', () => {
  const s = statements(';;x = 1;');
  assert.equal(s.map((x) => x.kind), ['Empty', 'Empty', 'Assign', 'Empty']);
  const d = statement('do local x end') as AST.Do;
  assert.is(d.kind, 'Do');
  assert.is(d.body.statements[0].kind, 'Local');
});

test('§3.3.2 chunks: lines of the chunk', () => {
  const c = chunk('\n\nx = 1\n\n');
  assert.is(c.chunkname, '=test');
  assert.is(c.body.statements[0].line, 3);
  assert.is(c.lastLine, 5);
  assert.is(chunk('').body.statements.length, 0);
});

test('§3.3.3 assignment: several targets and values', () => {
  const a = statement('a, b.c, d[1] = 1, 2') as AST.Assign;
  assert.equal(a.targets.map(sexp), ['a', 'b.c', 'd[1]']);
  assert.equal(a.values.map(sexp), ['1', '2']);
  const i = a.targets[1] as AST.Index;
  assert.ok(i.dotted);
  assert.ok(!(a.targets[2] as AST.Index).dotted);
  assert.is(syntaxError('f() = 1'), "test:1: syntax error near '='");
  assert.is(syntaxError('(a) = 1'), "test:1: syntax error near '='");
});

test('§3.3.4 control structures: while, repeat, if', () => {
  const w = statement('while x do y() end') as AST.While;
  assert.is(sexp(w.condition), 'x');
  assert.is(w.body.statements[0].kind, 'CallStatement');
  const r = statement('repeat local z = 1 until z') as AST.Repeat;
  assert.is(sexp(r.condition), 'z');
  const i = statement('if a then\n x()\nelseif b then\n y()\nelseif c then\nelse\n z()\nend') as AST.If;
  assert.equal(i.clauses.map((c) => sexp(c.condition)), ['a', 'b', 'c']);
  assert.equal(i.clauses.map((c) => c.line), [1, 3, 5]);
  assert.is(i.orelse?.statements.length, 1);
  assert.is(i.lastLine, 8);
  assert.is((statement('if a then end') as AST.If).orelse, undefined);
});

test('§3.3.4 goto, labels, break, return', () => {
  const s = statements('::top:: goto top; while true do break end return 1, 2;');
  assert.equal(s.map((x) => x.kind), ['Label', 'Goto', 'Empty', 'While', 'Return']);
  assert.is((s[0] as AST.Label).label, 'top');
  assert.is((s[1] as AST.Goto).label, 'top');
  assert.equal((s[4] as AST.Return).values.map(sexp), ['1', '2']);
  assert.is((statement('return') as AST.Return).values.length, 0);
  assert.is(syntaxError('return 1 x = 2'), "test:1: <eof> expected near 'x'");
  assert.is(syntaxError('do return end x()'), 'no error');
});

test('§3.3.5 numeric and generic for', () => {
  const n = statement('for i = 1, 10, 2 do end') as AST.NumericFor;
  assert.is(n.variable, 'i');
  assert.equal([n.start, n.limit, n.step!].map(sexp), ['1', '10', '2']);
  assert.is((statement('for i = 1, 10 do end') as AST.NumericFor).step, undefined);
  const g = statement('for k, v in pairs(t), x do end') as AST.GenericFor;
  assert.equal(g.names, ['k', 'v']);
  assert.equal(g.iterators.map(sexp), ['pairs(t)', 'x']);
  assert.is(syntaxError('for a b'), "test:1: '=' or 'in' expected near 'b'");
});

test('§3.3.6 function calls as statements', () => {
  const c = statement('obj:method(1) "x" {2}') as AST.CallStatement;
  assert.is(sexp(c.call), 'obj:method(1)("x")({2})');
  assert.is(syntaxError('x'), 'test:1: syntax error near <eof>');
});

test('§3.3.7 local declarations and attributes', () => {
  const l = statement('local a <const>, b, c <close> = 1') as AST.Local;
  assert.equal(l.names, ['a', 'b', 'c']);
  assert.equal(l.attribs, ['const', undefined, 'close']);
  assert.equal(l.values.map(sexp), ['1']);
  assert.equal((statement('local x') as AST.Local).values, []);
  assert.is(syntaxError('local x <foo> = 1'), "test:1: unknown attribute 'foo'");
  assert.is(syntaxError('local a <close>, b <close> = 1'), 'test:1: multiple to-be-closed variables in local list');
});

test('§3.4.11 function statements: names, methods, local functions', () => {
  const f = statement('function a.b.c:m(x, ...) end') as AST.FunctionStatement;
  assert.is(sexp(f.target), 'a.b.c.m');
  assert.ok(f.func.isMethod);
  assert.equal(f.func.params, ['self', 'x']);
  assert.ok(f.func.isVararg);
  assert.is(f.func.name, 'a.b.c:m');
  const lf = statement('local function g() return g end') as AST.LocalFunction;
  assert.is(lf.name, 'g');
  assert.is(lf.func.name, 'g');
  assert.ok(!lf.func.isVararg);
  assert.is(syntaxError('function f(a,) end'), "test:1: <name> or '...' expected near ')'");
});

test('lines: first and last token of each statement', () => {
  const s = statements('x = 1\nlocal y =\n  2\nfunction f()\nend\nwhile a do\n\nend') as AST.Statement[];
  assert.equal(s.map((x) => [x.line, x.lastLine]), [[1, 1], [2, 3], [4, 5], [6, 8]]);
  const f = s[2] as AST.FunctionStatement;
  assert.equal([f.func.line, f.func.lastLine], [4, 5]);
});

test('lines: linedefined is the line of `function` for statements, of `(` otherwise (as luac)', () => {
  const f = statement('function\nf\n()\nend') as AST.FunctionStatement;
  assert.is(f.func.line, 1);
  const l = statement('local function\ng\n()\nend') as AST.LocalFunction;
  assert.is(l.func.line, 3);
  const e = (statement('x = function\n()\nend') as AST.Assign).values[0] as AST.FunctionExpr;
  assert.is(e.line, 2);
});

test('vararg only inside vararg functions', () => {
  assert.is(syntaxError('return ...'), 'no error');
  assert.is(syntaxError('function f(...) return ... end'), 'no error');
  assert.is(syntaxError('function f() return ... end'), "test:1: cannot use '...' outside a vararg function near '...'");
});

test.run();
