/**
 * # The parser: Lua source → AST
 *
 * Responsibility: the front end's one entry point, `parse(source,
 * chunkname)`, which returns the `Chunk` of `ast.ts` or throws a
 * `LuaSyntaxError` whose message is the one `luac5.4 -p` prints.
 *
 * Manual: §3 (the language), §9 (its complete syntax).
 *
 * PUC-Rio counterpart: `luaY_parser` (lparser.c) with `llex.c`, minus code
 * generation.
 *
 * How it works (docs/parser.md has the measurements):
 * 1. `scan` (lexer.ts) reads the bytes once and makes the token stream: one
 *    character per token, values and lines in side arrays.
 * 2. Ohm matches the token string with grammar `LuaTokens` of grammar.ohm
 *    (the syntax of §9 with token rules overridden), and the semantics
 *    (semantics.ts) build the AST from the match.
 * 3. Only when Ohm fails, or when the chunk contains what the grammar alone
 *    does not check (`...` outside a vararg function, attributes, nesting
 *    deep enough for "C stack overflow"), the diagnoser (diagnose.ts) walks
 *    the tokens the way `lparser.c` does to find the error Lua reports
 *    first, with Lua's exact wording.
 * 4. A chunk nested deeper than the JS stack allows Ohm is matched on a
 *    child process with a big stack (deep.ts).
 *
 * Invariant: Ohm decides what is a Lua program and builds every AST; the
 * diagnoser never builds anything, it only names the error.
 *
 * Read next: `grammar.ohm`, then `lexer.ts`, `semantics.ts`, `diagnose.ts`.
 */

import type { Chunk, Statement } from './ast.ts';
import { scan } from './lexer.ts';
import { buildStatements, tokenGrammar } from './semantics.ts';
import { segmentStarts } from './segments.ts';
import type { TokenStream } from './tokens.ts';
import { diagnose } from './diagnose.ts';
import { parseOnBigStack } from './deep.ts';
import { LuaSyntaxError, withPosition } from './errors.ts';

export { LuaSyntaxError, chunkid } from './errors.ts';
export { astToJSON } from './json.ts';
export type { Chunk } from './ast.ts';

/** Options of `parse`. */
export interface ParseOptions {
  /**
   * Skip a first line that starts with `#` (and a UTF-8 byte-order mark),
   * as `luaL_loadfile` does for files. Default: true when the chunk name
   * starts with `@` (a file), false otherwise (`load` of a string).
   */
  skipFirstLine?: boolean;
  /**
   * C levels (`nCcalls`) already in use when parsing starts: the parser
   * fails with "C stack overflow" when this plus its nesting reaches 200
   * (LUAI_MAXCCALLS). Default 1, what `luac5.4 -p` has (so 196 nested
   * parentheses pass and 197 fail, as with luac); `load` called from a
   * main chunk run by `lua5.4` has 2.
   */
  cLevels?: number;
  /** @internal Called after each segment is matched (the benchmark measures the heap there). */
  onSegment?: () => void;
  /** @internal Set by deep-child.ts: already on a big stack. */
  onBigStack?: boolean;
}

/** Parse a chunk. `source` is a byte string (char codes 0–255). */
export function parse(source: string, chunkname: string, options: ParseOptions = {}): Chunk {
  const skipFirstLine = options.skipFirstLine ?? chunkname.startsWith('@');
  const tokens = scan(source, skipFirstLine ? firstLineEnd(source) : 0);
  const cLevels = options.cLevels ?? 1;
  const deep = tokens.maxDepth > DEEP_NESTING;
  if (tokens.error === undefined) {
    // Errors the grammar does not see come first if they come earlier.
    if (deep || needsChecks(tokens)) diagnose(tokens, source, chunkname, cLevels);
    if (deep && !options.onBigStack) return parseOnBigStack(source, chunkname, cLevels, skipFirstLine);
    try {
      const chunk = matchChunk(tokens, source, chunkname, options.onSegment);
      if (chunk) return chunk;
    } catch (e) {
      if (!(e instanceof RangeError) || options.onBigStack) throw e;
      return parseOnBigStack(source, chunkname, cLevels, skipFirstLine);
    }
  }
  diagnose(tokens, source, chunkname, cLevels);
  // The diagnoser found nothing where Ohm failed: a disagreement between the
  // grammar and the diagnoser, reported rather than hidden.
  throw new LuaSyntaxError(withPosition(chunkname, tokens.lastLine, 'syntax error (parser disagreement)'), tokens.lastLine);
}

/**
 * Bracket and block nesting beyond which the match runs on a big stack
 * (deep.ts); well below what the default stack holds, well above what
 * ordinary programs use.
 */
const DEEP_NESTING = 60;

/**
 * Match the chunk with Ohm segment by segment (segments.ts) and build its
 * AST; undefined if the grammar rejects it.
 */
function matchChunk(tokens: TokenStream, source: string, chunkname: string, onSegment?: () => void): Chunk | undefined {
  const starts = segmentStarts(tokens);
  const statements: Statement[] = [];
  for (let k = 0; k < starts.length; k++) {
    const first = starts[k];
    const end = k + 1 < starts.length ? starts[k + 1] : tokens.count;
    const match = tokenGrammar.match(tokens.codes.slice(first, end));
    if (match.failed()) return undefined;
    onSegment?.();
    const segment = buildStatements(match, tokens, source, first);
    // `return` ends a block: one before the last segment means an error.
    if (end < tokens.count && segment.length > 0 && segment[segment.length - 1].kind === 'Return') return undefined;
    for (const s of segment) statements.push(s);
  }
  const line = tokens.count > 0 ? tokens.lines[0] : tokens.lastLine;
  const lastLine = tokens.count > 0 ? tokens.lines[tokens.count - 1] : tokens.lastLine;
  return {
    kind: 'Chunk', chunkname, line, lastLine: tokens.lastLine,
    body: { kind: 'Block', statements, line, lastLine },
  };
}

/** Where the text after a skipped `#` line (and BOM) starts; the line end is kept. */
function firstLineEnd(source: string): number {
  let i = source.startsWith('\xEF\xBB\xBF') ? 3 : 0;
  if (source.charCodeAt(i) !== 35 /* # */) return i;
  while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
  return i;
}

/** Whether the chunk has constructs whose errors the grammar does not catch. */
function needsChecks(tokens: TokenStream): boolean {
  return tokens.hasVararg || tokens.codes.includes('n<n>') || tokens.maxOperatorRun > 60;
}
