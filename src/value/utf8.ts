/**
 * # UTF-8 encoding of one code point
 *
 * Responsibility: the bytes of a code point in (extended) UTF-8, up to six
 * bytes for values up to 2^31-1, as Lua writes them for the `\u{XXX}`
 * escape and for `utf8.char`. One implementation for the lexer and the
 * utf8 library.
 *
 * Manual: §3.1 (the `\u{XXX}` escape), §6.5 (`utf8.char`).
 * PUC-Rio counterpart: `luaO_utf8esc` (lobject.c).
 *
 * Invariant: the result is a byte string (char codes 0–255).
 *
 * Read next: src/parser/lexer.ts, src/lib/utf8-core.ts.
 */

/** One code point (0..0x7FFFFFFF) as UTF-8 bytes. */
export function utf8Encode(code: number): string {
  if (code < 0x80) return String.fromCharCode(code);
  const bytes: number[] = [];
  let maxFirst = 0x3f;  // the largest payload the first byte still holds
  do {
    bytes.unshift(0x80 | (code & 0x3f));
    code = Math.floor(code / 64);
    maxFirst >>= 1;
  } while (code > maxFirst);
  bytes.unshift(((~maxFirst << 1) | code) & 0xff);
  return String.fromCharCode(...bytes);
}
