/**
 * # The incremental collector: phases, steps and full collections
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
 * safe point with a positive debt, `step` does work in proportion to the
 * debt (`stepmul`) and then allows `2^stepsize` bytes before the next
 * step. When a cycle ends, the next one waits until memory in use reaches
 * `pause`% of what the cycle found alive.
 *
 * Safe points are where the dispatch loop allocates (NEWTABLE, CLOSURE,
 * CONCAT) and where a native function returns; never in the middle of a
 * host function. At a safe point the running thread's live registers end
 * at a known slot (`top`), as PUC-Rio's checkGC sets `L->top`.
 *
 * Generational mode (`generational.ts`) reuses the atomic phase and the
 * full cycle; `gcStep`, `explicitStep` and `fullCollect` hand a heap in
 * that mode to it.
 *
 * Manual: §2.5, §2.5.1, §6.1 (`collectgarbage`). PUC-Rio counterpart:
 * `lgc.c` (`singlestep`, `atomic`, `incstep`, `luaC_step`, `luaC_fullgc`,
 * `setpause`).
 *
 * Read next: `mark.ts`, `sweep.ts`, `finalize.ts`, `generational.ts`,
 * docs/gc.md.
 */
import type { GlobalState, LuaThread } from '../object/objects.ts';
import { declaredMode, Phase, PHASE_NAMES, WHITES, COLOURS, AGAIN, AGES, BLACK, FIXED, SIZE, stringSize, type GCObject, type Heap } from './heap.ts';
import { markValue, propagateAll, propagateOne, traverseEphemeron, isCleared, genLink } from './mark.ts';
import { startSweep, sweepStep, poisonFreed, type SweepCursor } from './sweep.ts';
import { genStep, fullGen, changeMode } from './generational.ts';
import { separateUnreached, markBeingFinalized, callPending } from './finalize.ts';
import { LuaTable } from '../value/table.ts';
import { LuaError } from '../value/error.ts';

/** Objects a sweep step looks at (PUC-Rio's GCSWEEPMAX). */
const SWEEP_MAX = 100;
/** Finalizers a step calls. */
const FIN_MAX = 10;
/** A unit of sweep or finalizer work, in bytes of traversal (PUC-Rio's GCSWEEPCOST, GCFINCOST). */
const SWEEP_COST = 16;
const FIN_COST = 16 * 50;

/** The sweep position of each heap in its sweep phase. */
const cursors = new WeakMap<Heap, SweepCursor>();

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
  h.work = { traversed: 0, allocated: 0, freed: 0, freedBytes: 0, finalized: 0, startTotal: h.total };
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
      const n = sweepStep(h, cursors.get(h)!, SWEEP_MAX);
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
      cursors.delete(h);
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
  cursors.set(h, startSweep(h));
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
function incrementalStep(G: GlobalState, L: LuaThread): void {
  const h = G.heap;
  const stepBytes = 2 ** Math.min(h.stepsize, 50);
  // work to do now, in bytes traversed: the debt plus one step, times
  // stepmul (PUC-Rio counts stepmul units of work per 16 bytes allocated,
  // a unit being about one 16-byte slot: the same ratio in bytes)
  let budget = (Math.max(h.debt, 0) + stepBytes) * (h.stepmul | 1);
  do {
    budget -= singleStep(G, L);
  } while (budget > 0 && h.phase !== Phase.PAUSE);
  if (h.phase === Phase.PAUSE) setPause(h);
  else h.debt = Math.max(-stepBytes, h.total - h.limit);   // the next step after this much allocation
}

/**
 * A full collection (`collectgarbage()`): finish the cycle under way
 * without keeping what it already marked, then run a whole cycle and its
 * finalizers. In generational mode: a major collection.
 */
export function fullCollect(G: GlobalState, L: LuaThread, top = -1): void {
  const h = G.heap;
  asCollector(h, L, top, () => {
    if (h.kind === 'generational') { fullGen(G, L); return; }
    if (h.phase <= Phase.ATOMIC) {
      // marks of a partial cycle would keep garbage alive: drop them
      whitenAll(h);
      enter(h, Phase.SWEEPEND);
    }
    runUntil(G, L, Phase.PAUSE);
    runUntil(G, L, Phase.CALLFIN);
    runUntil(G, L, Phase.PAUSE);
    setPause(h);
  });
}

/**
 * Run `work` as the collector, at a safe point of `L` whose live registers
 * end at `top` (-1: from its frames): marked busy, so that nothing it calls
 * (a finalizer) starts the collector again. Returns undefined, doing
 * nothing, when the collector is already running.
 */
function asCollector<T>(h: Heap, L: LuaThread, top: number, work: () => T): T | undefined {
  if (h.busy) return undefined;
  h.busy = true;
  h.atThread = L; h.atTop = top;
  try {
    return work();
  } finally {
    h.atThread = undefined; h.atTop = -1;
    h.busy = false;
  }
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

/**
 * A safe point with a positive debt: do one step (or, in stress mode, a
 * whole collection). `top` ends the running thread's live registers (-1:
 * compute it from its frames).
 */
export function gcStep(L: LuaThread, top: number): void {
  const G = L.global;
  const h = G.heap;
  if (h.busy) return;
  if (h.total > h.limit) {
    // over the memory limit: an emergency collection, and an error if that is not enough
    fullCollect(G, L, top);
    if (h.total > h.limit) {
      h.debt = h.total - h.limit;
      throw new LuaError('not enough memory');
    }
    return;
  }
  if (!h.running) { h.debt = Math.max(-(2 ** h.stepsize), h.total - h.limit); return; }
  if (h.stress) {
    fullCollect(G, L, top);
    h.debt = 1;   // and again at the next safe point
    return;
  }
  asCollector(h, L, top, () => collectStep(G, L));
}

/** One step of the mode in effect (PUC-Rio's luaC_step). */
function collectStep(G: GlobalState, L: LuaThread): void {
  const h = G.heap;
  if (h.kind === 'generational' || h.lastAtomic !== 0) genStep(G, L);
  else incrementalStep(G, L);
}

/**
 * `collectgarbage("step", n)`: add `n` KB of debt (n = 0: one basic
 * step) and step; true if a cycle ended. In generational mode a step is a
 * minor collection (a major one if `n` KB of debt takes memory past the
 * major threshold), after which the collector is not at its pause: false,
 * as in PUC-Rio.
 */
export function explicitStep(G: GlobalState, L: LuaThread, kb: number, top: number): boolean {
  const h = G.heap;
  const wasRunning = h.running;
  h.running = true;   // a step is done even when the collector is stopped
  try {
    return asCollector(h, L, top, () => {
      if (kb === 0) h.debt = 0;   // one basic step
      else {
        h.debt += kb * 1024;      // `kb` more of debt, and a step only if that makes it positive
        if (h.debt <= 0) return false;
      }
      collectStep(G, L);
      return h.phase === Phase.PAUSE;
    }) ?? false;
  } finally {
    h.running = wasRunning;
  }
}

/**
 * `collectgarbage("generational" | "incremental")`: switch the collector
 * to `mode` (entering generational mode is a full collection); returns
 * the mode before, as `collectgarbage` reports it.
 */
export function switchMode(G: GlobalState, L: LuaThread, mode: 'incremental' | 'generational', top: number): string {
  const h = G.heap;
  const before = declaredMode(h);
  asCollector(h, L, top, () => changeMode(G, L, mode));
  return before;
}

/** Closing a state: call every pending finalizer, then those of all objects still registered. */
export function closeHeap(G: GlobalState, L: LuaThread): void {
  const h = G.heap;
  const wasBusy = h.busy;
  h.busy = true;   // no collection from here on (collectgarbage in a finalizer returns fail)
  try {
    if (!h.closing) {
      h.closing = true;
      separateUnreached(h, true);
    }
    // also when called again from a finalizer (os.exit(c, true)): the rest run now
    callPending(L, h, Infinity);
  } finally {
    h.busy = wasBusy;
  }
}

/** Run the collector until it reaches `phase` (the `T.gcstate` testing function). */
export function runToPhase(G: GlobalState, L: LuaThread, phase: Phase): void {
  asCollector(G.heap, L, -1, () => runUntil(G, L, phase));
}

/** Whether `o` is dead for the sweep under way (the `T.gccolor` helper needs the colours too). */
export function isDead(h: Heap, o: GCObject): boolean {
  return (o.marked & (h.currentWhite ^ WHITES)) !== 0 && h.phase >= Phase.SWEEPALLGC && h.phase <= Phase.SWEEPEND;
}
