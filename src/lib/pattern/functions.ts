/**
 * # find, match, gmatch and gsub
 *
 * Responsibility: the four pattern-matching functions of the string
 * library, as pure functions over byte strings. Argument checking, the
 * call of a replacement function and the conversion of its result belong
 * to the library layer; these cores take plain JS values.
 *
 * Manual: §6.4 (`string.find`, `string.match`, `string.gmatch`,
 * `string.gsub`), §6.4.1 (patterns).
 *
 * PUC-Rio counterpart: `str_find_aux`, `gmatch`/`gmatch_aux`, `str_gsub`,
 * `add_s`, `add_value` and `posrelatI` in lstrlib.c.
 *
 * Invariants:
 * - Positions in and out are Lua's: 1-based, negative counts from the end.
 * - A `^` at the start anchors find, match and gsub; gmatch has no anchor
 *   (5.4: the `^` is then an ordinary byte).
 * - An empty match right where the previous match ended is skipped by
 *   gmatch and gsub, so `("abc"):gsub("%w*", "-")` gives "-" twice, not
 *   three times.
 *
 * Read next: `matcher.ts` (the engine), `../format.ts` (the other big
 * string core).
 */

import { LibError } from '../lib-error.ts';
import { L_ESC } from './classes.ts';
import { MatchState, type CaptureValue } from './matcher.ts';

export type { CaptureValue } from './matcher.ts';

/**
 * A Lua string position (1-based, negative from the end) as a 1-based
 * start in 1..len+1-or-beyond (PUC-Rio's `posrelatI`).
 */
export function startPosition(pos: number | bigint, len: number): number {
  const n = Number(pos);
  if (n > 0) return n;
  if (n === 0 || n < -len) return 1;
  return len + n + 1;
}

const SPECIALS = '^$*+?.([%-';

/** True when the pattern has no magic bytes, so a plain search will do. */
function noSpecials(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    if (SPECIALS.includes(pattern[i]!)) return false;
  }
  return true;
}

/** Result of `find`: the 1-based span and the captures. */
export interface FindResult {
  /** Position of the match's first byte (1-based). */
  start: number;
  /** Position of its last byte (1-based, inclusive; `start - 1` for an empty match). */
  end: number;
  /** The values of the pattern's captures: substrings, or positions for `()`. */
  captures: CaptureValue[];
}

/**
 * Try each start position from `init` (0-based) on, or only `init` when
 * anchored; report the first success.
 */
function search(
  subject: string, pattern: string, init: number,
  onMatch: (ms: MatchState, s: number, e: number) => void,
): boolean {
  const anchor = pattern.charCodeAt(0) === 0x5e; /* ^ */
  const ms = new MatchState(subject, anchor ? pattern.slice(1) : pattern);
  let s = init;
  do {
    ms.reset();
    const e = ms.match(s, 0);
    if (e !== -1) {
      onMatch(ms, s, e);
      return true;
    }
  } while (s++ < subject.length && !anchor);
  return false;
}

/**
 * `string.find(s, pattern, init, plain)`: the span of the first match and
 * its captures, or null (Lua's fail).
 */
export function find(
  subject: string, pattern: string, init: number | bigint = 1, plain = false,
): FindResult | null {
  const start = startPosition(init, subject.length) - 1;
  if (start > subject.length) return null;
  if (plain || noSpecials(pattern)) {
    const at = subject.indexOf(pattern, start);
    return at === -1 ? null : { start: at + 1, end: at + pattern.length, captures: [] };
  }
  let result: FindResult | null = null;
  search(subject, pattern, start, (ms, s, e) => {
    result = { start: s + 1, end: e, captures: ms.captures(s, e, false) };
  });
  return result;
}

/**
 * `string.match(s, pattern, init)`: the captures of the first match (the
 * whole match when the pattern has none), or null.
 */
export function match(subject: string, pattern: string, init: number | bigint = 1): CaptureValue[] | null {
  const start = startPosition(init, subject.length) - 1;
  if (start > subject.length) return null;
  let result: CaptureValue[] | null = null;
  search(subject, pattern, start, (ms, s, e) => {
    result = ms.captures(s, e, true);
  });
  return result;
}

/**
 * `string.gmatch(s, pattern, init)`: an iterator giving the captures of
 * each successive match, then undefined forever.
 */
export function gmatch(
  subject: string, pattern: string, init: number | bigint = 1,
): () => CaptureValue[] | undefined {
  let src = Math.min(startPosition(init, subject.length) - 1, subject.length + 1);
  let lastMatch = -1;
  const ms = new MatchState(subject, pattern);
  return () => {
    for (; src <= subject.length; src++) {
      ms.reset();
      const e = ms.match(src, 0);
      if (e !== -1 && e !== lastMatch) {
        const captures = ms.captures(src, e, true);
        src = lastMatch = e;
        return captures;
      }
    }
    return undefined;
  };
}

/**
 * A gsub replacement: a string with `%0`-`%9` and `%%`, or a callback the
 * library layer builds from a table or function. The callback receives
 * the captures (the whole match if none; a table lookup uses the first)
 * and returns the replacement, or undefined to keep the match as it is
 * (Lua's nil or false). It must already have turned numbers into strings
 * and rejected other types ("invalid replacement value (a table)").
 */
export type Replacement = string | ((captures: CaptureValue[]) => string | undefined);

/** Expand a replacement string for the match `s`..`e` (PUC-Rio's `add_s`). */
function expand(ms: MatchState, repl: string, s: number, e: number): string {
  let out = '';
  let i = 0;
  for (;;) {
    const at = repl.indexOf('%', i);
    if (at === -1) break;
    out += repl.slice(i, at);
    const c = at + 1 < repl.length ? repl.charCodeAt(at + 1) : 0;
    if (c === L_ESC) out += '%';
    else if (c === 0x30 /* 0 */) out += ms.subject.slice(s, e);
    else if (c > 0x30 && c <= 0x39) out += String(ms.capture(c - 0x31, s, e));
    else throw new LibError("invalid use of '%' in replacement string");
    i = at + 2;
  }
  return out + repl.slice(i);
}

/** Growth of gsub's result between two calls of its `room` callback. */
const ROOM_STEP = 1 << 16;

/**
 * `string.gsub(s, pattern, repl, n)`: the new string and the number of
 * matches replaced; at most `maxReplacements` (default: all). Unmatched
 * characters are copied a run at a time (a rope of one piece per
 * character would cost V8 a cons cell each). `room(length)` is told each
 * time the result grows by 64 KB, so that the caller can check a memory
 * limit before the result gets larger.
 */
export function gsub(
  subject: string, pattern: string, repl: Replacement, maxReplacements?: number | bigint,
  room?: (length: number) => void,
): [string, number] {
  const anchor = pattern.charCodeAt(0) === 0x5e; /* ^ */
  const ms = new MatchState(subject, anchor ? pattern.slice(1) : pattern);
  const max = maxReplacements === undefined ? subject.length + 1 : Number(maxReplacements);
  let out = '';
  let src = 0;
  let run = 0;   // start of the unmatched characters not yet copied
  let lastMatch = -1;
  let n = 0;
  let nextRoom = ROOM_STEP;
  while (n < max) {
    ms.reset();
    const e = ms.match(src, 0);
    if (e !== -1 && e !== lastMatch) {
      n++;
      if (run < src) out += subject.slice(run, src);
      if (typeof repl === 'string') {
        out += expand(ms, repl, src, e);
      } else {
        const value = repl(ms.captures(src, e, true));
        out += value === undefined ? subject.slice(src, e) : value;
      }
      src = run = lastMatch = e;
      if (out.length >= nextRoom && room !== undefined) { room(out.length); nextRoom = out.length + ROOM_STEP; }
    } else if (src < subject.length) {
      src++;
    } else {
      break;
    }
    if (anchor) break;
  }
  out += subject.slice(run);
  // many replacements make a rope of many cons cells: reading a character
  // makes V8 flatten it in place, so that the result costs its length
  if (n > 16) void out.charCodeAt(0);
  return [out, n];
}
