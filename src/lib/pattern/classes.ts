/**
 * # Character classes of Lua patterns
 *
 * Responsibility: deciding whether one byte matches one pattern item
 * (`.`, `%a`, `[a-z%d]`, a literal), and finding where an item ends.
 *
 * Manual: §6.4.1 (Patterns: character classes).
 *
 * PUC-Rio counterpart: `match_class`, `matchbracketclass`, `classend` and
 * `singlematch` in lstrlib.c.
 *
 * Invariants:
 * - Classes follow the C locale: only ASCII letters are letters, etc.
 * - Positions are 0-based indices into the pattern or subject; reading
 *   past the end yields byte 0, as C's terminating NUL does, because some
 *   of PUC-Rio's checks rely on that sentinel (e.g. a `[` set whose `^`
 *   would be the last byte).
 *
 * Read next: `matcher.ts` (the backtracking matcher that uses these).
 */

import { LibError } from '../lib-error.ts';

/** The escape character of patterns and replacement strings. */
export const L_ESC = 0x25; // '%'

/** Byte at `i`, or 0 past the end (C's NUL terminator). */
export function byteAt(s: string, i: number): number {
  return i < s.length ? s.charCodeAt(i) : 0;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isLower = (c: number) => c >= 0x61 && c <= 0x7a;
const isUpper = (c: number) => c >= 0x41 && c <= 0x5a;
const isAlpha = (c: number) => isLower(c) || isUpper(c);
const isGraph = (c: number) => c > 0x20 && c < 0x7f;

/** The C-locale predicate behind each class letter (lower-case form). */
const CLASS_TESTS: Record<string, (c: number) => boolean> = {
  a: isAlpha,
  c: (c) => c < 0x20 || c === 0x7f,
  d: isDigit,
  g: isGraph,
  l: isLower,
  p: (c) => isGraph(c) && !isAlpha(c) && !isDigit(c),
  s: (c) => c === 0x20 || (c >= 0x09 && c <= 0x0d),
  u: isUpper,
  w: (c) => isAlpha(c) || isDigit(c),
  x: (c) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46),
  z: (c) => c === 0, // deprecated, still accepted by PUC-Rio
};

/**
 * Does byte `c` belong to the class named by the byte `cl` after a `%`?
 * An upper-case class letter is the complement; any other byte stands for
 * itself (`%.` is a literal dot).
 */
export function matchClass(c: number, cl: number): boolean {
  const test = CLASS_TESTS[String.fromCharCode(cl | 0x20)];
  if (test === undefined || !isAlpha(cl)) return cl === c;
  return isLower(cl) ? test(c) : !test(c);
}

/**
 * Does `c` match the set `[...]` that starts at `p` (the `[`) and whose
 * closing `]` is at `end`?
 */
export function matchBracketClass(c: number, pattern: string, p: number, end: number): boolean {
  let inSet = true;
  if (byteAt(pattern, p + 1) === 0x5e /* ^ */) {
    inSet = false;
    p++;
  }
  while (++p < end) {
    const item = byteAt(pattern, p);
    if (item === L_ESC) {
      p++;
      if (matchClass(c, byteAt(pattern, p))) return inSet;
    } else if (byteAt(pattern, p + 1) === 0x2d /* - */ && p + 2 < end) {
      // A range `x-y`; a `-` first or last in the set is a literal.
      p += 2;
      if (item <= c && c <= byteAt(pattern, p)) return inSet;
    } else if (item === c) {
      return inSet;
    }
  }
  return !inSet;
}

/**
 * The index just after the single-character item that starts at `p`
 * (where a quantifier may follow). Raises the "malformed pattern" errors.
 */
export function classEnd(pattern: string, p: number): number {
  const c = byteAt(pattern, p++);
  if (c === L_ESC) {
    if (p >= pattern.length) throw new LibError("malformed pattern (ends with '%')");
    return p + 1;
  }
  if (c === 0x5b /* [ */) {
    if (byteAt(pattern, p) === 0x5e /* ^ */) p++;
    // The first byte of a set is never its end, so `[]]` is the set of `]`.
    do {
      if (p >= pattern.length) throw new LibError("malformed pattern (missing ']')");
      if (byteAt(pattern, p++) === L_ESC && p < pattern.length) p++;
    } while (byteAt(pattern, p) !== 0x5d /* ] */);
    return p + 1;
  }
  return p;
}

/**
 * Does the subject byte at `s` match the item from `p` to `ep` (as given by
 * `classEnd`)? Never matches at the end of the subject.
 */
export function singleMatch(subject: string, s: number, pattern: string, p: number, ep: number): boolean {
  if (s >= subject.length) return false;
  const c = subject.charCodeAt(s);
  switch (byteAt(pattern, p)) {
    case 0x2e /* . */:
      return true;
    case L_ESC:
      return matchClass(c, byteAt(pattern, p + 1));
    case 0x5b /* [ */:
      return matchBracketClass(c, pattern, p, ep - 1);
    default:
      return byteAt(pattern, p) === c;
  }
}
