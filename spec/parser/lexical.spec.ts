/**
 * Manual §3.1, Lexical conventions: names, keywords, numerals (values and
 * subtypes), string escapes (decoded bytes), long brackets, comments, line
 * ends, and the `#` first line of files.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from '../../src/parser/index.ts';
import type { Assign, IntegerLiteral, FloatLiteral, StringLiteral, Local } from '../../src/parser/ast.ts';
import { expression, statement, syntaxError } from './helpers.ts';

const integer = (src: string): number | bigint => {
  const e = expression(src);
  assert.is(e.kind, 'Integer', `${src} is an integer`);
  return (e as IntegerLiteral).value;
};
const float = (src: string): number => {
  const e = expression(src);
  assert.is(e.kind, 'Float', `${src} is a float`);
  return (e as FloatLiteral).value;
};
const string = (src: string): string => {
  const e = expression(src);
  assert.is(e.kind, 'String');
  return (e as StringLiteral).value;
};

test('decimal integers', () => {
  assert.is(integer('0'), 0);
  assert.is(integer('42'), 42);
  assert.is(integer('9007199254740991'), 9007199254740991);
  assert.is(integer('9007199254740993'), 9007199254740993n);
  assert.is(integer('9223372036854775807'), 9223372036854775807n);
});

test('decimal integers that overflow int64 are floats', () => {
  assert.is(float('9223372036854775808'), 9223372036854775808);
  assert.is(float('18446744073709551616'), 18446744073709551616);
});

test('hexadecimal integers wrap around modulo 2^64', () => {
  assert.is(integer('0xff'), 255);
  assert.is(integer('0XA'), 10);
  assert.is(integer('0x7fffffffffffffff'), 9223372036854775807n);
  assert.is(integer('0xffffffffffffffff'), -1);
  assert.is(integer('0x10000000000000000'), 0);
  assert.is(integer('0x8000000000000000'), -9223372036854775808n);
});

test('decimal floats', () => {
  assert.is(float('3.0'), 3);
  assert.is(float('3.'), 3);
  assert.is(float('.5'), 0.5);
  assert.is(float('3.1416'), 3.1416);
  assert.is(float('314.16e-2'), 3.1416);
  assert.is(float('0.31416E1'), 3.1416);
  assert.is(float('34e1'), 340);
  assert.is(float('1e+2'), 100);
  assert.is(float('1e400'), Infinity);
});

test('hexadecimal floats with binary exponents', () => {
  assert.is(float('0x0.1E'), 0.1171875);
  assert.is(float('0xA23p-4'), 162.1875);
  assert.is(float('0X1.921FB54442D18P+1'), Math.PI);
  assert.is(float('0x1p4'), 16);
  assert.is(float('0x.8'), 0.5);
  assert.is(float('0x8.'), 8);
  assert.is(float('0x1P-1074'), 5e-324);
});

test('numeral text is kept for messages', () => {
  assert.is((expression('0x1p4') as FloatLiteral).text, '0x1p4');
});

test('malformed numerals', () => {
  assert.is(syntaxError('return 3x'), "test:1: malformed number near '3x'");
  assert.is(syntaxError('return 0x'), "test:1: malformed number near '0x'");
  assert.is(syntaxError('return 1e'), "test:1: malformed number near '1e'");
  assert.is(syntaxError('return 0x1p'), "test:1: malformed number near '0x1p'");
  assert.is(syntaxError('return 1.2.3'), "test:1: malformed number near '1.2.3'");
});

test('a numeral that starts with a dot is hexadecimal when its first digit is 0x', () => {
  // llex reads the digits after the dot as a numeral of their own kind, so
  // the whole `.0x1p` is taken (and rejected), not just `.0x` (lua 5.4.8).
  assert.is(syntaxError('return .0x1p'), "test:1: malformed number near '.0x1p'");
  assert.is(syntaxError('return .0x1p+1'), "test:1: malformed number near '.0x1p+1'");
  assert.is(syntaxError('return .0xe-1'), "test:1: malformed number near '.0xe'");
  assert.is(syntaxError('return .0e+1x'), "test:1: malformed number near '.0e+1x'");
  assert.is(syntaxError('return .5.'), "test:1: malformed number near '.5.'");
});

test('escape sequences', () => {
  assert.is(string('"\\a\\b\\f\\n\\r\\t\\v"'), '\x07\b\f\n\r\t\v');
  assert.is(string(`"\\\\ \\" \\'"`), `\\ " '`);
  assert.is(string("'a\\\nb'"), 'a\nb');
  assert.is(string("'a\\\r\nb'"), 'a\nb');
  assert.is(string('"a\\z   \n\t  b"'), 'ab');
  assert.is(string('"\\x41\\x7a\\xFF"'), 'Az\xff');
  assert.is(string('"\\65\\066\\0067"'), 'AB\x067');
  assert.is(string('"\\0"'), '\0');
  assert.is(string('"\\255"'), '\xff');
});

test('\\u{XXX} escapes are UTF-8 bytes, extended up to 2^31-1', () => {
  assert.is(string('"\\u{41}"'), 'A');
  assert.is(string('"\\u{7FF}"'), '\xdf\xbf');
  assert.is(string('"\\u{20AC}"'), '\xe2\x82\xac');
  assert.is(string('"\\u{10FFFF}"'), '\xf4\x8f\xbf\xbf');
  assert.is(string('"\\u{7FFFFFFF}"'), '\xfd\xbf\xbf\xbf\xbf\xbf');
  assert.is(string('"\\u{0000041}"'), 'A');
});

test('invalid escapes', () => {
  assert.is(syntaxError('return "\\q"'), `test:1: invalid escape sequence near '"\\q'`);
  assert.is(syntaxError('return "\\xZZ"'), `test:1: hexadecimal digit expected near '"\\xZ'`);
  assert.is(syntaxError('return "\\256"'), `test:1: decimal escape too large near '"\\256"'`);
  assert.is(syntaxError('return "\\u{80000000}"'), `test:1: UTF-8 value too large near '"\\u{80000000'`);
  assert.is(syntaxError('return "\\u41"'), `test:1: missing '{' near '"\\u4'`);
  assert.is(syntaxError('return "\\u{41"'), `test:1: missing '}' near '"\\u{41"'`);
});

test('long strings of any level; the first line end is skipped', () => {
  assert.is(string('[[abc]]'), 'abc');
  assert.is(string('[[\nabc]]'), 'abc');
  assert.is(string('[[\r\nabc]]'), 'abc');
  assert.is(string('[==[a]]b]=]c]==]'), 'a]]b]=]c');
  assert.is(string('[' + '='.repeat(10) + '[x]' + '='.repeat(10) + ']'), 'x');
  assert.is(string('[[a\r\nb\rc\n\rd]]'), 'a\nb\nc\nd');
  assert.is(string('[[a\\nb]]'), 'a\\nb');
});

test('comments, short and long', () => {
  const s = statement('--[==[ a\n]] ]==] x = 1 -- trailing\n--[[ x ]] --[ not long\n') as Assign;
  assert.is(s.kind, 'Assign');
  assert.is(s.line, 2);
});

test('names: letters, digits, underscore; bytes above 127 are not letters', () => {
  assert.is((statement('_a1 = 1') as Assign).targets[0].kind, 'Name');
  assert.is(syntaxError('\xe9 = 1'), "test:1: unexpected symbol near '<\\233>'");
  assert.is(syntaxError('local and = 1'), "test:1: <name> expected near 'and'");
});

test('every keyword is reserved', () => {
  for (const kw of ['and', 'break', 'do', 'else', 'elseif', 'end', 'false', 'for', 'function', 'goto', 'if',
    'in', 'local', 'nil', 'not', 'or', 'repeat', 'return', 'then', 'true', 'until', 'while']) {
    assert.match(syntaxError(`local ${kw}`), /<name> expected/, kw);
  }
  assert.is((statement('local goto_ = 1') as Local).names[0], 'goto_');
});

test('line ends: \\n, \\r, \\r\\n, \\n\\r each count once', () => {
  for (const nl of ['\n', '\r', '\r\n', '\n\r']) {
    const body = parse(`a = 1${nl}b = 2${nl}${nl}c = 3`, '=t').body.statements;
    assert.equal(body.map((s) => s.line), [1, 2, 4], JSON.stringify(nl));
  }
});

test('a first line starting with # is skipped in files', () => {
  const c = parse('#!/usr/bin/lua\nx = 1', '@script.lua');
  assert.is(c.body.statements[0].line, 2);
  assert.is(syntaxError('#!/usr/bin/lua\nx = 1'), "test:1: unexpected symbol near '#'");
  assert.is(parse('#x\nx = 1', '=s', { skipFirstLine: true }).body.statements.length, 1);
});

test.run();
