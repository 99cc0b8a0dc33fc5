/**
 * Manual §6.5 (UTF-8 support): utf8.char, utf8.charpattern, utf8.codes,
 * utf8.codepoint, utf8.len, utf8.offset in strict and lax modes. Results
 * and errors were recorded from lua5.4 in fixtures/utf8-cases.ts; an
 * argument error is compared in the "bad argument #n to 'utf8.f' (...)"
 * form that pcall reported there.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  charpattern, utf8Char, utf8Codepoint, utf8Len, utf8Offset, utf8CodesCheck, utf8CodesNext, decode, encode,
} from '../../src/lib/utf8-core.ts';
import { gmatch } from '../../src/lib/pattern/index.ts';
import { LibError } from '../../src/lib/lib-error.ts';
import {
  lenCases, codepointCases, offsetCases, charCases, codesCases, charpatternCases,
} from './fixtures/utf8-cases.ts';

/** Run `f`, giving its results or the error as PUC-Rio's pcall would show it. */
function outcome(name: string, f: () => unknown[]): unknown {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof LibError)) throw e;
    const message = e.argument === undefined ? e.message : `bad argument #${e.argument} to 'utf8.${name}' (${e.message})`;
    return { error: message };
  }
}

const lax = (v: unknown) => v === true;

for (const [s, args, expected] of lenCases) {
  test(`utf8.len(${JSON.stringify(s)}, ${JSON.stringify(args)})`, () => {
    const [i, j, l] = args as [number | null, number | null, boolean | null];
    assert.equal(outcome('len', () => {
      const r = utf8Len(s, i ?? undefined, j ?? undefined, lax(l));
      return typeof r === 'number' ? [r] : [null, r.fail];
    }), expected);
  });
}

for (const [s, args, expected] of codepointCases) {
  test(`utf8.codepoint(${JSON.stringify(s)}, ${JSON.stringify(args)})`, () => {
    const [i, j, l] = args as [number | null, number | null, boolean | null];
    assert.equal(outcome('codepoint', () => utf8Codepoint(s, i ?? undefined, j ?? undefined, lax(l))), expected);
  });
}

for (const [s, args, expected] of offsetCases) {
  test(`utf8.offset(${JSON.stringify(s)}, ${JSON.stringify(args)})`, () => {
    const [n, i] = args as [number, number | undefined];
    assert.equal(outcome('offset', () => [utf8Offset(s, n, i ?? undefined)]), expected);
  });
}

for (const [codes, expected] of charCases) {
  test(`utf8.char(${codes.join(', ')})`, () => {
    assert.equal(outcome('char', () => [utf8Char(codes)]), expected);
  });
}

for (const [s, isLax, expected] of codesCases) {
  test(`utf8.codes(${JSON.stringify(s)}, ${isLax})`, () => {
    assert.equal(outcome('codes', () => {
      utf8CodesCheck(s);
      const all: [number, number][] = [];
      for (let step = utf8CodesNext(s, 0, !isLax); step; step = utf8CodesNext(s, step[0], !isLax)) all.push(step);
      return [all];
    }), expected);
  });
}

for (const [s, expected] of charpatternCases) {
  test(`gmatch(${JSON.stringify(s)}, utf8.charpattern)`, () => {
    const next = gmatch(s, charpattern);
    const all: unknown[] = [];
    for (let c = next(); c; c = next()) all.push(c[0]);
    assert.equal([all], expected);
  });
}

test('encode and decode round-trip at every length boundary', () => {
  for (const code of [0, 0x7f, 0x80, 0x7ff, 0x800, 0xffff, 0x10000, 0x1fffff, 0x200000, 0x3ffffff, 0x4000000, 0x7fffffff]) {
    const bytes = encode(code);
    assert.equal(decode(bytes, 0, false), { code, next: bytes.length });
  }
});

test('utf8.codes (5.4.8): a string starting with a continuation byte is refused', () => {
  // 5.4.8's iter_codes checks the first byte (argument 1); 5.4.4 did not.
  assert.throws(() => utf8CodesCheck('\x80a'), (e: unknown) => e instanceof LibError && e.argument === 1);
  // and a character followed by a stray continuation byte is invalid
  assert.throws(() => utf8CodesNext('a\x80', 0, true), /invalid UTF-8 code/);
});

test.run();
