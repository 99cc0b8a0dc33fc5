/**
 * The pieces of the luac listing (no manual section; luac(1) and luac.c):
 * floats printed with C's "%.14g" (ties to even, exponent of at least two
 * digits) plus ".0" when they look like integers, strings escaped as
 * PrintString does, and the stable pseudo-addresses. Reference texts are
 * what lua5.4's string.format("%.14g") and luac5.4 print for these values.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatConstant, formatG14, normalizeAddresses, quoteString } from '../../src/bytecode/listing.ts';
import { mkfloat } from '../../src/value/float.ts';

test('%.14g', () => {
  const cases: [number, string][] = [
    [0.1, '0.1'], [1 / 3, '0.33333333333333'], [1e300, '1e+300'], [2 ** 53, '9.007199254741e+15'],
    [1e-5, '1e-05'], [0.0001, '0.0001'], [1e14, '1e+14'], [99999999999999.5, '1e+14'],
    [123456789012345, '1.2345678901234e+14'], [12345678901234.5, '12345678901234'],
    [64964490536765.5, '64964490536766'], [-1.5, '-1.5'], [5e-324, '4.9406564584125e-324'],
    [Infinity, 'inf'], [-Infinity, '-inf'], [-0, '-0'], [100, '100'],
  ];
  for (const [x, text] of cases) assert.is(formatG14(x), text, String(x));
});

test('constants as luac prints them', () => {
  assert.is(formatConstant(mkfloat(3)), '3.0');
  assert.is(formatConstant(mkfloat(-0)), '-0.0');
  assert.is(formatConstant(1e100), '1e+100');
  assert.is(formatConstant(Infinity), 'inf');
  assert.is(formatConstant(3), '3');
  assert.is(formatConstant(-9223372036854775808n), '-9223372036854775808');
  assert.is(formatConstant(undefined), 'nil');
  assert.is(formatConstant(false), 'false');
});

test('string escapes', () => {
  assert.is(quoteString('a"b\\c\x07\b\f\n\r\t\v'), '"a\\"b\\\\c\\a\\b\\f\\n\\r\\t\\v"');
  assert.is(quoteString('\0\x01\x1f\x7f\x80\xff~ '), '"\\000\\001\\031\\127\\128\\255~ "');
});

test('addresses are normalized on both sides', () => {
  assert.is(normalizeAddresses('at 0x55b3fd67fcc0)\n\t; 0x1\n'), 'at ADDR)\n\t; ADDR\n');
});

test.run();
