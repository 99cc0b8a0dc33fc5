/**
 * Manual §3.1 (the tokens): the token codes the scanner writes
 * (src/parser/tokens.ts) are those grammar `LuaTokens` of grammar.ohm
 * expects, keyword by keyword and symbol by symbol, and the scanner
 * produces them.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { KEYWORD_CODES, SYMBOL_CODES } from '../../src/parser/tokens.ts';
import { scan } from '../../src/parser/lexer.ts';

const grammar = readFileSync(new URL('../../grammar.ohm', import.meta.url), 'utf8');
const tokenGrammar = grammar.slice(grammar.indexOf('LuaTokens <: Lua'));
const override = (rule: string): string | undefined => new RegExp(`\\n  ${rule} := "(.)"\\n`).exec(tokenGrammar)?.[1];

const RULE_OF_SYMBOL: Record<string, string> = {
  '//': 'opIdiv', '..': 'opConcat', '...': 'opDots', '==': 'opEq', '>=': 'opGe', '<=': 'opLe',
  '~=': 'opNe', '<<': 'opShl', '>>': 'opShr', '::': 'opDbColon',
};

test('every keyword has the same code in tokens.ts and in LuaTokens', () => {
  for (const [word, code] of Object.entries(KEYWORD_CODES)) {
    const rule = 'kw' + word[0].toUpperCase() + word.slice(1);
    assert.is(override(rule), code, rule);
  }
  assert.is(Object.keys(KEYWORD_CODES).length, 22);
});

test('every multi-character symbol has the same code in tokens.ts and in LuaTokens', () => {
  for (const [symbol, code] of Object.entries(SYMBOL_CODES)) {
    assert.is(override(RULE_OF_SYMBOL[symbol]), code, symbol);
  }
});

test('the scanner writes those codes', () => {
  const words = Object.keys(KEYWORD_CODES);
  const symbols = Object.keys(SYMBOL_CODES);
  const stream = scan(words.join(' ') + ' ' + symbols.join(' '));
  assert.is(stream.codes, words.map((w) => KEYWORD_CODES[w]).join('') + symbols.map((s) => SYMBOL_CODES[s]).join(''));
  assert.is(scan('x 1 1.5 "s" [[l]] + ( ;').codes, 'nifss+(;');
});

test('token lines are the lines where tokens end', () => {
  const stream = scan('a\n[[x\ny]]\nb');
  assert.equal(Array.from(stream.lines.subarray(0, stream.count)), [1, 3, 4]);
  assert.is(stream.lastLine, 4);
});

test.run();
