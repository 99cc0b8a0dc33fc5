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
 * Manual: §2.5. PUC-Rio counterpart: `sweeplist`, `sweepstep`,
 * `entersweep`, `freeobj` in `lgc.c`; `luaE_freethread` (a dead thread
 * closes its open upvalues first).
 *
 * Invariant: objects created while a sweep is under way are put at the
 * head of the list, before the sweep's position, painted the current
 * white: the sweep never sees them, and they could not be garbage anyway.
 *
 * Read next: `collector.ts`, `finalize.ts`.
 */
import { LuaThread } from '../vm/objects.ts';
import { COLOURS, WHITES, LINKED, FIXED, type GCObject, type Heap } from './heap.ts';

/** Where the sweep stands: the last survivor (undefined: none yet) and the next object to look at. */
export interface SweepCursor {
  prev: GCObject | undefined;
  next: GCObject | undefined;
}

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
