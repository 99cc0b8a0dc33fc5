/**
 * # Collectable objects: the header and the door to their collector
 *
 * Responsibility: what every collectable object carries for the collector
 * (the header: colour, list and age bits, the all-objects link, its
 * measured size), the size estimates the collector charges, and the small
 * interface (`Collector`) through which an object reaches the collector of
 * its state — to be born into it, to charge bytes as it grows, to take a
 * write barrier, to register for finalization when its metatable is set.
 *
 * Why it lives here, at the bottom: tables (this folder), closures,
 * upvalues and userdata (`src/object/`) must call their collector, and the
 * collector (`src/gc/`) must read and write their headers. If the objects
 * imported the collector, the collector's imports of the objects would
 * close a cycle across layers. So the objects depend only on this module;
 * `src/gc/heap.ts` implements `Collector` (one class, `Heap`, so every
 * call through the interface stays monomorphic).
 *
 * Manual: §2.5 (garbage collection). PUC-Rio counterpart: `CommonHeader`
 * in `lobject.h`; the colour and age bits and the barrier macros of
 * `lgc.h` (`luaC_barrier`, `luaC_barrierback`, `luaC_objbarrier`).
 *
 * ## Colours, lists and ages in `marked`
 * An object is *white* (not reached yet in this cycle: WHITE0 or WHITE1,
 * the two whites swap at the end of each marking), *gray* (no colour bit:
 * reached, its references not traversed yet) or *black* (traversed). The
 * other bits: FINOBJ (a finalizer is pending), LINKED (on the all-objects
 * list), AGAIN (waiting in `grayagain`), FIXED (never collected). Bits 8-10
 * hold the age of generational mode. `src/gc/heap.ts` tells the whole
 * story (the tri-colour invariant, the two whites, the ages).
 *
 * Invariant: an object calls its collector only through `Collector`; a
 * store into an object that is not black costs one bit test and no call.
 *
 * Read next: `src/gc/heap.ts` (the collector's data and `Heap`),
 * `src/gc/barrier.ts` (what the barriers do), `table.ts` (a user of all of
 * this).
 */
import type { LuaTable } from './table.ts';

/** Colour and list bits of `GCObject.marked`. */
export const WHITE0 = 1;
/**
 * The second white. Only the *current* white (the collector's `currentWhite`) means "not reached yet";
 * the other is the white of the previous cycle, which the sweep reads as dead.
 */
export const WHITE1 = 2;
/** Both whites: tests whether an object is white at all, whichever cycle it belongs to. */
export const WHITES = WHITE0 | WHITE1;
/**
 * Traversed: the object and everything it refers to have been marked in this cycle. A store of a white
 * value into a black object needs a barrier.
 */
export const BLACK = 4;
/** The object had `__gc` when its metatable was set, and its finalizer has not run (it is on `finobj` or `tobefnz`). */
export const FINOBJ = 8;
/** The object is on the all-objects list (heap.ts, "Joining the list"). */
export const LINKED = 32;
/** The object waits in `grayagain`: its next traversal in this cycle replaces its first measure. */
export const AGAIN = 64;
/**
 * Not collectable at all: a native function without upvalues (PUC-Rio's
 * "light C function", often shared by every state), a light userdata, a
 * prototype not yet loaded into any state.
 */
export const FIXED = 128;
/** Clears the colour bits, keeping the list bits. */
export const COLOURS = WHITES | BLACK;

/** Where the age sits in `marked` (bits 8-10). */
const AGE_SHIFT = 8;
/** All the age bits of `marked`. */
export const AGES = 7 << AGE_SHIFT;

/** The ages of generational mode (PUC-Rio's G_NEW ... G_TOUCHED2), in `marked` >> 8. */
export const enum Age {
  /** Created since the last collection. */
  NEW = 0,
  /** Survived one collection. */
  SURVIVAL = 1,
  /** A forward barrier made it old in this cycle (it may still point to young objects). */
  OLD0 = 2,
  /** Old for the first collection: traversed once more when it turns OLD (markold). */
  OLD1 = 3,
  /** Really old: minor collections neither traverse nor sweep it. */
  OLD = 4,
  /** Old, and written to (back barrier) since the last collection: traversed in the next one. */
  TOUCHED1 = 5,
  /** Old, touched before the last collection: traversed once more, then OLD. */
  TOUCHED2 = 6,
}

/** Age names as `T.gcage` prints them (ltests.c's). */
export const AGE_NAMES = ['new', 'survival', 'old0', 'old1', 'old', 'touched1', 'touched2'];

/** The generational age of `o`, read from bits 8-10 of `marked`. */
export function getAge(o: GCObject): Age { return (o.marked >> AGE_SHIFT) & 7; }
/** Set the generational age of `o`, keeping its colour and list bits. */
export function setAge(o: GCObject, a: Age): void { o.marked = (o.marked & ~AGES) | (a << AGE_SHIFT); }
/** Old enough for minor collections to leave alone (unless touched or OLD1). */
export function isOld(o: GCObject): boolean { return getAge(o) > Age.SURVIVAL; }

/**
 * The header every collectable object carries (PUC-Rio's CommonHeader):
 * tables, Lua closures, natives with upvalues, upvalues, prototypes,
 * userdata and threads.
 */
export interface GCObject {
  /** Colour, list and age bits (see the module comment). */
  marked: number;
  /** Next object on the all-objects list. */
  gcnext: GCObject | undefined;
  /** Estimated bytes, re-measured at each traversal. */
  gcsize: number;
}

/**
 * Estimated sizes in bytes, as a 64-bit PUC-Rio build would allocate.
 *
 * @property table - A table's header (PUC-Rio's `Table`), without its parts.
 * @property arraySlot - One slot of a table's array part (a tagged value).
 * @property hashNode - One node of a table's hash part (key, value and chain link).
 * @property closure - A Lua closure's header, without its upvalue pointers.
 * @property closureUpval - One upvalue pointer of a closure.
 * @property upval - An upvalue object (PUC-Rio's `UpVal`), open or closed.
 * @property proto - A function prototype's header.
 * @property instruction - One 32-bit instruction of a prototype's code.
 * @property constant - One entry of a prototype's constant table.
 * @property childProto - One pointer to a nested prototype.
 * @property userdata - A full userdata's header, without its memory block.
 * @property userValue - One user value slot of a userdata.
 * @property thread - A coroutine's `lua_State`, without its stack.
 * @property stackSlot - One slot of a thread's stack.
 * @property frame - One call frame (PUC-Rio's `CallInfo`).
 * @namespace
 */
export const SIZE = {
  table: 56, arraySlot: 16, hashNode: 32,
  closure: 32, closureUpval: 8,
  upval: 40,
  proto: 128, instruction: 4, constant: 16, childProto: 8,
  userdata: 40, userValue: 16,
  thread: 208, stackSlot: 16, frame: 64,
} as const;

/** The bytes a string costs (PUC-Rio's TString header plus its bytes). */
export function stringSize(s: string): number { return 24 + s.length; }

/**
 * How an object reaches the collector of its state. Objects that need it
 * after they are born (tables, userdata, closed upvalues) keep a
 * reference; the others only pass through it in their constructor.
 */
export interface Collector {
  /** A new object is born: paint it the current white and charge its `size` bytes. */
  link(o: GCObject, size: number): void;
  /** Charge bytes allocated without a new object (a table growing, a new string). */
  charge(bytes: number): void;
  /**
   * Charge a new array slot holding `value`: `SIZE.arraySlot`, plus, when
   * the heap has a memory limit, the box V8 makes for a number that is
   * not a small integer (src/gc/footprint.ts).
   */
  chargeSlot(value: unknown): void;
  /**
   * Charge a new hash entry: `SIZE.hashNode`, plus, when the heap has a
   * memory limit, the Map's real cost and the boxes of a number key or value.
   */
  chargeEntry(key: unknown, value: unknown): void;
  /**
   * A collectable value was stored into black object `o` (a table, a
   * userdata's user value): `o` is gray again (PUC-Rio's back barrier).
   * Callers test `o.marked & BLACK` first.
   */
  barrierBack(o: GCObject): void;
  /**
   * Black object `o` now refers to `v` (a closed upvalue's value, a
   * closure's joined upvalue): `v` is marked at once (the forward barrier).
   * Callers test `o.marked & BLACK` first.
   */
  barrierForward(o: GCObject, v: unknown): void;
  /**
   * Object `o` (a table or userdata) got metatable `mt`: the barrier for
   * that reference, and registration for finalization if `mt` has `__gc`.
   */
  metatableSet(o: GCObject, mt: LuaTable | undefined): void;
}
