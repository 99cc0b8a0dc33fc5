/**
 * # The incremental collector: the phases of a cycle
 *
 * Responsibility: the state machine of a collection cycle and the pacing
 * that interleaves it with the program. One cycle, phase by phase:
 *
 * 1. **pause** — nothing to do until the debt says memory grew enough;
 *    then mark the roots (registry, globals, main thread, type metatables,
 *    the host's values) and go on.
 * 2. **propagate** — traverse gray objects a few at a time, painting them
 *    black; the program runs in between, guarded by the write barriers.
 * 3. **atomic** — in one go: traverse the roots, threads and barriered
 *    tables again, settle the ephemerons, clear weak entries whose values
 *    died, set apart the dead objects with finalizers and resurrect them,
 *    clear weak entries whose keys died, and swap the whites.
 * 4. **sweep** — walk the all-objects list a few objects at a time,
 *    unlinking the dead (old white) and whitening the living.
 * 5. **call finalizers** — a few `__gc` calls per step; then pause again.
 *
 * Pacing (PUC-Rio 5.4's incremental mode): allocation adds to `debt`; at a
 * safe point with a positive debt, a step (`incrementalStep`) does work in
 * proportion to the debt (`stepmul`) and then allows `2^stepsize` bytes
 * before the next step. When a cycle ends, the next one waits until memory
 * in use reaches `pause`% of what the cycle found alive.
 *
 * Generational mode (`generational.ts`) reuses the atomic phase, the
 * sweep's start and the log of this module; `collector.ts` chooses which
 * mode takes a step. The modules depend on each other in that order only:
 * collector → generational → incremental.
 *
 * Manual: §2.5, §2.5.1. PUC-Rio counterpart: `lgc.c` (`singlestep`,
 * `atomic`, `incstep`, `setpause`, `entersweep`).
 *
 * Invariant: the collector is at exactly one phase (`h.phase`); a sweep
 * position exists (`h.sweepCursor`) exactly while the phase is SWEEPALLGC.
 *
 * Read next: `mark.ts`, `sweep.ts`, `finalize.ts`, `generational.ts`,
 * `collector.ts`, docs/gc.md.
 */
import type { GlobalState, LuaThread } from '../object/objects.ts';
import { WHITES, COLOURS, AGAIN, AGES, BLACK, FIXED, SIZE, stringSize, type GCObject } from '../value/collectable.ts';
import { LuaTable } from '../value/table.ts';
import { Phase, PHASE_NAMES } from './phase.ts';
import type { Heap } from './heap.ts';
import { markValue, propagateAll, propagateOne, traverseEphemeron, isCleared, genLink } from './mark.ts';
import { startSweep, sweepStep, poisonFreed } from './sweep.ts';
import { separateUnreached, markBeingFinalized, callPending } from './finalize.ts';

/** Objects a sweep step looks at (PUC-Rio's GCSWEEPMAX). */
const SWEEP_MAX = 100;
/** Finalizers a step calls. */
const FIN_MAX = 10;
/** A unit of sweep or finalizer work, in bytes of traversal (PUC-Rio's GCSWEEPCOST, GCFINCOST). */
const SWEEP_COST = 16;
const FIN_COST = 16 * 50;

/** Bytes as the log shows them. */
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)}KB`;

/** One line of the GC log: what happened (`name`), memory in use, details. */
export function logLine(h: Heap, name: string, details = ''): void {
  if (h.log !== undefined) h.log(`[gc] ${name.padEnd(12)} total=${kb(h.total)}${details && ' ' + details}`);
}

/** One log line per phase change, and a summary when a cycle ends. */
export function enter(h: Heap, phase: Phase): void {
  h.phase = phase;
  if (h.log === undefined) return;
  const w = h.work;
  let details = '';
  if (phase === Phase.SWEEPALLGC) {
    details = `traversed=${kb(w.traversed)} alive=${kb(h.estimate)} (allocated since the last cycle: ${kb(w.allocated)})`;
  }
  if (phase === Phase.CALLFIN) details = `freed=${w.freed} objects (${kb(w.freedBytes)})`;
  if (phase === Phase.PAUSE) {
    details = `cycle ${h.cycles} done: ${kb(w.startTotal)} -> ${kb(h.total)}, ${w.finalized} finalizers`;
  }
  logLine(h, PHASE_NAMES[phase], details);
}

/** Reset the per-cycle counters of the log. */
export function startCounting(h: Heap): void {
  h.work = { traversed: 0, blackened: 0, swept: 0, allocated: 0, freed: 0, freedBytes: 0, finalized: 0, startTotal: h.total };
}

/** Mark the roots: everything Lua can reach without going through another object. */
function markRoots(G: GlobalState): void {
  const h = G.heap;
  markValue(h, G.mainThread);
  markValue(h, G.globals);
  for (const v of G.registry.values()) markValue(h, v);
  for (const mt of G.typeMetatables.values()) markValue(h, mt);
  for (const o of h.hostRoots.keys()) markValue(h, o);
  markValue(h, h.atThread);
}

/** Start a cycle: empty the gray lists and mark the roots. */
function restart(G: GlobalState): void {
  const h = G.heap;
  for (const o of h.grayagain) o.marked &= ~AGAIN;   // left over from barriers during the last sweep
  h.gray.length = 0; h.grayagain.length = 0;
  h.markedBytes = 0;
  h.weak.length = 0; h.ephemeron.length = 0; h.allweak.length = 0;
  startCounting(h);
  markRoots(G);
  enter(h, Phase.PROPAGATE);
}

/** Traverse the ephemeron tables until none marks anything new. */
function convergeEphemerons(h: Heap): void {
  for (;;) {
    const tables = h.ephemeron;
    h.ephemeron = [];
    let changed = false;
    for (const t of tables) {
      if (traverseEphemeron(h, t as LuaTable).marked) {
        propagateAll(h);
        changed = true;
      }
      if (t.marked & BLACK) genLink(h, t);   // settled (generational mode: maybe touched)
    }
    if (!changed) return;
  }
}

/** The bytes an entry of a table costs (what traverseTable counted for it). */
function entrySize(k: unknown, v: unknown): number {
  return SIZE.hashNode + (typeof k === 'string' ? stringSize(k) : 0) + (typeof v === 'string' ? stringSize(v) : 0);
}

/** Remove an entry found dead, and its bytes from the table's measure. */
function dropEntry(h: Heap, t: LuaTable, k: unknown, v: unknown): void {
  const bytes = entrySize(k, v);
  t.gcsize -= bytes;
  h.markedBytes -= bytes;
  t.hash.delete(k as never);
}

/** Drop the entries of weak tables whose value is a dead object (from index `from` of each list). */
function clearByValues(h: Heap, tables: GCObject[], from: number): void {
  for (let i = from; i < tables.length; i++) {
    const t = tables[i] as LuaTable;
    const a = t.array;
    for (let k = a.length; k >= 1; k--) if (isCleared(a[k - 1])) t.setInt(k, undefined);
    for (const [k, v] of t.hash) if (isCleared(v)) dropEntry(h, t, k, v);
  }
}

/** Drop the entries of weak tables whose key is a dead object. */
function clearByKeys(h: Heap, tables: GCObject[]): void {
  for (const o of tables) {
    const t = o as LuaTable;
    for (const [k, v] of t.hash) if (isCleared(k)) dropEntry(h, t, k, v);
  }
}

/** The atomic phase (see the module comment); returns the work done. */
export function atomic(G: GlobalState): number {
  const h = G.heap;
  enter(h, Phase.ATOMIC);
  let work = 0;
  markRoots(G);
  work += propagateAll(h);
  const again = h.grayagain;
  h.grayagain = [];
  for (const o of again) markAgain(h, o);
  work += propagateAll(h);
  convergeEphemerons(h);
  // weak values die before finalizers can resurrect them
  clearByValues(h, h.weak, 0);
  clearByValues(h, h.allweak, 0);
  const weakBefore = h.weak.length, allweakBefore = h.allweak.length;
  separateUnreached(h, false);
  markBeingFinalized(h);
  work += propagateAll(h);
  convergeEphemerons(h);
  // keys of resurrected objects stay; other dead keys go
  clearByKeys(h, h.ephemeron);
  clearByKeys(h, h.allweak);
  clearByValues(h, h.weak, weakBefore);
  clearByValues(h, h.allweak, allweakBefore);
  h.currentWhite ^= WHITES;   // from now on, the old white means dead
  // memory in use is now what marking found alive (allocations since add to it)
  h.work.allocated = h.loose;
  h.loose = 0;
  h.total = h.estimate = h.markedBytes;
  return work;
}

/** Put a gray-again object back on the gray list (it is gray: markValue would skip it). */
function markAgain(h: Heap, o: GCObject): void {
  h.gray.push(o);
}

/** One unit of collector work; returns its size in bytes. */
function singleStep(G: GlobalState, L: LuaThread): number {
  const h = G.heap;
  switch (h.phase) {
    case Phase.PAUSE:
      restart(G);
      return 1;
    case Phase.PROPAGATE:
      if (h.gray.length === 0) { enter(h, Phase.ENTERATOMIC); return 1; }
      {
        const n = propagateOne(h);
        h.work.traversed += n;
        h.work.blackened++;
        return n;
      }
    case Phase.ENTERATOMIC:
    case Phase.ATOMIC: {
      const work = atomic(G);
      h.work.traversed += work;
      enterSweep(h);
      return work;
    }
    case Phase.SWEEPALLGC: {
      const n = sweepStep(h, h.sweepCursor!, SWEEP_MAX);
      h.work.swept += n;
      if (n === 0) enter(h, Phase.SWEEPFINOBJ);
      return n * SWEEP_COST;
    }
    case Phase.SWEEPFINOBJ:   // objects with finalizers are on allgc too: swept already
      enter(h, Phase.SWEEPTOBEFNZ);
      return 1;
    case Phase.SWEEPTOBEFNZ:
      enter(h, Phase.SWEEPEND);
      return 1;
    case Phase.SWEEPEND:
      poisonFreed(h);
      h.sweepCursor = undefined;
      enter(h, Phase.CALLFIN);
      return 1;
    case Phase.CALLFIN:
      if (h.tobefnz.length > 0) {
        const n = callPending(L, h, FIN_MAX);
        h.work.finalized += n;
        return n * FIN_COST;
      }
      h.cycles++;
      enter(h, Phase.PAUSE);
      return 1;
  }
}

/** Start the incremental sweep of the all-objects list. */
export function enterSweep(h: Heap): void {
  h.sweepCursor = startSweep(h);
  enter(h, Phase.SWEEPALLGC);
}

/** Set the threshold for the next cycle: `pause`% of the memory found alive. */
export function setPause(h: Heap): void {
  const threshold = h.estimate / 100 * h.pause;
  h.debt = Math.max(Math.min(h.total - threshold, 0), h.total - h.limit);
}

/** Run cycle phases until the collector reaches `phase`. */
export function runUntil(G: GlobalState, L: LuaThread, phase: Phase): void {
  const h = G.heap;
  while (h.phase !== phase) singleStep(G, L);
}

/** Work done for one step of allocation debt (PUC-Rio's incstep). */
export function incrementalStep(G: GlobalState, L: LuaThread): void {
  const h = G.heap;
  const stepBytes = 2 ** Math.min(h.stepsize, 50);
  // work to do now, in bytes traversed: the debt plus one step, times
  // stepmul (PUC-Rio counts stepmul units of work per 16 bytes allocated,
  // a unit being about one 16-byte slot: the same ratio in bytes)
  let budget = (Math.max(h.debt, 0) + stepBytes) * (h.stepmul | 1);
  const before = h.logSteps ? stepCounters(h) : undefined;
  do {
    budget -= singleStep(G, L);
  } while (budget > 0 && h.phase !== Phase.PAUSE);
  if (h.phase === Phase.PAUSE) setPause(h);
  else h.debt = Math.max(-stepBytes, h.total - h.limit);   // the next step after this much allocation
  if (before !== undefined) logStep(h, before);
}

/** What the step log compares before and after a step. */
interface StepCounters { counters: object; phase: Phase; cycle: number; work: number; black: number; gray: number; swept: number; freed: number }

function stepCounters(h: Heap): StepCounters {
  const w = h.work;
  return { counters: w, phase: h.phase, cycle: h.cycles, work: w.traversed, black: w.blackened, gray: h.gray.length, swept: w.swept, freed: w.freed };
}

/**
 * One line per incremental step (LUCID_GC_LOG=steps): the phases it went
 * through, the bytes it traversed, and how many objects it turned black
 * (traversed), turned gray (newly reached: the gray list grew by them
 * while losing the ones turned black), looked at in the sweep and freed. The counters are per
 * cycle (`startCounting` replaces them when a cycle starts), so a step that
 * starts a new cycle reports what it did from that start.
 */
function logStep(h: Heap, b: StepCounters): void {
  const a = stepCounters(h);
  const same = a.counters === b.counters;
  const black = same ? a.black - b.black : a.black;
  const gray = Math.max(0, a.gray - (same ? b.gray : 0) + black);
  const freed = same ? a.freed - b.freed : a.freed;
  const swept = same ? a.swept - b.swept : a.swept;
  const work = same ? a.work - b.work : a.work;
  const phases = a.cycle !== b.cycle ? `${PHASE_NAMES[b.phase]}->${PHASE_NAMES[a.phase]} (cycle ${a.cycle} ended)`
    : a.phase === b.phase ? PHASE_NAMES[a.phase] : `${PHASE_NAMES[b.phase]}->${PHASE_NAMES[a.phase]}`;
  logLine(h, 'step', `${phases} traversed=${kb(work)} gray+${gray} black+${black} swept=${swept} freed=${freed} (gray list ${a.gray})`);
}

/**
 * A full collection in incremental mode: finish the cycle under way
 * without keeping what it already marked, then run a whole cycle and its
 * finalizers (PUC-Rio's fullinc).
 */
export function fullInc(G: GlobalState, L: LuaThread): void {
  const h = G.heap;
  if (h.phase <= Phase.ATOMIC) {
    // marks of a partial cycle would keep garbage alive: drop them
    whitenAll(h);
    enter(h, Phase.SWEEPEND);
  }
  runUntil(G, L, Phase.PAUSE);
  runUntil(G, L, Phase.CALLFIN);
  runUntil(G, L, Phase.PAUSE);
  setPause(h);
}

/** Paint every object the current white and NEW (abandoning a partial marking, or generational mode). */
export function whitenAll(h: Heap): void {
  for (let o = h.allgc; o !== undefined; o = o.gcnext) {
    // a fixed object is never white: whitened, marking would attach it to the list again
    if (o.marked & FIXED) continue;
    o.marked = (o.marked & ~(COLOURS | AGAIN | AGES)) | h.currentWhite;
  }
  h.gray.length = 0; h.grayagain.length = 0;
  h.weak.length = 0; h.ephemeron.length = 0; h.allweak.length = 0;
}
