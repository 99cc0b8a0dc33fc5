/**
 * # Write barriers: keeping the tri-colour invariant while Lua runs
 *
 * Responsibility: the checks a store performs when it could make a black
 * object point to a white one (heap.ts states the invariant), and the
 * registration of objects for finalization when their metatable is set.
 *
 * - Tables take a *back* barrier: a black table that is written to turns
 *   gray again and is traversed once more in the atomic phase. Tables are
 *   written often and repeatedly; re-traversing one table once is cheaper
 *   than marking every value stored into it.
 * - Closed upvalues, metatables of userdata and user values take a
 *   *forward* barrier: the white value is marked at once. During the sweep
 *   (when black no longer means anything for this cycle) the black object
 *   is painted white instead, which stops further barriers on it.
 * - Stores into a thread's stack take no barrier: threads stay gray.
 *
 * In generational mode old objects stay black between collections, so the
 * same two barriers also keep the *generational* invariant (heap.ts): the
 * back barrier makes an old table *touched* (traversed in the next two
 * minor collections); the forward barrier makes the young value OLD0 when
 * the object it is stored into is old, since a minor collection will not
 * traverse that object to find it.
 *
 * Manual: §2.5.1. PUC-Rio counterpart: `luaC_barrier_`, `luaC_barrierback_`
 * and `luaC_checkfinalizer` in `lgc.c`, the macros of `lgc.h`.
 *
 * Objects call these through their heap (`Heap.barrierBack` and the
 * others: the `Collector` interface of src/value/collectable.ts), the
 * heap they were born into — never a heap that merely happens to be
 * running.
 *
 * Invariant: a caller checks `o.marked & BLACK` before calling in, so a
 * store into a non-black object costs one bit test.
 *
 * Read next: `mark.ts`, `src/value/table.ts` (where table stores call in).
 */
import { BLACK, COLOURS, FINOBJ, Age, getAge, setAge, isOld, type GCObject } from '../value/collectable.ts';
import type { LuaTable } from '../value/table.ts';
import { Phase } from './phase.ts';
import { isCleared, markValue, pushGrayAgain } from './mark.ts';
import type { Heap } from './heap.ts';

/**
 * A store into black object `o` (a table or userdata): gray it again, to
 * be traversed in the atomic phase (incremental mode) or in the next
 * collection (generational mode: an old object becomes TOUCHED1).
 */
export function barrierBack(h: Heap, o: GCObject): void {
  const age = getAge(o);
  o.marked &= ~COLOURS;
  // a TOUCHED2 object is still in grayagain from the last collection
  if (age !== Age.TOUCHED2) pushGrayAgain(h, o);
  if (age > Age.SURVIVAL) setAge(o, Age.TOUCHED1);
}

/**
 * Black object `o` now refers to `v`: mark `v` now, and make it old if
 * `o` is (generational mode). During an incremental sweep, whiten `o`
 * instead, which stops further barriers on it.
 */
export function barrierForward(h: Heap, o: GCObject, v: unknown): void {
  if (!isCleared(v)) return;
  if (h.phase <= Phase.ATOMIC) {
    markValue(h, v);
    // v cannot become OLD at once: it may still point to young objects.
    // OLD0 is traversed in the next minor collection, then ages as usual
    if (isOld(o)) setAge(v as GCObject, Age.OLD0);
  } else if (h.kind === 'incremental') {
    o.marked = (o.marked & ~COLOURS) | h.currentWhite;
  }
}

/**
 * Object `o` (a table or userdata) gets metatable `mt`: the barrier for
 * the new reference, and registration for finalization if `mt` has
 * `__gc` now — a `__gc` field added later does not count (§2.5.3).
 */
export function metatableSet(h: Heap, o: GCObject, mt: LuaTable | undefined): void {
  if (mt === undefined) return;
  if (o.marked & BLACK) barrierForward(h, o, mt);
  if ((o.marked & FINOBJ) === 0 && mt.getStr('__gc') !== undefined) {
    if (h.closing) return;   // a closing state takes no new finalizers
    o.marked |= FINOBJ;
    h.finobj.push(o);
  }
}
