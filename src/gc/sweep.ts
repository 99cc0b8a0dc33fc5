/**
 * # Sweeping: letting go of what marking did not reach
 *
 * Responsibility: walking the all-objects list a few objects at a time;
 * an object still painted the old ("dead") white is unlinked — JavaScript
 * reclaims it once nothing refers to it — and every survivor is painted
 * the current white for the next cycle. In stress mode a freed object is
 * poisoned (at the end of the sweep), so that any later use of it throws
 * at once.
 *
 * Generational mode sweeps differently (`sweepGen`, `sweepToOld`): the
 * whole sweep runs at once, right after the atomic phase, so any white
 * object is dead; survivors are not repainted but *aged*, and a minor
 * collection sweeps only the young part of the list.
 *
 * Manual: §2.5. PUC-Rio counterpart: `sweeplist`, `sweepstep`,
 * `entersweep`, `freeobj`, `sweepgen`, `sweep2old` in `lgc.c`;
 * `luaE_freethread` (a dead thread closes its open upvalues first).
 *
 * Invariant: objects created while a sweep is under way are put at the
 * head of the list, before the sweep's position, painted the current
 * white: the sweep never sees them, and they could not be garbage anyway.
 *
 * Read next: `collector.ts`, `finalize.ts`.
 */
import { LuaThread, UpVal } from '../object/objects.ts';
import {
  COLOURS, WHITES, LINKED, FIXED, AGES, AGAIN, BLACK, Age, getAge, setAge, type GCObject,
} from '../value/collectable.ts';
import type { Heap, SweepCursor } from './heap.ts';

/** Start sweeping `h.allgc`. */
export function startSweep(h: Heap): SweepCursor {
  return { prev: undefined, next: h.allgc };
}

/** Sweep up to `count` objects; returns the number looked at (0: the list is done). */
export function sweepStep(h: Heap, cur: SweepCursor, count: number): number {
  const dead = h.currentWhite ^ WHITES;
  const white = h.currentWhite;
  let n = 0;
  while (n < count && cur.next !== undefined) {
    const o = cur.next;
    const after = o.gcnext;
    n++;
    if (o.marked & FIXED) {
      cur.prev = o;   // never collected, never recoloured
    } else if (o.marked & dead) {
      unlink(h, cur.prev, o, after);
      free(h, o);
    } else {
      o.marked = (o.marked & ~COLOURS) | white;
      cur.prev = o;
    }
    cur.next = after;
  }
  return n;
}

/** Remove `o` from the list, `prev` being the last survivor (undefined: `o` was first when the sweep began). */
function unlink(h: Heap, prev: GCObject | undefined, o: GCObject, after: GCObject | undefined): void {
  if (prev !== undefined) { prev.gcnext = after; return; }
  if (h.allgc === o) { h.allgc = after; return; }
  // objects created since the sweep began sit before `o`: find its predecessor among them
  let p = h.allgc!;
  while (p.gcnext !== o) p = p.gcnext!;
  p.gcnext = after;
}

/** Account for a dead object and, in stress mode, poison it. */
function free(h: Heap, o: GCObject): void {
  // (its bytes left `total` already: the atomic phase counted only the living)
  h.work.freed++;
  h.work.freedBytes += o.gcsize;
  o.gcnext = undefined;
  o.marked &= ~LINKED;      // if the host brings it back, marking attaches it again
  o.gcsize = 0;
  // a dead thread's open upvalues keep their values (closures may still
  // hold them, if the closures die in this same cycle they never look)
  if (o instanceof LuaThread) o.closeUpvals(0);
  // poisoned once the whole sweep is over: until then other dead objects
  // (a dead thread closing its dead upvalues) may still be touched
  if (h.stress) h.poisonQueue.push(o);
}

/** The age a survivor of a minor collection reaches (touched objects age in `correctGrayLists`). */
const NEXT_AGE = [
  Age.SURVIVAL,   // from NEW
  Age.OLD1,       // from SURVIVAL
  Age.OLD1,       // from OLD0
  Age.OLD,        // from OLD1
  Age.OLD,        // from OLD
  Age.TOUCHED1,   // from TOUCHED1
  Age.TOUCHED2,   // from TOUCHED2
];

/**
 * The sweep of a minor collection over the objects after `prev` (the head
 * of the list if undefined) up to `limit`: white objects are dead and
 * unlinked; survivors age one step. A NEW survivor is painted white again
 * (it is still young, and will be marked or not in the next collection);
 * older ones keep their colour, as minor collections leave old objects
 * black. Returns the last survivor (or `prev` if none survived). The
 * first object to turn OLD1 is remembered in `h.firstold1` (markold
 * starts there).
 */
export function sweepGen(h: Heap, prev: GCObject | undefined, limit: GCObject | undefined): GCObject | undefined {
  const white = h.currentWhite;
  let o = prev === undefined ? h.allgc : prev.gcnext;
  while (o !== limit && o !== undefined) {
    const after = o.gcnext;
    if (o.marked & FIXED) {
      prev = o;
    } else if (o.marked & WHITES) {
      if (prev === undefined) h.allgc = after; else prev.gcnext = after;
      h.markedBytes -= o.gcsize;   // its last measure was part of the live total
      free(h, o);
    } else {
      const age = getAge(o);
      if (age === Age.NEW) {
        o.marked = (o.marked & ~(COLOURS | AGES | AGAIN)) | white;
        setAge(o, Age.SURVIVAL);
      } else {
        setAge(o, NEXT_AGE[age]);
        if (NEXT_AGE[age] === Age.OLD1 && h.firstold1 === undefined) h.firstold1 = o;
      }
      prev = o;
    }
    o = after;
  }
  return prev;
}

/**
 * The sweep that enters generational mode after a full marking: the dead
 * go, and every survivor becomes OLD. Survivors are black (nothing to
 * traverse in a minor collection), except threads and open upvalues,
 * which change without barriers: they are gray and wait in `grayagain`,
 * where every collection traverses them.
 */
export function sweepToOld(h: Heap): void {
  let prev: GCObject | undefined = undefined;
  let o = h.allgc;
  while (o !== undefined) {
    const after = o.gcnext;
    if (o.marked & FIXED) {
      prev = o;
    } else if (o.marked & WHITES) {
      if (prev === undefined) h.allgc = after; else prev.gcnext = after;
      free(h, o);
    } else {
      o.marked &= ~AGAIN;
      setAge(o, Age.OLD);
      if (o instanceof LuaThread || (o instanceof UpVal && o.thread !== undefined)) {
        o.marked &= ~COLOURS;
        h.grayagain.push(o);
        o.marked |= AGAIN;
      } else {
        o.marked |= BLACK;
      }
      prev = o;
    }
    o = after;
  }
}

/** Poison the objects the last sweep freed (stress mode). */
export function poisonFreed(h: Heap): void {
  for (const o of h.poisonQueue) poison(o);
  h.poisonQueue.length = 0;
}

function deadObject(): never {
  if (process.env.LUCID_GC_TRACE) console.error(new Error('dead').stack);
  throw new Error('use of an object the collector freed (a missing root or write barrier)');
}

/**
 * Replace every field of a freed object by an accessor that throws: any
 * later use of the object — the sign of a missing root or barrier — fails
 * where it happens instead of silently reading stale data.
 */
export function poison(o: object): void {
  for (const key of Object.keys(o)) {
    Object.defineProperty(o, key, { get: deadObject, set: deadObject, configurable: false });
  }
}
