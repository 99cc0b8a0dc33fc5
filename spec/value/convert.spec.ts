/**
 * Manual §3.1 (numerals) and §3.4.3 (coercions and conversions): reading
 * numbers from strings and writing them as `tostring` does. Expected values
 * were printed by lua5.4 (`tonumber(s)` and `print(x)`).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { str2number, number2string } from '../../src/value/convert.ts';
import { mkfloat } from '../../src/value/float.ts';

const read = (s: string) => { const v = str2number(s); return v === undefined ? 'nil' : number2string(v); };

test('§3.4.3 strings that are numerals', () => {
  const inputs = ['0x10', '  10  ', '1e2', '0x1p4', '0xA.8p1', '9223372036854775808', '0xffffffffffffffff',
    '-0x1', '.5', '5.', '0x.1', '+5', '+0x10'];
  assert.equal(inputs.map(read),
    ['16', '10', '100.0', '16.0', '21.0', '9.2233720368548e+18', '-1', '-1', '0.5', '5.0', '0.0625', '5', '16']);
});

test('§3.4.3 strings that are not numerals', () => {
  assert.equal(['1e', '0x', 'inf', 'nan', '', '1 2', '- 1', '0x1p', '1..2'].map(read),
    ['nil', 'nil', 'nil', 'nil', 'nil', 'nil', 'nil', 'nil', 'nil']);
});

test('§3.4.3 numerals longer than 200 characters (issue 13): floats as lua5.4 reads them, no NUL inside', () => {
  assert.equal(['9'.repeat(320), '1' + '0'.repeat(250), '-' + '9'.repeat(320), '0'.repeat(300) + '12',
    '  ' + '1'.repeat(250) + '.5e-240  ', '1'.repeat(250) + '\0', '1'.repeat(201) + 'e'].map(read),
  ['inf', '1e+250', '-inf', '12', '1111111111.1111', 'nil', 'nil']);
});

test('§3.4.3 floats print with %.14g, and .0 when they look like integers', () => {
  const xs = [1e15, 1e16, 2 ** 53, 2 ** 63, 0.1, 1 / 3, 100, -0, 1e100, 1e-100, 12345678901234.5,
    123456789012345, 2 ** -1074, -1 / 0, 3.14159265358979];
  assert.equal(xs.map((x) => number2string(mkfloat(x))),
    ['1e+15', '1e+16', '9.007199254741e+15', '9.2233720368548e+18', '0.1', '0.33333333333333', '100.0',
      '-0.0', '1e+100', '1e-100', '12345678901234.0', '1.2345678901234e+14', '4.9406564584125e-324',
      '-inf', '3.1415926535898']);
});

test('§3.4.3 integers print in full, bigints too', () => {
  assert.is(number2string(42), '42');
  assert.is(number2string(-(2n ** 63n)), '-9223372036854775808');
});

test.run();
