/**
 * # Generational mode: minor and major collections
 *
 * Responsibility: PUC-Rio 5.4's generational collector on top of the
 * incremental one's pieces. Most objects die young; a *minor* (young)
 * collection looks only at young objects and at the few old objects that
 * may point to them, and frees dead young objects only. Old objects are
 * left black between collections, so the ordinary write barriers fire on
 * them and record exactly those few (barrier.ts). One minor collection:
 *
 * 1. **markold** — objects that turn from OLD1 to OLD are traversed once
 *    more (what they point to may have been a survival when they were
 *    last traversed).
 * 2. **atomic** — the atomic phase of the incremental collector, done at
 *    once: the roots, then `grayagain` (touched objects, old threads, open
 *    upvalues, values a forward barrier marked), ephemerons, weak tables,
 *    finalizers. Marking stops at old objects: they are not white.
 * 3. **sweepgen** — only the young part of the all-objects list is swept
 *    (new and survival objects; see the segments in heap.ts): white
 *    means dead; survivors age (`NEXT_AGE` in sweep.ts).
 * 4. **correct the gray lists** — touched objects advance (touched1 →
 *    touched2 stays listed, touched2 → old leaves), threads and open
 *    upvalues stay, everything else leaves the lists, black.
 * 5. **finalizers** — all pending `__gc` calls run at once.
 *
 * A *major* collection is a full incremental marking done at once,
 * followed by `sweepToOld`: every survivor becomes OLD (entering
 * generational mode is exactly that). It runs when memory has grown
 * `majormul`% beyond what the last major collection left. When a major
 * collection frees less than half of that growth (a program building a
 * big structure), it is a "bad collection": the heap then runs whole
 * incremental cycles (`stepGenFull`) until one traverses clearly less
 * than the one before, and goes back to minor collections.
 *
 * Pacing: a minor collection after memory grows `minormul`% (default 20);
 * a major one past `majormul`% (default 100).
 *
 * Manual: §2.5.2 (generational mode), §6.1 (`collectgarbage`). PUC-Rio
 * counterpart: `lgc.c` (`youngcollection`, `markold`, `sweepgen`,
 * `correctgraylists`, `atomic2gen`, `entergen`, `enterinc`, `fullgen`,
 * `stepgenfull`, `genstep`, `luaC_changemode`).
 *
 * Invariant (checked by `verify.ts`): between collections a black OLD
 * object points only to old objects, and a black OLD1 or TOUCHED2 object
 * never to a NEW one; threads and open upvalues are gray and listed in
 * `grayagain`; the phase is PROPAGATE ("marking may go on"), so that the
 * forward barrier marks.
 *
 * The atomic phase, the log and the sweep's start come from
 * `incremental.ts`; `collector.ts` decides when this mode takes a step.
 *
 * Read next: `sweep.ts` (`sweepGen`, `sweepToOld`), `barrier.ts`,
 * docs/gc.md ("Generational mode").
 */
import { LuaThread, UpVal, type GlobalState } from '../object/objects.ts';
import { WHITES, BLACK, AGAIN, Age, getAge, setAge, type GCObject } from '../value/collectable.ts';
import { Phase } from './phase.ts';
import type { Heap } from './heap.ts';
import { regray } from './mark.ts';
import { sweepGen, sweepToOld, poisonFreed } from './sweep.ts';
import { callPending } from './finalize.ts';
import { atomic, enter, enterSweep, kb, logLine, runUntil, setPause, startCounting, whitenAll } from './incremental.ts';

/** Traverse once more the OLD1 objects from `from` up to `to` (they are OLD from now on). */
function markOld(h: Heap, from: GCObject | undefined, to: GCObject | undefined): void {
  for (let o = from; o !== to && o !== undefined; o = o.gcnext) {
    if (getAge(o) !== Age.OLD1) continue;
    setAge(o, Age.OLD);
    // a gray one waits in a gray list already, and will be traversed anyway
    if (o.marked & BLACK) regray(h, o);
  }
}

/**
 * After the sweep of a collection in generational mode, merge the gray
 * lists into `grayagain`, keeping only what the next collection must
 * traverse again (PUC-Rio's correctgraylists).
 */
function correctGrayLists(h: Heap): void {
  const keep: GCObject[] = [];
  for (const list of [h.grayagain, h.weak, h.allweak, h.ephemeron]) {
    for (const o of list) {
      // young objects the sweep repainted white (they are marked afresh, or not, next time)
      if (o.marked & WHITES) { o.marked &= ~AGAIN; continue; }
      const age = getAge(o);
      if (age === Age.TOUCHED1) {
        o.marked |= BLACK;   // black again, so that the next write takes a barrier
        setAge(o, Age.TOUCHED2);
        keep.push(o);
      } else if (o instanceof LuaThread || (o instanceof UpVal && o.thread !== undefined)) {
        keep.push(o);   // they change without barriers: gray for good
      } else if (o instanceof UpVal && (age === Age.OLD || age === Age.OLD1)) {
        // closed during this sweep, when its dead thread was freed: its
        // value may be young, so the next collection traverses it too
        o.marked |= BLACK;
        setAge(o, Age.TOUCHED2);
        keep.push(o);
      } else {
        if (age === Age.TOUCHED2) setAge(o, Age.OLD);
        o.marked = (o.marked & ~AGAIN) | BLACK;
      }
    }
  }
  h.grayagain = keep;
  h.weak = []; h.allweak = []; h.ephemeron = [];
}

/** The end of every collection in generational mode; then call all pending finalizers. */
function finishGenCycle(G: GlobalState, L: LuaThread): void {
  const h = G.heap;
  correctGrayLists(h);
  poisonFreed(h);
  // no pause: between collections marking may go on (the forward barrier marks)
  h.phase = Phase.PROPAGATE;
  h.work.finalized += callPending(L, h, Infinity);
  h.cycles++;
}

/** A minor collection (see the module comment). */
function youngCollection(G: GlobalState, L: LuaThread): void {
  const h = G.heap;
  startCounting(h);
  logLine(h, 'minor', `(young collection; ${h.grayagain.length} objects to look at again)`);
  // traversals replace the measures the last collection took
  h.markedBytes = h.total - h.loose;
  h.minor = true;
  try {
    if (h.firstold1 !== undefined) markOld(h, h.firstold1, h.reallyold);
    h.firstold1 = undefined;
    h.work.traversed += atomic(G);
  } finally {
    h.minor = false;
  }
  // sweep the new objects, then the survivals; older objects are not looked at
  h.phase = Phase.SWEEPALLGC;
  const lastNew = sweepGen(h, undefined, h.survival);
  sweepGen(h, lastNew, h.old1);
  h.reallyold = h.old1;
  h.old1 = lastNew === undefined ? h.allgc : lastNew.gcnext;   // the surviving survivals are OLD1 now
  h.survival = h.allgc;                                          // and every new object a survival
  h.total = h.markedBytes;
  logLine(h, 'sweepgen', `traversed=${kb(h.work.traversed)} freed=${h.work.freed} young objects ` +
    `(${kb(h.work.freedBytes)}), survivors aged`);
  finishGenCycle(G, L);
  logLine(h, 'minor done', `${kb(h.work.startTotal)} -> ${kb(h.total)}, ${h.work.finalized} finalizers`);
}

/**
 * The end of a full marking that enters (or stays in) generational mode:
 * sweep, making every survivor old, and reset the segments.
 */
function atomicToGen(G: GlobalState, L: LuaThread): void {
  const h = G.heap;
  for (const o of h.grayagain) o.marked &= ~AGAIN;
  h.gray.length = 0; h.grayagain = [];
  h.weak = []; h.allweak = []; h.ephemeron = [];
  enter(h, Phase.SWEEPALLGC);
  sweepToOld(h);
  h.reallyold = h.old1 = h.survival = h.allgc;   // everything alive is old
  h.firstold1 = undefined;
  h.kind = 'generational';
  h.lastAtomic = 0;
  h.estimate = h.total;   // the base for the next major collection
  logLine(h, 'sweep2old', `freed=${h.work.freed} objects (${kb(h.work.freedBytes)}), every survivor is old`);
  finishGenCycle(G, L);
}

/** The debt that runs the next minor collection once memory grows `minormul`%. */
function setMinorDebt(h: Heap): void {
  h.debt = Math.max(-(h.total / 100) * h.minormul, h.total - h.limit);
}

/** A whole marking at once, from the pause: the roots, then everything else. Returns its work. */
function markAll(G: GlobalState, L: LuaThread): number {
  runUntil(G, L, Phase.PROPAGATE);
  const work = atomic(G);
  G.heap.work.traversed += work;
  return work;
}

/** Enter generational mode: a full marking, then everything alive is old. Returns the marking's work. */
function enterGen(G: GlobalState, L: LuaThread): number {
  const h = G.heap;
  runUntil(G, L, Phase.PAUSE);   // finish a cycle under way
  const work = markAll(G, L);
  atomicToGen(G, L);
  setMinorDebt(h);
  return work;
}

/** Go back to incremental mode: every object white and NEW, at the pause. */
export function enterInc(h: Heap): void {
  whitenAll(h);
  h.reallyold = h.old1 = h.survival = h.firstold1 = undefined;
  h.phase = Phase.PAUSE;
  h.kind = 'incremental';
  h.lastAtomic = 0;
}

/** A major collection: forget the ages, then enter generational mode again. */
export function fullGen(G: GlobalState, L: LuaThread): number {
  const h = G.heap;
  logLine(h, 'major', `(full collection; ${kb(h.estimate)} after the last one)`);
  enterInc(h);
  const work = enterGen(G, L);
  logLine(h, 'major done', `${kb(h.work.startTotal)} -> ${kb(h.total)}, ${h.work.finalized} finalizers`);
  return work;
}

/** Switch modes (`collectgarbage("generational" | "incremental")`). */
export function changeMode(G: GlobalState, L: LuaThread, mode: 'incremental' | 'generational'): void {
  const h = G.heap;
  if (mode !== h.kind) {
    if (mode === 'generational') enterGen(G, L); else enterInc(h);
  }
  h.lastAtomic = 0;
}

/**
 * After a bad collection: a whole incremental cycle; if it traversed
 * clearly less than the bad one (by 1/8), enter generational mode again,
 * otherwise stay incremental for another cycle.
 */
function stepGenFull(G: GlobalState, L: LuaThread): void {
  const h = G.heap;
  const last = h.lastAtomic;
  if (h.kind === 'generational') enterInc(h);
  startCounting(h);
  const work = markAll(G, L);
  if (work < last + last / 8) {
    logLine(h, 'good', `collection (${kb(work)} traversed, ${kb(last)} before): back to minor collections`);
    atomicToGen(G, L);
    setMinorDebt(h);
  } else {
    logLine(h, 'bad', `collection again (${kb(work)} traversed): staying incremental`);
    h.estimate = h.total;
    enterSweep(h);
    runUntil(G, L, Phase.PAUSE);
    setPause(h);
    h.lastAtomic = Math.max(work, 1);
  }
}

/**
 * One collection of a heap in generational mode, when the debt says so
 * (or for `collectgarbage("step", 0)`, with no debt: a minor one).
 */
export function genStep(G: GlobalState, L: LuaThread): void {
  const h = G.heap;
  if (h.lastAtomic !== 0) { stepGenFull(G, L); return; }
  const majorBase = h.estimate;   // memory in use after the last major collection
  const majorInc = majorBase / 100 * h.majormul;
  if (h.debt > 0 && h.total > majorBase + majorInc) {
    const work = fullGen(G, L);
    if (h.total >= majorBase + majorInc / 2) {
      // it freed less than half of the growth: building, not churning
      h.lastAtomic = Math.max(work, 1);
      setPause(h);
      logLine(h, 'bad', `collection: freed less than half the growth; incremental cycles until a good one`);
    }
  } else {
    youngCollection(G, L);
    setMinorDebt(h);
    h.estimate = majorBase;
  }
}
