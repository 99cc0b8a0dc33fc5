/**
 * # The utf8 library's cores
 *
 * Responsibility: decoding and encoding UTF-8 in byte strings as Lua's
 * `utf8` library does: strict mode (code points up to U+10FFFF, no
 * surrogates) and lax mode (the original 31-bit UTF-8, sequences of up to
 * six bytes), character counting, code points, byte offsets and the
 * `utf8.codes` iteration step.
 *
 * Manual: §6.5 (UTF-8 support).
 *
 * PUC-Rio counterpart: `utf8_decode`, `utflen`, `codepoint`, `utfchar`,
 * `byteoffset`, `iter_aux`, `iter_codes` in lutf8lib.c (5.4.8), and
 * `luaO_utf8esc` in lobject.c for encoding.
 *
 * Invariants:
 * - Positions in and out are Lua's (1-based; negative from the end, via
 *   `relativePosition`); indices inside are 0-based.
 * - Reading past the end of the string sees a NUL byte, as C does, so a
 *   truncated sequence is invalid rather than an out-of-range read.
 * - Overlong encodings are always invalid (the minimum value per length).
 *
 * Read next: `pattern/index.ts` (where `charpattern` is used).
 */

import { utf8Encode } from '../value/utf8.ts';
import { LibError } from './lib-error.ts';

/** `utf8.charpattern`: one UTF-8 sequence (lax), as a Lua pattern. */
export const charpattern = '[\0-\x7F\xC2-\xFD][\x80-\xBF]*';

const MAXUNICODE = 0x10ffff;
const MAXUTF = 0x7fffffff;
const MSG_INVALID = 'invalid UTF-8 code';
/** The smallest value that needs 1..5 continuation bytes (overlong check). */
const LIMITS = [Infinity, 0x80, 0x800, 0x10000, 0x200000, 0x4000000];

const byteAt = (s: string, i: number) => (i < s.length ? s.charCodeAt(i) : 0);
const isContinuation = (s: string, i: number) => (byteAt(s, i) & 0xc0) === 0x80;

/** A Lua position (negative counts from the end) to a 1-based one (`u_posrelat`). */
export function relativePosition(pos: number, len: number): number {
  if (pos >= 0) return pos;
  if (-pos > len) return 0;
  return len + pos + 1;
}

/**
 * Decode the sequence at index `i`: the code point and the index after
 * it, or null for an invalid sequence.
 */
export function decode(s: string, i: number, strict: boolean): { code: number; next: number } | null {
  let c = byteAt(s, i);
  let code: number;
  let count = 0;
  if (c < 0x80) {
    code = c;
  } else {
    // Each 1 bit after the leading one announces a continuation byte.
    let res = 0;
    for (; c & 0x40; c = (c << 1) & 0xff) {
      const cc = byteAt(s, i + ++count);
      if ((cc & 0xc0) !== 0x80) return null;
      res = res * 64 + (cc & 0x3f);
    }
    code = res + (c & 0x7f) * 2 ** (count * 5);
    if (count > 5 || code > MAXUTF || code < LIMITS[count]!) return null;
  }
  if (strict && (code > MAXUNICODE || (code >= 0xd800 && code <= 0xdfff))) return null;
  return { code, next: i + count + 1 };
}

/** One code point (0..0x7FFFFFFF) as UTF-8 bytes, up to six (`luaO_utf8esc`). */
export const encode = utf8Encode;

/**
 * `utf8.char(...)`: each integer argument (already checked to be an
 * integer) encoded; "value out of range" on the first one beyond
 * 0x7FFFFFFF or negative, with its argument index.
 */
export function utf8Char(codes: readonly (number | bigint)[]): string {
  let out = '';
  codes.forEach((code, i) => {
    if (!isCharCode(code)) throw new LibError('value out of range', i + 1);
    out += encode(Number(code));
  });
  return out;
}

/** Can `utf8.char` encode `code`? PUC-Rio compares as unsigned, so negative values cannot. */
export function isCharCode(code: number | bigint): boolean {
  return code >= 0 && code <= MAXUTF;
}

/**
 * `utf8.len(s, i, j, lax)`: the number of characters starting in [i, j],
 * or `{ fail }` with the position of the first invalid byte.
 */
export function utf8Len(s: string, i = 1, j = -1, lax = false): number | { fail: number } {
  let posi = relativePosition(i, s.length);
  let posj = relativePosition(j, s.length);
  if (!(1 <= posi && --posi <= s.length)) throw new LibError('initial position out of bounds', 2);
  if (!(--posj < s.length)) throw new LibError('final position out of bounds', 3);
  let n = 0;
  while (posi <= posj) {
    const d = decode(s, posi, !lax);
    if (d === null) return { fail: posi + 1 };
    posi = d.next;
    n++;
  }
  return n;
}

/** `utf8.codepoint(s, i, j, lax)`: the code points of the characters starting in [i, j]. */
export function utf8Codepoint(s: string, i = 1, j?: number, lax = false): number[] {
  const posi = relativePosition(i, s.length);
  const pose = relativePosition(j ?? posi, s.length);
  if (posi < 1) throw new LibError('out of bounds', 2);
  if (pose > s.length) throw new LibError('out of bounds', 3);
  const codes: number[] = [];
  for (let at = posi - 1; at < pose;) {
    const d = decode(s, at, !lax);
    if (d === null) throw new LibError(MSG_INVALID);
    codes.push(d.code);
    at = d.next;
  }
  return codes;
}

/**
 * `utf8.offset(s, n, i)`: the position where the n-th character counted
 * from position i starts (n = 0: the start of the character containing
 * i), or null when there is no such character.
 */
export function utf8Offset(s: string, n: number, i?: number): number | null {
  const len = s.length;
  let posi = relativePosition(i ?? (n >= 0 ? 1 : len + 1), len);
  if (!(1 <= posi && --posi <= len)) throw new LibError('position out of bounds', 3);
  if (n === 0) {
    while (posi > 0 && isContinuation(s, posi)) posi--;
    return posi + 1;
  }
  if (isContinuation(s, posi)) throw new LibError('initial position is a continuation byte');
  if (n < 0) {
    while (n < 0 && posi > 0) {
      do posi--; while (posi > 0 && isContinuation(s, posi));
      n++;
    }
  } else {
    n--; // the character at posi is the first
    while (n > 0 && posi < len) {
      do posi++; while (isContinuation(s, posi));
      n--;
    }
  }
  return n === 0 ? posi + 1 : null;
}

/** `utf8.codes(s)`: refuse a string that starts with a continuation byte. */
export function utf8CodesCheck(s: string): void {
  if (isContinuation(s, 0)) throw new LibError(MSG_INVALID, 1);
}

/**
 * One step of the `utf8.codes` iterator from control value `n` (the
 * previous position, 0 at first): the next position and code point, or
 * undefined at the end.
 */
export function utf8CodesNext(s: string, n: number, strict: boolean): [number, number] | undefined {
  if (n < 0) return undefined;
  if (n < s.length) {
    while (isContinuation(s, n)) n++; // skip the rest of the previous character
  }
  if (n >= s.length) return undefined;
  const d = decode(s, n, strict);
  if (d === null || isContinuation(s, d.next)) throw new LibError(MSG_INVALID);
  return [n + 1, d.code];
}
