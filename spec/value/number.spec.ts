/**
 * Manual §3.4.1 (arithmetic), §3.4.2 (bitwise), §3.4.4 (relational): the
 * number semantics of src/value/number.ts, on both subtypes. Expected values
 * were printed by lua5.4 for the same expressions.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { arith, ArithOp, foldArith, numberLess, numberEquals, float2int, F2I, MAXINTEGER, MININTEGER } from '../../src/value/number.ts';
import { number2string } from '../../src/value/convert.ts';
import { mkfloat, LuaFloat } from '../../src/value/float.ts';
import { LuaError } from '../../src/value/error.ts';

const show = (v: unknown) => number2string(v as number);
const op = (o: ArithOp, a: unknown, b: unknown = 0) => show(arith(o, a, b));

test('§3.4.1 integer floor division and modulo round towards minus infinity', () => {
  const r = [[7, 2], [-7, 2], [7, -2], [-7, -2]].map(([a, b]) => op(ArithOp.IDIV, a, b));
  assert.equal(r, ['3', '-4', '-4', '3']);
  const m = [[7, 3], [-7, 3], [7, -3], [-7, -3]].map(([a, b]) => op(ArithOp.MOD, a, b));
  assert.equal(m, ['1', '2', '-2', '-1']);
});

test('§3.4.1 integers wrap around in 64 bits', () => {
  assert.is(op(ArithOp.IDIV, MININTEGER, -1), '-9223372036854775808');
  assert.is(op(ArithOp.MOD, MININTEGER, -1), '0');
  assert.is(op(ArithOp.ADD, MAXINTEGER, 1), '-9223372036854775808');
  assert.is(op(ArithOp.MUL, MAXINTEGER, 2), '-2');
  assert.is(op(ArithOp.ADD, 9007199254740991, 1), '9007199254740992');
  assert.is(typeof arith(ArithOp.ADD, 9007199254740991, 1), 'bigint');
  assert.is(typeof arith(ArithOp.SUB, 9007199254740992n, 1), 'number', 'results are normalised back');
});

test('§3.4.1 float floor division and modulo', () => {
  const f = (x: number) => mkfloat(x);
  assert.equal(
    [op(ArithOp.IDIV, f(7.5), 2), op(ArithOp.IDIV, f(-7.5), 2), op(ArithOp.MOD, f(7.5), 2),
      op(ArithOp.MOD, f(-7.5), 2), op(ArithOp.MOD, f(5.3), -2), op(ArithOp.IDIV, f(1 / 0), 1)],
    ['3.0', '-4.0', '1.5', '0.5', '-0.7', 'inf'],
  );
  // regression: the remainder takes the sign of the divisor
  assert.is(op(ArithOp.MOD, -4, f(-5)), '-4.0');
});

test('§3.4.1 / and ^ always give floats', () => {
  assert.is(op(ArithOp.DIV, 4, 2), '2.0');
  assert.is(op(ArithOp.POW, 2, 2), '4.0');
  assert.ok(arith(ArithOp.DIV, 4, 2) instanceof LuaFloat);
});

test('§3.4.1 integer division by zero raises Lua\'s errors', () => {
  assert.throws(() => arith(ArithOp.IDIV, 1, 0), (e: unknown) => e instanceof LuaError && e.value === 'attempt to divide by zero');
  assert.throws(() => arith(ArithOp.MOD, 1, 0), (e: unknown) => e instanceof LuaError && e.value === "attempt to perform 'n%0'");
  assert.is(op(ArithOp.IDIV, 1, mkfloat(0)), 'inf');
});

test('§3.4.2 bitwise operators and shifts', () => {
  assert.equal(
    [op(ArithOp.SHL, 1, 62), op(ArithOp.SHL, 1, 63), op(ArithOp.SHL, 1, 64), op(ArithOp.SHR, -1, 1),
      op(ArithOp.SHR, -1, 63), op(ArithOp.SHL, 3, -1), op(ArithOp.SHR, 6, -1), op(ArithOp.BNOT, 0),
      op(ArithOp.BAND, 5, 3), op(ArithOp.BOR, 5, 3), op(ArithOp.BXOR, 5, 3)],
    ['4611686018427387904', '-9223372036854775808', '0', '9223372036854775807', '1', '1', '12', '-1', '1', '7', '6'],
  );
  assert.equal([op(ArithOp.BAND, 0x7fffffff, -1), op(ArithOp.BOR, -2147483648, 0), op(ArithOp.BOR, mkfloat(2 ** 31), 0)],
    ['2147483647', '-2147483648', '2147483648']);
  assert.throws(() => arith(ArithOp.BOR, 1.5, 1), (e: unknown) => e instanceof LuaError && e.value === 'number has no integer representation');
});

test('§3.4.4 comparisons are exact across subtypes', () => {
  assert.ok(numberLess(MAXINTEGER, mkfloat(2 ** 63)));
  assert.ok(numberEquals(1, mkfloat(1)));
  assert.ok(numberEquals(mkfloat(2 ** 53), 9007199254740992));
  assert.not.ok(numberLess(9007199254740993n, mkfloat(9007199254740992)));
  assert.ok(numberEquals(MININTEGER, mkfloat(-(2 ** 63))));
});

test('float → integer conversion modes', () => {
  assert.is(float2int(3.0), 3);
  assert.is(float2int(3.5), undefined);
  assert.is(float2int(3.5, F2I.FLOOR), 3);
  assert.is(float2int(3.5, F2I.CEIL), 4);
  assert.is(float2int(2 ** 63), undefined);
  assert.is(float2int(-(2 ** 63)), -(2n ** 63n));
});

test('constant folding refuses what luac refuses', () => {
  assert.is(foldArith(ArithOp.DIV, 1, 0), undefined);
  assert.is(foldArith(ArithOp.IDIV, 1, 0), undefined);
  assert.is(foldArith(ArithOp.MOD, 1, 0), undefined);
  assert.is(foldArith(ArithOp.BAND, mkfloat(1.5) as number, 1), undefined);
  assert.is(show(foldArith(ArithOp.ADD, 1, 2)), '3');
});

test.run();
