/**
 * # What one match reads, and the tokens behind it
 *
 * Responsibility: the input of one Ohm match (`MatchInput`) and the
 * `Builder` through which the semantics (semantics.ts) read it: for any
 * node of the match, its first token, lines, value and code in the token
 * stream, and for a placeholder the AST pre-parsed for it.
 *
 * Ohm matches text, and a node knows only its positions in that text. For
 * an ordinary segment, position i is one token; for the text of a deep
 * chunk matched from the inside out (nested.ts), a position may be a
 * placeholder standing for a whole expression or statement, many tokens
 * long. `first` and `last` say, for each position, which tokens it covers,
 * so a node's first line is that of the first token of its first position
 * and its last line that of the last token of its last position, in both
 * cases.
 *
 * Manual: none (an implementation device). PUC-Rio counterpart: none;
 * `lparser.c` reads `ls->t` and `ls->linenumber` as it goes.
 *
 * Invariant: a `Builder` belongs to one match and is never reused; it holds
 * everything the actions read, so parses never share state.
 *
 * Read next: `semantics.ts`.
 */

import type { Node as OhmNode } from 'ohm-js';
import type * as AST from './ast.ts';
import type { TokenStream } from './tokens.ts';

/**
 * The text one Ohm match reads, and where each of its positions comes from
 * in the token stream.
 */
export interface MatchInput {
  /** The codes Ohm matches: one per token, or `e`/`S` per pre-parsed part. */
  codes: string;
  /** Stream index of the first token each position stands for. */
  first: Int32Array;
  /** Stream index of the last token each position stands for. */
  last: Int32Array;
  /** The AST of each pre-parsed position; undefined at the others. */
  preparsed: (AST.Expression | AST.Statement | undefined)[];
}

/** The input of a chunk with no pre-parsed parts: position i is token i. */
export function plainInput(tokens: TokenStream): MatchInput {
  const first = new Int32Array(tokens.count);
  for (let i = 0; i < first.length; i++) first[i] = i;
  return { codes: tokens.codes, first, last: first, preparsed: [] };
}

/**
 * What the actions of one match read: the stream, the source, and the
 * matched text, which is `input.codes` from position `from` on.
 */
export class Builder {
  /**
   * @param tokens - The token stream of the whole chunk (codes, values, lines).
   * @param source - The chunk's source text, for texts that need the original spelling.
   * @param input - What this match reads and where each position comes from.
   * @param from - The position of `input` where this match starts (0 unless a
   *   part of the chunk is matched on its own).
   */
  constructor(
    readonly tokens: TokenStream,
    readonly source: string,
    readonly input: MatchInput,
    readonly from: number,
  ) {}

  /** The stream index of the first token of a node. */
  firstToken(n: OhmNode): number {
    return this.input.first[this.from + n.source.startIdx];
  }

  /** The line of a node's first token: the `line` of the AST node built from it. */
  line(n: OhmNode): number {
    return this.tokens.lines[this.firstToken(n)];
  }

  /** The line of a node's last token (its own line when it matched nothing): the AST node's `lastLine`. */
  lastLine(n: OhmNode): number {
    const { startIdx, endIdx } = n.source;
    return endIdx > startIdx ? this.tokens.lines[this.input.last[this.from + endIdx - 1]] : this.line(n);
  }

  /** The line of the token at position i of the match, or of the end of the chunk. */
  lineAt(i: number): number {
    const p = this.from + i;
    return p < this.input.first.length ? this.tokens.lines[this.input.first[p]] : this.tokens.lastLine;
  }

  /** The value of a node's first token: a name's bytes or a string literal's decoded bytes. */
  value(n: OhmNode): string {
    return this.tokens.values[this.firstToken(n)] as string;
  }

  /** The token code of the first token of a node. */
  code(n: OhmNode): string {
    return this.tokens.codes[this.firstToken(n)];
  }

  /** The AST already built for a pre-parsed position (a nested function or block matched on its own). */
  preparsed(n: OhmNode): AST.Expression | AST.Statement {
    return this.input.preparsed[this.from + n.source.startIdx]!;
  }
}
