/**
 * Nesting limits (manual §3.3 and §3.4, structures nested to any depth;
 * PUC-Rio limits them to LUAI_MAXCCALLS = 200 C levels and reports "C
 * stack overflow"). The patterns are those of the official suite's
 * errors.lua ("testing syntax limits"): 100 levels parse, 500 do not; and
 * the exact boundary luac5.4 -p has for parentheses and blocks (196 and
 * 198 pass, 197 and 199 fail).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from '../../src/parser/index.ts';
import { syntaxError } from './helpers.ts';

const PATTERNS: [string, string, string, string][] = [
  ['local a; a', ',a', '= 1', ',1'],
  ['local a; a=', '{', '0', '}'],
  ['return ', '(', '2', ')'],
  ['local function a (x) return x end; return ', 'a(', '2.2', ')'],
  ['', 'do ', '', ' end'],
  ['', 'while a do ', '', ' end'],
  ['local a; ', 'if a then else ', '', ' end'],
  ['', 'function foo () ', '', ' end'],
  ["local a = ''; return ", 'a..', "'a'", ''],
  ['local a = 1; return ', 'a^', 'a', ''],
];

for (const [init, rep, close, repc] of PATTERNS) {
  test(`nesting ${JSON.stringify(rep)}: 100 levels parse, 500 fail`, () => {
    const ok = init + rep.repeat(100) + close + repc.repeat(100);
    assert.is(parse(ok, '=test', { cLevels: 2 }).kind, 'Chunk');
    assert.is(syntaxError(init + rep.repeat(500)), 'C stack overflow');
  });
}

test('the boundary of luac5.4 -p: parentheses', () => {
  const parens = (n: number): string => 'return ' + '('.repeat(n) + '1' + ')'.repeat(n);
  assert.is(syntaxError(parens(196)), 'no error');
  assert.is(syntaxError(parens(197)), 'C stack overflow');
});

test('the boundary of luac5.4 -p: blocks', () => {
  const blocks = (n: number): string => 'do '.repeat(n) + 'end '.repeat(n);
  assert.is(syntaxError(blocks(198)), 'no error');
  assert.is(syntaxError(blocks(199)), 'C stack overflow');
});

test('deeply nested chunks keep their AST', () => {
  const c = parse('return ' + '{'.repeat(150) + '7' + '}'.repeat(150), '=test');
  let e = (c.body.statements[0] as { values: unknown[] }).values[0] as { kind: string; fields?: { value: unknown }[]; value?: unknown };
  let depth = 0;
  while (e.kind === 'Table') { e = e.fields![0].value as typeof e; depth++; }
  assert.is(depth, 150);
  assert.is(e.value, 7);
});

test.run();
