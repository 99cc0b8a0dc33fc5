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
  /** Marking: a step takes gray objects, traverses them and paints them black. */
  PROPAGATE = 0,
  /** The gray list is empty: the next step runs the atomic phase. */
  ENTERATOMIC = 1,
  /** Marking finished in one go: roots again, gray-again objects, ephemerons, weak tables, finalizers chosen. */
  ATOMIC = 2,
  /** Sweeping the all-objects list: white objects are unlinked (freed), the others turn the new white. */
  SWEEPALLGC = 3,
  /** Sweeping the objects with finalizers (in lucid, already swept with the rest). */
  SWEEPFINOBJ = 4,
  /** Sweeping the objects waiting for their finalizer (likewise). */
  SWEEPTOBEFNZ = 5,
  /** The sweep is over (stress mode poisons the freed objects here). */
  SWEEPEND = 6,
  /** Running pending finalizers, a few per step. */
  CALLFIN = 7,
  /** Between cycles: the next step starts a cycle by marking the roots. */
  PAUSE = 8,
}

/** Phase names as `T.gcstate` and the GC log print them. */
export const PHASE_NAMES = [
  'propagate', 'enteratomic', 'atomic', 'sweepallgc', 'sweepfinobj', 'sweeptobefnz',
  'sweepend', 'callfin', 'pause',
];
