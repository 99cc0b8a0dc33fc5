/**
 * # The scanner: source bytes → token stream
 *
 * Responsibility: the fast pre-pass that reads the lexical structure of a
 * chunk (§3.1) — names, reserved words, numerals, short and long strings,
 * comments, line ends — and produces the compact `TokenStream` that the Ohm
 * grammar `LuaTokens` parses. It is the executable twin of the lexical rules
 * written in `grammar.ohm` (grammar `Lua`): those rules are the readable
 * definition, this loop applies them in one pass without backtracking. It is
 * also the "small documented step" for what a PEG cannot say: a long bracket
 * closes only with a bracket of the same level.
 *
 * Manual: §3.1. PUC-Rio counterpart: `llex.c` (`llex`, `read_numeral`,
 * `read_string`, `read_long_string`).
 *
 * Invariants:
 * - Lines are counted like `inclinenumber`: `\n`, `\r`, `\r\n` and `\n\r`
 *   are one line end each.
 * - Scanning stops at the first lexical error, which is stored in the
 *   stream instead of thrown: Lua reports it only when the parser reaches
 *   that token, so a syntax error before it wins (see `diagnose.ts`).
 * - Error messages and the text shown after `near` are those of `llex.c`.
 *
 * Read next: `semantics.ts` (how the tokens become the AST).
 */

import { utf8Encode } from '../value/utf8.ts';
import { FLOAT, INTEGER, KEYWORD_CHAR, NAME, STRING, SYMBOL_CODES, type TokenStream } from './tokens.ts';
import { readNumeral } from './numeral.ts';
import { quoteBuffer } from './errors.ts';

// Character classes of the C locale, as `lctype.c` defines them: bytes above
// 127 are neither letters nor printable (no LUA_UCID).
const ALPHA = 1, DIGIT = 2, XDIGIT = 4, SPACE = 8;
const CLASS = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_]/.test(ch)) CLASS[c] |= ALPHA;
  if (/[0-9]/.test(ch)) CLASS[c] |= DIGIT;
  if (/[0-9A-Fa-f]/.test(ch)) CLASS[c] |= XDIGIT;
  if (c === 32 || (c >= 9 && c <= 13)) CLASS[c] |= SPACE;
}
const cls = (c: number): number => (c < 256 ? CLASS[c] : 0);

const LF = 10, CR = 13;

/** A lexical error, its message ending with the `near` text `llex` shows. */
class LexicalError {
  constructor(readonly message: string, readonly line: number) {}

  withNear(near: string): LexicalError {
    return new LexicalError(`${this.message} near ${near}`, this.line);
  }
}

/** Growable parallel arrays. */
class TokenBuffer {
  codes: Uint8Array;
  lines: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  values: (string | number | bigint | undefined)[] = [];
  count = 0;

  /**
   * `capacity`: a first size. A chunk has at most one token per byte, so
   * a short chunk (a `load` of one line) gets small arrays: filling four
   * arrays of 1024 with zeros was a good part of the cost of parsing it.
   */
  constructor(capacity: number) {
    this.codes = new Uint8Array(capacity);
    this.lines = new Int32Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  push(code: number, line: number, start: number, end: number, value?: string | number | bigint): void {
    const i = this.count;
    if (i === this.codes.length) this.grow();
    this.codes[i] = code;
    this.lines[i] = line;
    this.starts[i] = start;
    this.ends[i] = end;
    this.values.push(value);
    this.count = i + 1;
  }

  private grow(): void {
    const n = this.codes.length * 2;
    const g = <T extends Uint8Array | Int32Array>(a: T, b: T): T => (b.set(a), b);
    this.codes = g(this.codes, new Uint8Array(n));
    this.lines = g(this.lines, new Int32Array(n));
    this.starts = g(this.starts, new Int32Array(n));
    this.ends = g(this.ends, new Int32Array(n));
  }

  /** The code string (built in slices: `fromCharCode` takes few arguments). */
  codeString(): string {
    let s = '';
    for (let i = 0; i < this.count; i += 8192) {
      s += String.fromCharCode.apply(null, this.codes.subarray(i, Math.min(i + 8192, this.count)) as unknown as number[]);
    }
    return s;
  }
}

/** Scan a whole chunk. `start` skips a first `#` line already handled by the caller. */
export function scan(src: string, start = 0): TokenStream {
  const out = new TokenBuffer(Math.min(1024, Math.max(8, src.length - start + 1)));
  const n = src.length;
  let pos = start;
  let line = 1;
  let depth = 0, maxDepth = 0, hasVararg = false;
  // Longest run of unary, `..` and `^` operators and commas within one
  // statement: each can add a parser level, like a bracket.
  let run = 0, maxOperatorRun = 0;
  let error: { message: string; line: number } | undefined;

  /** Skip one line end at `pos` (two chars for `\r\n` / `\n\r`). */
  const newline = (): void => {
    const c = src.charCodeAt(pos++);
    const d = src.charCodeAt(pos);
    if ((d === LF || d === CR) && d !== c) pos++;
    line++;
  };

  /** `[=*[` at pos → level+2; a lone `[` → 1; `[=` without second `[` → 0 (`skip_sep`). */
  const longBracket = (p: number, bracket: number): number => {
    let count = 0;
    p++;
    while (src.charCodeAt(p) === 61 /* = */) { p++; count++; }
    return src.charCodeAt(p) === bracket ? count + 2 : count === 0 ? 1 : 0;
  };

  /** Read a long string/comment whose opening bracket starts at pos. */
  const readLong = (sep: number, isString: boolean): string => {
    const firstLine = line;
    pos += sep; // skip `[`, the `=`s and the second `[`
    if (src.charCodeAt(pos) === LF || src.charCodeAt(pos) === CR) newline();
    let text = '';
    let from = pos;
    for (;;) {
      if (pos >= n) {
        throw new LexicalError(`unfinished long ${isString ? 'string' : 'comment'} (starting at line ${firstLine})`, line)
          .withNear('<eof>');
      }
      const c = src.charCodeAt(pos);
      if (c === 93 /* ] */) {
        if (longBracket(pos, 93) === sep) {
          text += src.slice(from, pos);
          pos += sep;
          return text;
        }
        pos++;
      } else if (c === LF || c === CR) {
        // Every line end inside a long string reads as "\n".
        text += src.slice(from, pos) + '\n';
        newline();
        from = pos;
      } else pos++;
    }
  };

  const readString = (tokenStart: number): string => {
    const del = src.charCodeAt(pos++);
    let text = '';
    let from = pos;
    for (;;) {
      if (pos >= n) throw new LexicalError('unfinished string', line).withNear('<eof>');
      const c = src.charCodeAt(pos);
      if (c === del) break;
      if (c === LF || c === CR) {
        throw new LexicalError('unfinished string', line).withNear(quoteBuffer(`${src[tokenStart]}${text}${src.slice(from, pos)}`));
      }
      if (c !== 92 /* \ */) { pos++; continue; }
      text += src.slice(from, pos);
      const escape = pos;
      pos++;
      text += readEscape(escape, () => `${src[tokenStart]}${text}`);
      from = pos;
    }
    text += src.slice(from, pos);
    pos++;
    return text;
  };

  /** Decode the escape whose backslash is at `escape`; pos is after it. */
  const readEscape = (escape: number, soFar: () => string): string => {
    const fail = (message: string): never => {
      // `esccheck` shows the escape as read so far plus the offending char.
      const upTo = pos < n ? pos + 1 : n;
      throw new LexicalError(message, line).withNear(quoteBuffer(`${soFar()}${src.slice(escape, upTo)}`));
    };
    const c = src.charCodeAt(pos);
    switch (c) {
      case 97: pos++; return '\x07'; // \a
      case 98: pos++; return '\b';
      case 102: pos++; return '\f';
      case 110: pos++; return '\n';
      case 114: pos++; return '\r';
      case 116: pos++; return '\t';
      case 118: pos++; return '\v';
      case 92: case 34: case 39: pos++; return String.fromCharCode(c);
      case LF: case CR: newline(); return '\n';
      case 120: { // \xXX
        let r = 0;
        for (let i = 0; i < 2; i++) {
          pos++;
          if (!(cls(src.charCodeAt(pos)) & XDIGIT)) fail('hexadecimal digit expected');
          r = r * 16 + parseInt(src[pos], 16);
        }
        pos++;
        return String.fromCharCode(r);
      }
      case 122: { // \z skips the following white space, line ends included
        pos++;
        while (pos < n && cls(src.charCodeAt(pos)) & SPACE) {
          const d = src.charCodeAt(pos);
          if (d === LF || d === CR) newline(); else pos++;
        }
        return '';
      }
      case 117: { // \u{XXX}
        pos++;
        if (src.charCodeAt(pos) !== 123 /* { */) fail("missing '{'");
        pos++;
        if (!(cls(src.charCodeAt(pos)) & XDIGIT)) fail('hexadecimal digit expected');
        let r = parseInt(src[pos], 16);
        pos++;
        while (cls(src.charCodeAt(pos)) & XDIGIT) {
          if (r > (0x7fffffff >>> 4)) fail('UTF-8 value too large');
          r = r * 16 + parseInt(src[pos], 16);
          pos++;
        }
        if (src.charCodeAt(pos) !== 125 /* } */) fail("missing '}'");
        pos++;
        return utf8Bytes(r);
      }
      default: {
        if (pos >= n) return ''; // the loop then reports the unfinished string
        if (!(cls(c) & DIGIT)) fail('invalid escape sequence');
        let r = 0, i = 0;
        while (i < 3 && cls(src.charCodeAt(pos)) & DIGIT) { r = r * 10 + src.charCodeAt(pos) - 48; pos++; i++; }
        if (r > 255) fail('decimal escape too large');
        return String.fromCharCode(r);
      }
    }
  };

  const readNumber = (tokenStart: number): void => {
    // Like `read_numeral`: take the longest run of digits, dots and exponent
    // marks (with their sign), then let the conversion decide.
    let expo1 = 69, expo2 = 101; // E e
    // A numeral that starts with a dot is read as one whose first digit
    // follows it: `.0x1p` is scanned as a hexadecimal numeral (then rejected
    // whole, as Lua does), not cut after the `x`.
    const first = src.charCodeAt(pos) === 46 ? pos + 1 : pos;
    if (src.charCodeAt(first) === 48 && (src.charCodeAt(first + 1) | 32) === 120) { pos = first + 2; expo1 = 80; expo2 = 112; }
    for (;;) {
      const c = src.charCodeAt(pos);
      if (c === expo1 || c === expo2) {
        pos++;
        const s = src.charCodeAt(pos);
        if (s === 43 || s === 45) pos++;
      } else if (cls(c) & XDIGIT || c === 46) pos++;
      else break;
    }
    if (cls(src.charCodeAt(pos)) & ALPHA) pos++; // a numeral touching a letter is malformed
    const text = src.slice(tokenStart, pos);
    const v = readNumeral(text);
    if (v === undefined) throw new LexicalError('malformed number', line).withNear(`'${text}'`);
    out.push(v.isInteger ? INTEGER_CODE : FLOAT_CODE, line, tokenStart, pos, v.value);
  };

  try {
    while (pos < n) {
      const c = src.charCodeAt(pos);
      const k = cls(c);
      if (k & ALPHA) {
        const s = pos;
        do pos++; while (cls(src.charCodeAt(pos)) & (ALPHA | DIGIT));
        const word = src.slice(s, pos);
        const kw = KEYWORD_CHAR.get(word);
        if (kw === undefined) out.push(NAME_CODE, line, s, pos, word);
        else {
          out.push(kw, line, s, pos);
          if (kw === OPENS_BLOCK_1 || kw === OPENS_BLOCK_2 || kw === OPENS_BLOCK_3 || kw === OPENS_BLOCK_4) {
            if (++depth > maxDepth) maxDepth = depth;
          } else if (kw === CLOSES_BLOCK_1 || kw === CLOSES_BLOCK_2 || kw === ELSEIF) depth--;
        }
        continue;
      }
      if (k & DIGIT) { readNumber(pos); continue; }
      if (k & SPACE) {
        if (c === LF || c === CR) newline(); else pos++;
        continue;
      }
      const s = pos;
      switch (c) {
        case 45: // - or a comment
          if (src.charCodeAt(pos + 1) !== 45) { pos++; out.push(c, line, s, pos); break; }
          pos += 2;
          if (src.charCodeAt(pos) === 91) {
            const sep = longBracket(pos, 91);
            if (sep >= 2) { readLong(sep, false); break; }
          }
          while (pos < n && src.charCodeAt(pos) !== LF && src.charCodeAt(pos) !== CR) pos++;
          break;
        case 91: { // [ or a long string
          const sep = longBracket(pos, 91);
          if (sep >= 2) {
            const v = readLong(sep, true);
            out.push(STRING_CODE, line, s, pos, v);
          } else if (sep === 0) {
            pos += countEquals(src, pos + 1) + 1;
            throw new LexicalError('invalid long string delimiter', line).withNear(`'${src.slice(s, pos)}'`);
          } else {
            pos++;
            out.push(c, line, s, pos);
            if (++depth > maxDepth) maxDepth = depth;
          }
          break;
        }
        case 34: case 39: {
          const v = readString(s);
          out.push(STRING_CODE, line, s, pos, v);
          break;
        }
        case 46: // . .. ... or a numeral
          if (src.charCodeAt(pos + 1) === 46) {
            if (src.charCodeAt(pos + 2) === 46) { pos += 3; hasVararg = true; out.push(DOTS_CODE, line, s, pos); }
            else { pos += 2; out.push(CONCAT_CODE, line, s, pos); }
          } else if (cls(src.charCodeAt(pos + 1)) & DIGIT) readNumber(pos);
          else { pos++; out.push(c, line, s, pos); }
          break;
        case 61: case 60: case 62: case 47: case 126: case 58: { // = < > / ~ :
          const d = src.charCodeAt(pos + 1);
          const two = TWO_CHAR.get(c * 256 + d);
          if (two !== undefined) { pos += 2; out.push(two, line, s, pos); }
          else { pos++; out.push(c, line, s, pos); }
          break;
        }
        case 40: case 123:
          pos++; out.push(c, line, s, pos);
          if (++depth > maxDepth) maxDepth = depth;
          break;
        case 41: case 125: case 93:
          pos++; out.push(c, line, s, pos); depth--;
          break;
        default:
          // Any other byte is a one-character token; the parser will
          // reject those that are not symbols (`unexpected symbol near '<\1>'`).
          pos++; out.push(c > 255 ? 63 : c, line, s, pos);
      }
    }
  } catch (e) {
    if (!(e instanceof LexicalError)) throw e;
    error = { message: e.message, line: e.line };
  }

  for (let i = 0; i < out.count; i++) {
    const c = out.codes[i];
    if (RUN_OPERATORS.has(c)) run++;
    else if (RUN_BREAKERS.has(c)) { if (run > maxOperatorRun) maxOperatorRun = run; run = 0; }
  }
  return {
    codes: out.codeString(),
    lines: out.lines,
    starts: out.starts,
    ends: out.ends,
    values: out.values,
    count: out.count,
    lastLine: line,
    error,
    hasVararg,
    maxDepth,
    maxOperatorRun: Math.max(maxOperatorRun, run),
  };
}

function countEquals(src: string, p: number): number {
  let k = 0;
  while (src.charCodeAt(p + k) === 61) k++;
  return k;
}

/** The bytes of `\u{X}`: UTF-8, extended to 6 bytes for values up to 2^31-1 (`luaO_utf8esc`). */
export const utf8Bytes = utf8Encode;

const NAME_CODE = NAME.charCodeAt(0);
const STRING_CODE = STRING.charCodeAt(0);
const INTEGER_CODE = INTEGER.charCodeAt(0);
const FLOAT_CODE = FLOAT.charCodeAt(0);
const DOTS_CODE = SYMBOL_CODES['...'].charCodeAt(0);
const CONCAT_CODE = SYMBOL_CODES['..'].charCodeAt(0);
const TWO_CHAR = new Map<number, number>();
for (const sym of ['==', '<=', '>=', '<<', '>>', '//', '~=', '::']) {
  TWO_CHAR.set(sym.charCodeAt(0) * 256 + sym.charCodeAt(1), SYMBOL_CODES[sym].charCodeAt(0));
}
// Keywords that open and close nesting, for the cheap depth bound.
const OPENS_BLOCK_1 = KEYWORD_CHAR.get('function')!, OPENS_BLOCK_2 = KEYWORD_CHAR.get('do')!;
const OPENS_BLOCK_3 = KEYWORD_CHAR.get('then')!, OPENS_BLOCK_4 = KEYWORD_CHAR.get('repeat')!;
const ELSEIF = KEYWORD_CHAR.get('elseif')!;
const CLOSES_BLOCK_1 = KEYWORD_CHAR.get('end')!, CLOSES_BLOCK_2 = KEYWORD_CHAR.get('until')!;
// Tokens that may nest parser levels (lparser.c's `enterlevel`) without a
// bracket: right-associative and unary operators in an expression, and the
// commas of a multiple assignment (`restassign` recurses per target); and
// tokens that end such a run.
const RUN_OPERATORS = new Set([...'c^-X#~,'].map((c) => c.charCodeAt(0)));
const RUN_BREAKERS = new Set([...'=;LDWPIOTBGQHEFZ'].map((c) => c.charCodeAt(0)));
