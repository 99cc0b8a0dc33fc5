/**
 * # Walking the token stream as llex.c serves it
 *
 * Responsibility: the token-level helpers of the diagnoser (diagnose.ts):
 * the current token, advancing and looking ahead, and the checks that
 * raise Lua's syntax errors ("X expected", "X expected (to close Y at line
 * N)", "near" texts). They are `lparser.c`'s helpers of the same names
 * (`testnext`, `check`, `checknext`, `check_match`, `str_checkname`) over
 * `llex.c`'s `luaX_next` and `luaX_lookahead`.
 *
 * Manual: §3.1 (tokens), §9. PUC-Rio counterpart: `llex.c` (luaX_next,
 * luaX_lookahead, luaX_syntaxerror) and the check helpers of `lparser.c`.
 *
 * Invariant: `p` is the current token (`ls->t`), `current` its code, or
 * undefined at the end; a lexical error stored in the stream is thrown when
 * `next` or `lookahead` reaches it, as `llex` would.
 *
 * Read next: `diagnose.ts`.
 */

import { LuaSyntaxError, nearText, tokenKindText, withPosition } from './errors.ts';
import type { TokenStream } from './tokens.ts';

/**
 * The token-level half of the diagnoser: where it stands in the stream and
 * the checks that raise PUC-Rio's syntax errors. `Diagnoser` extends it
 * with the grammar rules.
 */
export class TokenCursor {
  /** Stream index of the current token (`ls->t`); -1 before the first `next`. */
  protected p = -1;
  /** The current token's code, or undefined at the end of the chunk. */
  protected current: string | undefined;

  /**
   * @param tokens - The token stream of the chunk (a lexical error, if any, sits at its end).
   * @param source - The chunk's source text, to quote the token an error is near.
   * @param chunkname - The chunk name, for the `chunk:line:` prefix of messages.
   */
  constructor(
    protected readonly tokens: TokenStream,
    protected readonly source: string,
    protected readonly chunkname: string,
  ) {}

  // --- tokens (llex.c) ---------------------------------------------------

  /** The current token's code (a call, so that TypeScript does not narrow it). */
  protected token(): string | undefined {
    return this.current;
  }

  /** Advance to the next token (luaX_next); reaching a stored lexical error throws it. */
  protected next(): void {
    this.p++;
    const { tokens } = this;
    if (this.p >= tokens.count && tokens.error) {
      throw new LuaSyntaxError(withPosition(this.chunkname, tokens.error.line, tokens.error.message), tokens.error.line);
    }
    this.current = this.p < tokens.count ? tokens.codes[this.p] : undefined;
  }

  /** The code of the token after the current one, without advancing (luaX_lookahead). */
  protected lookahead(): string | undefined {
    const { tokens } = this;
    const q = this.p + 1;
    if (q >= tokens.count && tokens.error) {
      throw new LuaSyntaxError(withPosition(this.chunkname, tokens.error.line, tokens.error.message), tokens.error.line);
    }
    return q < tokens.count ? tokens.codes[q] : undefined;
  }

  /** The line of the current token, or the last line at the end of the chunk (`ls->linenumber`). */
  protected get line(): number {
    return this.p < this.tokens.count ? this.tokens.lines[this.p] : this.tokens.lastLine;
  }

  // --- errors (luaX_syntaxerror, error_expected, check_match) -------------

  /** Throw a syntax error "message near 'token'" at the current token (luaX_syntaxerror). */
  protected error(message: string): never {
    throw this.errorHere(message);
  }

  /** The error `error` would throw, for callers that throw it themselves (or keep it). */
  protected errorHere(message: string): LuaSyntaxError {
    // a NUL byte is the single-character token 0, which llex's error
    // treats as no token at all: the message then has no `near` part
    if (this.p < this.tokens.count && this.tokens.codes[this.p] === '\0') return this.semanticErrorHere(message);
    const near = nearText(this.tokens, this.source, this.p);
    return new LuaSyntaxError(withPosition(this.chunkname, this.line, `${message} near ${near}`), this.line);
  }

  /** An error without `near` (luaK_semerror). */
  protected semanticError(message: string): never {
    throw this.semanticErrorHere(message);
  }

  /** The error `semanticError` would throw, for callers that keep it. */
  protected semanticErrorHere(message: string): LuaSyntaxError {
    return new LuaSyntaxError(withPosition(this.chunkname, this.line, message), this.line);
  }

  /** If the current token is `code`, skip it and return true (lparser.c's testnext). */
  protected testNext(code: string): boolean {
    if (this.token() !== code) return false;
    this.next();
    return true;
  }

  /** Raise "X expected" unless the current token is `code` (check). */
  protected check(code: string | undefined): void {
    if (this.token() !== code) this.error(`${tokenKindText(code)} expected`);
  }

  /** Check for `code`, then skip it (checknext). */
  protected checkNext(code: string | undefined): void {
    this.check(code);
    this.next();
  }

  /**
   * Expect the token `what` that closes `who` opened on line `where` (check_match):
   * when they are on different lines the error says "(to close 'who' at line N)".
   */
  protected checkMatch(what: string, who: string, where: number): void {
    if (this.testNext(what)) return;
    if (where === this.line) this.error(`${tokenKindText(what)} expected`);
    this.error(`${tokenKindText(what)} expected (to close ${tokenKindText(who)} at line ${where})`);
  }

  /** Expect a name, skip it and return its bytes (str_checkname). */
  protected checkName(): string {
    this.check('n');
    const name = this.tokens.values[this.p] as string;
    this.next();
    return name;
  }
}
