/**
 * # Syntax errors and chunk names
 *
 * Responsibility: the `LuaSyntaxError` thrown by `parse`, the formatting of
 * chunk names in messages (`chunkid`), and how a token is shown after
 * `near` — all exactly as PUC-Rio prints them, so that `lucidc -p` and
 * `luac5.4 -p` agree message for message.
 *
 * Manual: §4.6 (`load` returns the message of a syntax error), §6.4
 * (`load`'s `chunkname`).
 *
 * PUC-Rio counterpart: `luaO_chunkid` (lobject.c), `luaX_token2str`,
 * `txtToken` and `lexerror` (llex.c).
 *
 * Invariant: `message` is the whole Lua message (`chunk:line: msg near
 * 'tok'`), the string a Lua program receives from `load`.
 *
 * Read next: `diagnose.ts`.
 */

import { FLOAT, INTEGER, NAME, STRING, TOKEN_TEXT, type TokenStream } from './tokens.ts';

/** Room for a chunk id, LUA_IDSIZE of luaconf.h (terminating zero included). */
const LUA_IDSIZE = 60;

/** A syntax error of a chunk, with the message Lua gives it. */
export class LuaSyntaxError extends Error {
  /** The error's class name, so hosts and logs can tell a syntax error from other exceptions. */
  override name = 'LuaSyntaxError';
  /**
   * @param message - The full message, `chunk:line: what near 'token'`, as `load` returns it.
   * @param line - The line the error is reported at.
   * @param runtime - Raised as a runtime error in lua (luaG_runerror, as "C
   *   stack overflow" is), not a syntax error: the running message handler
   *   sees it before `load` returns it.
   */
  constructor(message: string, readonly line: number, readonly runtime = false) {
    super(message);
  }
}

/** How Lua names a chunk in messages: `[string "..."]`, a file name, or a literal `=name`. */
export function chunkid(chunkname: string): string {
  const len = chunkname.length;
  if (chunkname.startsWith('=')) {
    return len <= LUA_IDSIZE ? chunkname.slice(1) : chunkname.slice(1, LUA_IDSIZE);
  }
  if (chunkname.startsWith('@')) {
    // A long file name keeps its end, which is the informative part.
    return len <= LUA_IDSIZE ? chunkname.slice(1) : '...' + chunkname.slice(len - (LUA_IDSIZE - 4));
  }
  const room = LUA_IDSIZE - '[string "..."]'.length - 1;
  const nl = chunkname.indexOf('\n');
  if (len < room && nl < 0) return `[string "${chunkname}"]`;
  let text = nl >= 0 ? chunkname.slice(0, nl) : chunkname;
  if (text.length > room) text = text.slice(0, room);
  return `[string "${text}..."]`;
}

/** `'c'` for a printable character, `'<\N>'` otherwise (`luaX_token2str`). */
function showChar(code: number): string {
  return code >= 32 && code < 127 ? `'${String.fromCharCode(code)}'` : `'<\\${code}>'`;
}

/**
 * A token kind as `luaX_token2str` writes it in "X expected": reserved words
 * and symbols quoted, `<eof>`, `<name>`, `<string>`, `<number>`, `<integer>`
 * bare. `code` is a token code of tokens.ts, or undefined for end of file.
 */
export function tokenKindText(code: string | undefined): string {
  if (code === undefined) return '<eof>';
  const text = TOKEN_TEXT[code];
  if (text === undefined) return showChar(code.charCodeAt(0));
  if (code === NAME || code === STRING || code === INTEGER || code === FLOAT) return text;
  return `'${text}'`;
}

/** The text after `near` for token i (`txtToken`): its spelling for names, strings and numerals. */
export function nearText(tokens: TokenStream, source: string, i: number): string {
  if (i >= tokens.count) return '<eof>';
  const code = tokens.codes[i];
  if (code === NAME) return `'${tokens.values[i]}'`;
  if (code === INTEGER || code === FLOAT) return `'${source.slice(tokens.starts[i], tokens.ends[i])}'`;
  if (code === STRING) {
    // Lua shows the string as its buffer holds it: delimiters around the
    // decoded bytes, cut at the first zero byte (it is a C string).
    const start = tokens.starts[i];
    let shown: string;
    if (source[start] === '[') {
      const level = source.indexOf('[', start + 1) - start + 1;
      shown = source.slice(start, start + level) + tokens.values[i] + source.slice(tokens.ends[i] - level, tokens.ends[i]);
    } else {
      shown = source[start] + tokens.values[i] + source[start];
    }
    return quoteBuffer(shown);
  }
  return tokenKindText(code);
}

/**
 * Text from llex's buffer as `near` shows it: quoted, and cut at the first
 * zero byte, because Lua formats it as a C string.
 */
export function quoteBuffer(text: string): string {
  const zero = text.indexOf('\0');
  return `'${zero >= 0 ? text.slice(0, zero) : text}'`;
}

/** `chunk:line: message` (luaG_addinfo). */
export function withPosition(chunkname: string, line: number, message: string): string {
  return `${chunkid(chunkname)}:${line}: ${message}`;
}
