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
 *    (the syntax of §9 with token rules overridden), segment by segment
 *    (segments.ts), and the semantics (semantics.ts) build the AST from
 *    each match.
 * 3. Only when Ohm fails, or when the chunk contains what the grammar alone
 *    does not check (`...` outside a vararg function, attributes, nesting
 *    deep enough for "C stack overflow"), the diagnoser (diagnose.ts) walks
 *    the tokens the way `lparser.c` does to find the error Lua reports
 *    first, with Lua's exact wording.
 * 4. A chunk nested deeper than `SHALLOW_NESTING` brackets and blocks is
 *    matched from the inside out (nested.ts): its deep expressions and
 *    statements are matched first, on their own, so that no match nests
 *    deeper than the JS stack allows. The diagnoser, which runs first on
 *    such chunks, says where to cut.
 *
 * Invariant: Ohm decides what is a Lua program and builds every AST; the
 * diagnoser never builds anything, it only names the error (and, for a
 * deep chunk, where to cut it).
 *
 * Read next: `grammar.ohm`, then `lexer.ts`, `semantics.ts`, `diagnose.ts`,
 * `nested.ts`.
 */

import type { Chunk, Statement } from './ast.ts';
import { scan } from './lexer.ts';
import { buildStatements, tokenGrammar } from './semantics.ts';
import { plainInput, type MatchInput } from './builder.ts';
import { segmentStarts } from './segments.ts';
import type { TokenStream } from './tokens.ts';
import { diagnose } from './diagnose.ts';
import { preparse } from './nested.ts';
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
  /**
   * @internal Take the nested path (nested.ts) whatever the depth, with
   * parts this many levels deep: the specs check that it builds the same
   * AST as one match of the whole chunk.
   */
  partLevels?: number;
}

/** Parse a chunk. `source` is a byte string (char codes 0–255). */
export function parse(source: string, chunkname: string, options: ParseOptions = {}): Chunk {
  const skipFirstLine = options.skipFirstLine ?? chunkname.startsWith('@');
  const tokens = scan(source, skipFirstLine ? firstLineEnd(source) : 0);
  const cLevels = options.cLevels ?? 1;
  if (tokens.error === undefined) {
    const p: Parse = { tokens, source, chunkname, cLevels, onSegment: options.onSegment };
    const chunk = options.partLevels !== undefined ? parseNested(p, options.partLevels)
      : tokens.maxDepth > SHALLOW_NESTING ? parseDeep(p) : parseShallow(p);
    if (chunk) return chunk;
  }
  diagnose(tokens, source, chunkname, cLevels);
  // The diagnoser found nothing where Ohm failed: a disagreement between the
  // grammar and the diagnoser, reported rather than hidden.
  throw new LuaSyntaxError(withPosition(chunkname, tokens.lastLine, 'syntax error (parser disagreement)'), tokens.lastLine);
}

/**
 * Bracket and block nesting up to which Ohm matches a chunk in one go. At
 * most about 70 levels of the costliest construct (`f{f{...}}`) fit in
 * V8's default stack before the code is optimised; this leaves room for
 * the caller's frames, and is more than ordinary programs use.
 */
const SHALLOW_NESTING = 24;

/**
 * Levels of Lua nesting (as `lparser.c` counts them) that one match of the
 * nested path may hold: a quarter of what the stack takes at worst.
 */
const PART_LEVELS = 16;

/**
 * The same, when a match ran out of stack anyway (`load` called with most
 * of the stack already in use): smaller slices.
 */
const PART_LEVELS_LOW_STACK = 4;

/** One parse: the scanned chunk and what the matching needs to know. */
interface Parse {
  tokens: TokenStream;
  source: string;
  chunkname: string;
  cLevels: number;
  onSegment?: () => void;
}

/** Match the chunk as it is; undefined if the grammar rejects it. */
function parseShallow(p: Parse): Chunk | undefined {
  // Errors the grammar does not see come first if they come earlier.
  if (needsChecks(p.tokens)) diagnose(p.tokens, p.source, p.chunkname, p.cLevels);
  try {
    return matchChunk(p, plainInput(p.tokens));
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return parseNested(p, PART_LEVELS_LOW_STACK);
  }
}

/** Match a deep chunk from the inside out; undefined if the grammar rejects it. */
function parseDeep(p: Parse): Chunk | undefined {
  try {
    return parseNested(p, PART_LEVELS);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return parseNested(p, PART_LEVELS_LOW_STACK);
  }
}

/** Match the chunk from the inside out (nested.ts); undefined if the grammar rejects it. */
function parseNested(p: Parse, partLevels: number): Chunk | undefined {
  const parts = diagnose(p.tokens, p.source, p.chunkname, p.cLevels, partLevels);
  const input = preparse(p.tokens, p.source, parts);
  return input && matchChunk(p, input);
}

/**
 * Match the chunk's input (its tokens, or tokens and placeholders of
 * pre-parsed parts) with Ohm segment by segment (segments.ts) and build its
 * AST; undefined if the grammar rejects it.
 */
function matchChunk({ tokens, source, chunkname, onSegment }: Parse, input: MatchInput): Chunk | undefined {
  const starts = segmentStarts(input);
  const length = input.codes.length;
  const statements: Statement[] = [];
  for (let k = 0; k < starts.length; k++) {
    const first = starts[k];
    const end = k + 1 < starts.length ? starts[k + 1] : length;
    const match = tokenGrammar.match(input.codes.slice(first, end));
    if (match.failed()) return undefined;
    onSegment?.();
    const segment = buildStatements(match, tokens, source, input, first);
    // `return` ends a block: one before the last segment means an error.
    if (end < length && segment.length > 0 && segment[segment.length - 1].kind === 'Return') return undefined;
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
