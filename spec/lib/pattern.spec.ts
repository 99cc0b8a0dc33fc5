/**
 * Manual §6.4.1 (patterns) and §6.4 (string.find, string.match,
 * string.gmatch, string.gsub): each case was run through lua5.4 and its
 * results (or its error message, without the position prefix) recorded in
 * fixtures/pattern-cases.ts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { find, match, gmatch, gsub, type CaptureValue } from '../../src/lib/pattern/index.ts';
import { LibError } from '../../src/lib/lib-error.ts';
import { cases } from './fixtures/pattern-cases.ts';

function run(fn: string, args: unknown[]): unknown {
  const [s, p, a, b] = args as [string, string, unknown, unknown];
  switch (fn) {
    case 'find': {
      const r = find(s, p, a as number | undefined, Boolean(b));
      return r === null ? [null] : [r.start, r.end, ...r.captures];
    }
    case 'match': {
      const r = match(s, p, a as number | undefined);
      return r === null ? [null] : r;
    }
    case 'gmatch': {
      const next = gmatch(s, p, a as number | undefined);
      const all: CaptureValue[][] = [];
      for (let c = next(); c !== undefined; c = next()) all.push(c);
      return [all];
    }
    case 'gsub':
      return gsub(s, p, a as string, b as number | undefined);
  }
  throw new Error(fn);
}

for (const [fn, args, expected] of cases) {
  test(`${fn}${JSON.stringify(args).slice(0, 60)}`, () => {
    if (Array.isArray(expected)) {
      assert.equal(run(fn, args), expected);
    } else {
      try {
        run(fn, args);
        assert.unreachable('should have raised');
      } catch (e) {
        assert.instance(e, LibError);
        assert.is((e as LibError).message, (expected as { error: string }).error);
      }
    }
  });
}

test('gsub with a callback: captures in, undefined keeps the match', () => {
  const seen: CaptureValue[][] = [];
  const [out, n] = gsub('a=1, b=2', '(%w+)=(%w+)', (caps) => {
    seen.push(caps);
    return caps[0] === 'a' ? undefined : `${caps[1]}:${caps[0]}`;
  });
  // lua5.4: ("a=1, b=2"):gsub("(%w+)=(%w+)", function(k, v) if k ~= "a" then return v..":"..k end end)
  assert.is(out, 'a=1, 2:b');
  assert.is(n, 2);
  assert.equal(seen, [['a', '1'], ['b', '2']]);
});

test('gsub with a callback and no captures gets the whole match', () => {
  const table: Record<string, string> = { hello: 'HI' };
  // lua5.4: ("hello world"):gsub("%w+", {hello = "HI"}) --> HI world  2
  assert.equal(gsub('hello world', '%w+', (caps) => table[caps[0] as string]), ['HI world', 2]);
});

test('gsub callback sees position captures as numbers', () => {
  // lua5.4: ("abc"):gsub("()", function(p) return p end) --> 1a2b3c4  4
  assert.equal(gsub('abc', '()', (caps) => String(caps[0])), ['1a2b3c4', 4]);
});

test('gmatch iterator keeps returning undefined once exhausted', () => {
  const next = gmatch('ab', '.');
  assert.equal([next(), next(), next(), next()], [['a'], ['b'], undefined, undefined]);
});

test.run();
