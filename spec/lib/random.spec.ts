/**
 * Manual §6.7 (math.random, math.randomseed): the xoshiro256** draws for
 * several seeds, recorded from lua5.4 in fixtures/random-cases.ts, and the
 * argument errors.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RandomState } from '../../src/lib/random.ts';
import { LibError } from '../../src/lib/lib-error.ts';
import { LuaFloat } from '../../src/value/float.ts';
import { draws } from './fixtures/random-cases.ts';

const asNumber = (v: number | LuaFloat) => (v instanceof LuaFloat ? v.n : v);

test('acceptance: randomseed(42); random(1, 100), random()', () => {
  // lua5.4 -e 'math.randomseed(42); print(math.random(1, 100), math.random())'
  // --> 50	0.54688311243421
  const r = new RandomState();
  r.seed(42n, 0n);
  assert.is(r.range(1, 100), 50);
  assert.is(asNumber(r.random()).toPrecision(14), '0.54688311243421');
});

for (const { seed, calls } of draws) {
  test(`draws after randomseed(${seed.join(', ')})`, () => {
    const r = new RandomState();
    r.seed(BigInt(seed[0]), BigInt(seed[1]));
    for (const [kind, args, expected] of calls) {
      if (kind === 'random') {
        assert.is(asNumber(r.random()), (expected as { float: number }).float);
      } else if (kind === 'integer') {
        assert.is(r.integer(), expected);
      } else {
        assert.is(r.range(args[0] as number | bigint, args[1] as number | bigint), expected, `${kind}(${args})`);
      }
    }
  });
}

test('an empty interval is an error on argument 1, after a draw', () => {
  const a = new RandomState();
  const b = new RandomState();
  a.seed(7n, 0n);
  b.seed(7n, 0n);
  try {
    a.range(10, 1);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, LibError);
    assert.is((e as LibError).message, 'interval is empty');
    assert.is((e as LibError).argument, 1);
  }
  b.random();
  assert.is(asNumber(a.random()), asNumber(b.random()));
});

test('random() is in [0, 1) and boxes integral results', () => {
  const r = new RandomState();
  r.seed(1n, 2n);
  for (let i = 0; i < 1000; i++) {
    const x = asNumber(r.random());
    assert.ok(x >= 0 && x < 1);
  }
});

test('seedRandomly returns the two seeds it used', () => {
  const r = new RandomState();
  const [n1, n2] = r.seedRandomly();
  const again = new RandomState();
  again.seed(n1, n2);
  assert.is(asNumber(r.random()), asNumber(again.random()));
});

test.run();
