/**
 * # Lua patterns
 *
 * Responsibility: the public face of the pattern cores (manual §6.4.1):
 * `find`, `match`, `gmatch`, `gsub` and the types they use.
 *
 * PUC-Rio counterpart: the pattern-matching half of lstrlib.c.
 *
 * Invariant: nothing here touches the VM; errors are `LibError`s.
 *
 * Read next: `functions.ts`, then `matcher.ts` and `classes.ts`.
 */

export { find, match, gmatch, gsub, startPosition } from './functions.ts';
export type { CaptureValue, FindResult, Replacement } from './functions.ts';
export { MatchState, MAXCCALLS, MAXCAPTURES } from './matcher.ts';
