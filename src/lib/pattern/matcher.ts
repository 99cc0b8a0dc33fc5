/**
 * # The pattern matcher
 *
 * Responsibility: matching a Lua pattern against a subject at one position,
 * recording captures; the backtracking engine under `string.find`,
 * `string.match`, `string.gmatch` and `string.gsub`.
 *
 * Manual: §6.4.1 (Patterns: items, captures, `%b`, `%f`, back-references).
 *
 * PUC-Rio counterpart: `MatchState` and `match` (with `max_expand`,
 * `min_expand`, `start_capture`, `end_capture`, `matchbalance`) in
 * lstrlib.c.
 *
 * Invariants:
 * - `match` recurses only where it must keep a choice point (captures,
 *   `*`, `+`, `-`, `?`); a plain item continues in a loop. Each nested
 *   call spends one unit of `depth`, and running out raises "pattern too
 *   complex" exactly where PUC-Rio's MAXCCALLS (200) does, so JS never
 *   sees a deep stack.
 * - A capture's `len` is its length once closed, `CAP_UNFINISHED` while
 *   open, `CAP_POSITION` for `()`. Failed alternatives undo their captures.
 *
 * Read next: `functions.ts` (find, match, gmatch and gsub on top of this).
 */

import { LibError } from '../lib-error.ts';
import { L_ESC, byteAt, classEnd, matchBracketClass, singleMatch } from './classes.ts';

/** PUC-Rio's MAXCCALLS: how deeply the matcher may nest. */
export const MAXCCALLS = 200;
/** PUC-Rio's LUA_MAXCAPTURES. */
export const MAXCAPTURES = 32;

const CAP_UNFINISHED = -1;
const CAP_POSITION = -2;

/** A capture value: a substring, or a 1-based position for `()`. */
export type CaptureValue = string | number;

/** No match at this point. */
const FAIL = -1;

/**
 * One match of a pattern against a subject (PUC-Rio's MatchState): the
 * captures found so far and the recursion budget. `find`, `match`, `gmatch`
 * and `gsub` make one and call its matcher at each start position.
 */
export class MatchState {
  /** Number of captures opened so far (open or closed). */
  level = 0;
  /** Remaining nesting budget of `match`. */
  depth = MAXCCALLS;
  /** Where each capture starts in the subject (0-based). */
  readonly captureStart: number[] = [];
  /** Each capture's length once closed; CAP_UNFINISHED while open, CAP_POSITION for `()`. */
  readonly captureLen: number[] = [];

  /**
   * @param subject - The string searched (bytes).
   * @param pattern - The pattern, in Lua's pattern syntax (§6.4.1).
   */
  constructor(
    readonly subject: string,
    readonly pattern: string,
  ) {}

  /** Reset before each new attempt (PUC-Rio's `reprepstate`). */
  reset(): void {
    this.level = 0;
    this.depth = MAXCCALLS;
  }

  /**
   * Match the pattern from index `p` against the subject from index `s`;
   * returns the index where the match ends, or -1.
   */
  match(s: number, p: number): number {
    if (this.depth-- === 0) throw new LibError('pattern too complex');
    const pattern = this.pattern;
    const pEnd = pattern.length;
    for (;;) {
      if (p === pEnd) break;
      const c = pattern.charCodeAt(p);
      if (c === 0x28 /* ( */) {
        s = byteAt(pattern, p + 1) === 0x29 /* ) */
          ? this.startCapture(s, p + 2, CAP_POSITION)
          : this.startCapture(s, p + 1, CAP_UNFINISHED);
        break;
      }
      if (c === 0x29 /* ) */) {
        s = this.endCapture(s, p + 1);
        break;
      }
      if (c === 0x24 /* $ */ && p + 1 === pEnd) {
        // `$` anchors only as the last byte of the pattern.
        if (s !== this.subject.length) s = FAIL;
        break;
      }
      if (c === L_ESC) {
        const next = byteAt(pattern, p + 1);
        if (next === 0x62 /* b */) {
          s = this.matchBalance(s, p + 2);
          if (s === FAIL) break;
          p += 4;
          continue;
        }
        if (next === 0x66 /* f */) {
          p += 2;
          if (byteAt(pattern, p) !== 0x5b /* [ */) {
            throw new LibError("missing '[' after '%f' in pattern");
          }
          const ep = classEnd(pattern, p);
          // The frontier sits between a byte outside the set and one in it;
          // the subject is bounded by NULs on both sides.
          const previous = s === 0 ? 0 : this.subject.charCodeAt(s - 1);
          const current = byteAt(this.subject, s);
          if (!matchBracketClass(previous, pattern, p, ep - 1) &&
              matchBracketClass(current, pattern, p, ep - 1)) {
            p = ep;
            continue;
          }
          s = FAIL;
          break;
        }
        if (next >= 0x30 && next <= 0x39) {
          s = this.matchBackReference(s, next);
          if (s === FAIL) break;
          p += 2;
          continue;
        }
      }
      // A single-character item with an optional quantifier.
      const ep = classEnd(pattern, p);
      const suffix = byteAt(pattern, ep);
      if (!singleMatch(this.subject, s, pattern, p, ep)) {
        if (suffix === 0x2a /* * */ || suffix === 0x3f /* ? */ || suffix === 0x2d /* - */) {
          p = ep + 1; // zero repetitions are acceptable
          continue;
        }
        s = FAIL;
        break;
      }
      if (suffix === 0x3f /* ? */) {
        const res = this.match(s + 1, ep + 1);
        if (res !== FAIL) {
          s = res;
          break;
        }
        p = ep + 1;
        continue;
      }
      if (suffix === 0x2b /* + */) {
        s = this.maxExpand(s + 1, p, ep);
        break;
      }
      if (suffix === 0x2a /* * */) {
        s = this.maxExpand(s, p, ep);
        break;
      }
      if (suffix === 0x2d /* - */) {
        s = this.minExpand(s, p, ep);
        break;
      }
      s++;
      p = ep;
    }
    this.depth++;
    return s;
  }

  /** Greedy repetition: take as many as possible, then give back one by one. */
  private maxExpand(s: number, p: number, ep: number): number {
    let i = 0;
    while (singleMatch(this.subject, s + i, this.pattern, p, ep)) i++;
    for (; i >= 0; i--) {
      const res = this.match(s + i, ep + 1);
      if (res !== FAIL) return res;
    }
    return FAIL;
  }

  /** Lazy repetition: try the rest first, then one more repetition. */
  private minExpand(s: number, p: number, ep: number): number {
    for (;;) {
      const res = this.match(s, ep + 1);
      if (res !== FAIL) return res;
      if (!singleMatch(this.subject, s, this.pattern, p, ep)) return FAIL;
      s++;
    }
  }

  private startCapture(s: number, p: number, what: number): number {
    const level = this.level;
    if (level >= MAXCAPTURES) throw new LibError('too many captures');
    this.captureStart[level] = s;
    this.captureLen[level] = what;
    this.level = level + 1;
    const res = this.match(s, p);
    if (res === FAIL) this.level--;
    return res;
  }

  private endCapture(s: number, p: number): number {
    const l = this.captureToClose();
    this.captureLen[l] = s - this.captureStart[l]!;
    const res = this.match(s, p);
    if (res === FAIL) this.captureLen[l] = CAP_UNFINISHED;
    return res;
  }

  /** The innermost capture still open: the one a `)` closes. */
  private captureToClose(): number {
    for (let level = this.level - 1; level >= 0; level--) {
      if (this.captureLen[level] === CAP_UNFINISHED) return level;
    }
    throw new LibError('invalid pattern capture');
  }

  /** `%bxy`: a balanced run from `x` to its matching `y`. */
  private matchBalance(s: number, p: number): number {
    const pattern = this.pattern;
    if (p >= pattern.length - 1) {
      throw new LibError("malformed pattern (missing arguments to '%b')");
    }
    const subject = this.subject;
    const open = pattern.charCodeAt(p);
    const close = pattern.charCodeAt(p + 1);
    if (byteAt(subject, s) !== open) return FAIL;
    let depth = 1;
    while (++s < subject.length) {
      const c = subject.charCodeAt(s);
      if (c === close) {
        if (--depth === 0) return s + 1;
      } else if (c === open) {
        depth++;
      }
    }
    return FAIL;
  }

  /** `%1`..`%9` in a pattern: the same bytes as a closed capture. */
  private matchBackReference(s: number, digit: number): number {
    const l = digit - 0x31;
    if (l < 0 || l >= this.level || this.captureLen[l] === CAP_UNFINISHED) {
      throw new LibError(`invalid capture index %${l + 1}`);
    }
    const len = this.captureLen[l]!;
    const start = this.captureStart[l]!;
    // A position capture has no bytes to repeat; PUC-Rio's unsigned length
    // comparison makes such a back-reference always fail.
    if (len === CAP_POSITION) return FAIL;
    if (this.subject.length - s >= len &&
        this.subject.startsWith(this.subject.slice(start, start + len), s)) {
      return s + len;
    }
    return FAIL;
  }

  /**
   * The value of capture `i` (0-based) for a match from `s` to `e`: with no
   * captures at all, capture 0 is the whole match. Raises the errors of
   * PUC-Rio's `get_onecapture`.
   */
  capture(i: number, s: number, e: number): CaptureValue {
    if (i >= this.level) {
      if (i !== 0) throw new LibError(`invalid capture index %${i + 1}`);
      return this.subject.slice(s, e);
    }
    const len = this.captureLen[i]!;
    const start = this.captureStart[i]!;
    if (len === CAP_UNFINISHED) throw new LibError('unfinished capture');
    if (len === CAP_POSITION) return start + 1;
    return this.subject.slice(start, start + len);
  }

  /**
   * All captures of a match from `s` to `e`; the whole match when the
   * pattern has none and `wholeIfNone` (find returns no captures then).
   */
  captures(s: number, e: number, wholeIfNone: boolean): CaptureValue[] {
    const n = this.level === 0 && wholeIfNone ? 1 : this.level;
    const out: CaptureValue[] = [];
    for (let i = 0; i < n; i++) out.push(this.capture(i, s, e));
    return out;
  }
}
