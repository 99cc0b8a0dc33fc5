/**
 * # Deep nesting on a shallow stack: matching from the inside out
 *
 * Responsibility: parsing chunks nested as deep as Lua allows without
 * needing a deep JavaScript stack, in any JavaScript engine.
 *
 * The problem. Ohm matches by recursion: every rule application is a few
 * JS calls, and one level of Lua nesting — `f(`, `{`, `(`, `do`,
 * `function` — is a chain of rules (`Exp`, `UnaryExp`, `SimpleExp`,
 * `PrefixExp`, `Args`, ...). Building the AST recurses the same way. Lua
 * accepts nesting up to LUAI_MAXCCALLS (200) levels, but V8's default
 * stack (about 1 MB, and much the same in browsers) holds only some 70
 * levels of `f{f{f{...}}}` when the code is not yet optimised. The stack
 * size cannot be changed from inside a program, so the parser must not
 * need it.
 *
 * The idea. Whatever is nested inside an expression or a statement is
 * itself a whole expression or statement, so it can be matched first, on
 * its own (with `Exp` or `Stat` as Ohm's start rule), and its AST kept
 * aside. In the text around it, it then stands as a single placeholder
 * token: `e` for an expression, `S` for a statement, which grammar
 * `LuaTokens` accepts as a `SimpleExp` and as a `Stat`, and whose AST the
 * semantics take from the side table. Working from the innermost parts out,
 * no match ever sees more than a bounded depth of nesting, whatever the
 * depth of the chunk: the recursion is cut into slices, and the slices are
 * matched one after the other instead of one inside the other.
 *
 * Where to cut. The diagnoser (diagnose.ts), which walks the tokens
 * exactly as `lparser.c` does and must run on deep chunks anyway (for
 * "C stack overflow" and the other checks), marks the parts: every
 * expression or statement with `partLevels` or more levels nested inside
 * it, counting a part already marked as one level. Its walk is recursive
 * too, but with two or three small frames per level instead of dozens.
 * What a marked part holds is the span `lparser.c` reads for one `expr` or
 * one `statement`, which is what the grammar's `Exp` or `Stat` matches
 * there, so the AST is the one a single match would have built: a
 * placeholder in `(e)` builds `Paren` around the pre-parsed expression, as
 * `(x)` builds it around `x`. Lines come from the tokens a placeholder
 * stands for (`MatchInput.first`/`last`), so they do not change either.
 *
 * Cost: each token is matched once, in the part or text that holds it
 * directly; a chunk 200 levels deep makes a dozen or so small matches.
 *
 * Manual: none (an implementation limit); §3.3 and §3.4 define the
 * expressions and statements cut out. PUC-Rio counterpart: none;
 * `lparser.c` uses one C frame per level and a C stack sized for 200.
 *
 * Invariant: the input returned matches, segment by segment, to the AST
 * that matching the whole chunk at once would give on a stack big enough.
 *
 * Read next: `index.ts` (when this path is taken), `diagnose.ts` (`Part`).
 */

import type * as AST from './ast.ts';
import type { Part } from './diagnose.ts';
import { buildPart, tokenGrammar } from './semantics.ts';
import type { MatchInput } from './builder.ts';
import { PREPARSED_EXP, PREPARSED_STAT, type TokenStream } from './tokens.ts';

/** A part matched and built. */
interface Parsed extends Part {
  ast: AST.Expression | AST.Statement;
}

/**
 * Match and build every part (innermost first, as the diagnoser lists
 * them) and return the chunk's input with the outermost parts as
 * placeholders; undefined if Ohm rejects a part.
 */
export function preparse(tokens: TokenStream, source: string, parts: Part[]): MatchInput | undefined {
  // Parts built and not yet inside a bigger part, in the order of the text.
  const pending: Parsed[] = [];
  for (const part of parts) {
    // Those inside this part ended after it began: they are at the end.
    let k = pending.length;
    while (k > 0 && pending[k - 1].start >= part.start) k--;
    const input = withPlaceholders(tokens, part.start, part.end, pending.splice(k));
    const match = tokenGrammar.match(input.codes, part.rule);
    if (match.failed()) return undefined;
    pending.push({ ...part, ast: buildPart(match, tokens, source, input) });
  }
  return withPlaceholders(tokens, 0, tokens.count, pending);
}

/** Tokens `from` to `to - 1`, each of `inner` (in order, inside) replaced by its placeholder. */
function withPlaceholders(tokens: TokenStream, from: number, to: number, inner: Parsed[]): MatchInput {
  let length = to - from;
  for (const p of inner) length -= p.end - p.start - 1;
  const first = new Int32Array(length);
  const last = new Int32Array(length);
  const preparsed: MatchInput['preparsed'] = [];
  let codes = '';
  let i = from; // next token to copy
  let j = 0;    // next position of the input
  const copyUpTo = (end: number): void => {
    codes += tokens.codes.slice(i, end);
    for (; i < end; i++, j++) first[j] = last[j] = i;
  };
  for (const p of inner) {
    copyUpTo(p.start);
    codes += p.rule === 'Exp' ? PREPARSED_EXP : PREPARSED_STAT;
    first[j] = p.start;
    last[j] = p.end - 1;
    preparsed[j++] = p.ast;
    i = p.end;
  }
  copyUpTo(to);
  return { codes, first, last, preparsed };
}
