/**
 * # The collector's controls: lua_gc's operations
 *
 * Responsibility: what the machine and the API ask of the collector — a
 * step at a safe point (`gcStep`), a full collection, an explicit step,
 * switching modes, closing a state's heap — and the one place that
 * chooses between the two modes (`collectStep`, `fullCollect`). Each
 * operation runs "as the collector" (`asCollector`): marked busy, so that
 * a finalizer it calls cannot start the collector again.
 *
 * Safe points are where the dispatch loop allocates (NEWTABLE, CLOSURE,
 * CONCAT) and where a native function returns; never in the middle of a
 * host function. At a safe point the running thread's live registers end
 * at a known slot (`top`), as PUC-Rio's checkGC sets `L->top`.
 *
 * Manual: §2.5, §6.1 (`collectgarbage`), §4.6 (`lua_gc`). PUC-Rio
 * counterpart: `lgc.c` (`luaC_step`, `luaC_fullgc`, `luaC_changemode`,
 * `luaC_freeallobjects`), `lapi.c` (`lua_gc`).
 *
 * Invariant: the modes' modules never call this one; it calls them
 * (collector → generational → incremental), so the mode is decided here
 * and nowhere else.
 *
 * Read next: `incremental.ts` (the phases), `generational.ts`,
 * `finalize.ts`, docs/gc.md.
 */
import type { GlobalState, LuaThread } from '../object/objects.ts';
import { WHITES, type GCObject } from '../value/collectable.ts';
import { LuaError, MEMERRMSG } from '../value/error.ts';
import { Phase } from './phase.ts';
import { declaredMode, type Heap } from './heap.ts';
import { fullInc, incrementalStep, runUntil } from './incremental.ts';
import { genStep, fullGen, changeMode } from './generational.ts';
import { separateUnreached, callPending } from './finalize.ts';

/**
 * A full collection (`collectgarbage()`): finish the cycle under way
 * without keeping what it already marked, then run a whole cycle and its
 * finalizers. In generational mode: a major collection.
 */
export function fullCollect(G: GlobalState, L: LuaThread, top = -1): void {
  const h = G.heap;
  asCollector(h, L, top, () => {
    if (h.kind === 'generational') fullGen(G, L); else fullInc(G, L);
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
      // as a failed C allocation: the error, and code that allocates nothing more
      // goes on (T.totalmem(0) after a failed pcall); the next allocation fails again
      h.debt = 0;
      throw new LuaError(MEMERRMSG);
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
