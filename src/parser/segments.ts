/**
 * # Feeding Ohm statement by statement
 *
 * Responsibility: cutting the token stream of a chunk into segments that
 * each hold whole top-level statements, so that Ohm matches one segment at
 * a time. Ohm memoizes every rule application at every position of its
 * input; on a whole 1 MB chunk that memo table holds about a kilobyte per
 * source byte and the garbage collector spends a third of the time on it.
 * Matched segment by segment, the table never outgrows one segment and is
 * dropped after it.
 *
 * Manual: §3.3.1 (a chunk is a sequence of statements). PUC-Rio
 * counterpart: none (lparser.c does not memoize).
 *
 * Where a cut is safe: after an `end` that closes everything opened since
 * the start of the chunk (blocks and brackets), when the next token can only
 * begin a statement (a name, `(`, `;`, `::` or a statement keyword). Such an
 * `end` finishes either a top-level statement or a function literal that no
 * binary operator follows, so in a valid chunk the cut falls between two
 * statements. If a chunk is invalid a segment fails to match, and the
 * diagnoser then examines the whole chunk, so a cut never changes which
 * error is reported.
 *
 * Invariant: segments are contiguous, in order, and cover every token.
 *
 * Read next: `index.ts`.
 */


/** Segments shorter than this are joined to the next, to save per-match overhead. */
const MIN_SEGMENT_TOKENS = 100;

const code = (c: string): number => c.charCodeAt(0);
const END = code('Z');
const OPENERS = new Set(['U', 'D', 'I', 'P', '(', '[', '{'].map(code)); // function do if repeat
const CLOSERS = new Set(['Z', 'Q', ')', ']', '}'].map(code)); // end until
// A name, `(`, `;`, `::`, a statement keyword, or a pre-parsed statement (nested.ts).
const STATEMENT_START = new Set(['n', '(', ';', 'k', 'L', 'U', 'I', 'W', 'O', 'D', 'T', 'P', 'G', 'B', 'S'].map(code));

/**
 * Start of each segment of `codes` (a `TokenStream`'s, or a `MatchInput`'s
 * with pre-parsed parts, which hold no unbalanced bracket or block); the
 * last segment ends at the end of `codes`.
 */
export function segmentStarts({ codes }: { codes: string }): number[] {
  const count = codes.length;
  const starts = [0];
  let depth = 0;
  let segmentStart = 0;
  for (let i = 0; i < count; i++) {
    const c = codes.charCodeAt(i);
    if (OPENERS.has(c)) depth++;
    else if (CLOSERS.has(c)) {
      depth--;
      if (c === END && depth === 0 && i + 1 < count && i + 1 - segmentStart >= MIN_SEGMENT_TOKENS &&
          STATEMENT_START.has(codes.charCodeAt(i + 1))) {
        segmentStart = i + 1;
        starts.push(segmentStart);
      }
    }
  }
  return starts;
}
