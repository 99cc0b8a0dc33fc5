/**
 * # The phases of a collection cycle
 *
 * Responsibility: naming the phases the incremental collector goes
 * through, in order, and how the log and `T.gcstate` print them. A leaf of
 * the collector: every other module of `src/gc/` may import it.
 *
 * Manual: §2.5.1 (incremental mode). PUC-Rio counterpart: the `GCS*`
 * states of `lgc.h`.
 *
 * Invariant: the order matters — code compares phases (`phase <=
 * ATOMIC` means "marking is under way", SWEEPALLGC..SWEEPEND "sweeping").
 *
 * Read next: `incremental.ts` (what happens in each phase), `heap.ts`.
 */

/** The phases of a cycle, in order (PUC-Rio's GCS* states). */
export const enum Phase {
  PROPAGATE = 0,
  ENTERATOMIC = 1,
  ATOMIC = 2,
  SWEEPALLGC = 3,
  SWEEPFINOBJ = 4,
  SWEEPTOBEFNZ = 5,
  SWEEPEND = 6,
  CALLFIN = 7,
  PAUSE = 8,
}

/** Phase names as `T.gcstate` and the GC log print them. */
export const PHASE_NAMES = [
  'propagate', 'enteratomic', 'atomic', 'sweepallgc', 'sweepfinobj', 'sweeptobefnz',
  'sweepend', 'callfin', 'pause',
];
