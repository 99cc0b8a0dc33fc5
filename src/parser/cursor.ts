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

export class TokenCursor {
  protected p = -1;
  protected current: string | undefined;

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

  protected next(): void {
    this.p++;
    const { tokens } = this;
    if (this.p >= tokens.count && tokens.error) {
      throw new LuaSyntaxError(withPosition(this.chunkname, tokens.error.line, tokens.error.message), tokens.error.line);
    }
    this.current = this.p < tokens.count ? tokens.codes[this.p] : undefined;
  }

  protected lookahead(): string | undefined {
    const { tokens } = this;
    const q = this.p + 1;
    if (q >= tokens.count && tokens.error) {
      throw new LuaSyntaxError(withPosition(this.chunkname, tokens.error.line, tokens.error.message), tokens.error.line);
    }
    return q < tokens.count ? tokens.codes[q] : undefined;
  }

  protected get line(): number {
    return this.p < this.tokens.count ? this.tokens.lines[this.p] : this.tokens.lastLine;
  }

  // --- errors (luaX_syntaxerror, error_expected, check_match) -------------

  protected error(message: string): never {
    throw this.errorHere(message);
  }

  protected errorHere(message: string): LuaSyntaxError {
    const near = nearText(this.tokens, this.source, this.p);
    return new LuaSyntaxError(withPosition(this.chunkname, this.line, `${message} near ${near}`), this.line);
  }

  /** An error without `near` (luaK_semerror). */
  protected semanticError(message: string): never {
    throw new LuaSyntaxError(withPosition(this.chunkname, this.line, message), this.line);
  }

  protected testNext(code: string): boolean {
    if (this.token() !== code) return false;
    this.next();
    return true;
  }

  protected check(code: string | undefined): void {
    if (this.token() !== code) this.error(`${tokenKindText(code)} expected`);
  }

  protected checkNext(code: string | undefined): void {
    this.check(code);
    this.next();
  }

  protected checkMatch(what: string, who: string, where: number): void {
    if (this.testNext(what)) return;
    if (where === this.line) this.error(`${tokenKindText(what)} expected`);
    this.error(`${tokenKindText(what)} expected (to close ${tokenKindText(who)} at line ${where})`);
  }

  protected checkName(): string {
    this.check('n');
    const name = this.tokens.values[this.p] as string;
    this.next();
    return name;
  }
}
