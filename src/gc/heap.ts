/**
 * # The heap: what the collector knows about every object
 *
 * Responsibility: the data of lucid's collector — the object header
 * (colour bits and the all-objects link), the lists the phases move objects
 * between, the allocation accounting (`total`, `debt`) and the tuning
 * parameters — and the one operation every allocation performs: `link`,
 * which puts a new object at the head of the all-objects list, painted in
 * the current white, and charges its size to the debt.
 *
 * Manual: §2.5 (garbage collection), §2.5.1 (incremental mode and its
 * parameters). PUC-Rio counterpart: `global_State`'s GC fields in
 * `lstate.h`, `lgc.h` (colours, the two whites), `luaC_newobj` in `lgc.c`.
 *
 * ## Colours and the tri-colour invariant
 * An object is *white* (not reached yet in this cycle), *gray* (reached,
 * its references not yet traversed: it sits in a gray list) or *black*
 * (reached and traversed). The invariant that makes marking incremental:
 *
 *     no black object points to a white object
 *
 * except threads, which stay gray for the whole cycle (their stacks change
 * at every instruction and are traversed again in the atomic phase). Stores
 * that could break the invariant go through a write barrier (`barrier.ts`).
 *
 * There are two whites. At the end of marking the whites swap: objects
 * still painted the *old* white are garbage; objects created from then on
 * get the *new* white and so survive the sweep that is still going on.
 * Bits of `marked`: WHITE0 = 1, WHITE1 = 2, BLACK = 4, FINOBJ = 8 (the
 * object has a finalizer not yet called). Gray is "no colour bit". The
 * age of generational mode takes bits 8-10 (see "Ages" below).
 *
 * ## Ages (generational mode)
 * In generational mode every object also has an *age*, three more bits of
 * `marked` (PUC-Rio keeps them in the same byte as the colours):
 *
 *     new ──minor──► survival ──minor──► old1 ──minor──► old
 *                                  ▲
 *     old0 (a forward barrier made a young object old at once) ──minor─┘
 *     old ──back barrier──► touched1 ──minor──► touched2 ──minor──► old
 *
 * A minor collection traverses only young objects (new, survival, old0)
 * plus the old objects that may point to young ones: touched objects
 * (written to since they became old), old1 objects (old for one
 * collection only, so what they point to may still be survival) and
 * threads. The generational invariant, checked by `verify.ts`:
 *
 *     a black OLD object points only to old objects (old0 and up), and a
 *     black OLD1 or TOUCHED2 object never points to a NEW one
 *
 * In incremental mode every age is NEW. `generational.ts` has the rest.
 *
 * ## The allocator in effect
 * JS constructors do not take the Lua state, and tables are created in
 * many places (the VM, every library, the host API). So the state that is
 * running registers its heap as the heap in effect (`setHeap`), at every
 * entry into the dispatch loop and the public API; constructors link their
 * object into that heap. Objects must not be shared between two states.
 * With no state running, objects go to a detached heap that keeps no list.
 *
 * ## Joining the list
 * A new object is painted the current white but joins the all-objects
 * list only when marking first reaches it (`attach`). An object that dies
 * before any marking sees it — most temporaries — is never on the list:
 * no sweep has to drop it, and JavaScript's young generation reclaims it
 * as cheaply as if there were no second collector. Its bytes are counted
 * as `loose` allocation until the next atomic phase, like new strings.
 * Stress mode and the `T` library attach every object at birth
 * (`eager`), so that sweeping can poison every dead object and
 * `T.totalmem` can count every object.
 *
 * Read next: `collector.ts` (the phases), `mark.ts`, `sweep.ts`,
 * `barrier.ts`, docs/gc.md.
 */

/** Colour and list bits of `GCObject.marked`. */
export const WHITE0 = 1;
export const WHITE1 = 2;
export const WHITES = WHITE0 | WHITE1;
export const BLACK = 4;
/** The object had `__gc` when its metatable was set, and its finalizer has not run (it is on `finobj` or `tobefnz`). */
export const FINOBJ = 8;
/** The object is on the all-objects list (see "Joining the list" above). */
export const LINKED = 32;
/** The object waits in `grayagain`: its next traversal in this cycle replaces its first measure. */
export const AGAIN = 64;
/**
 * Not collectable at all: a native function without upvalues, PUC-Rio's
 * "light C function" (such natives are often shared by every state).
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

export function getAge(o: GCObject): Age { return (o.marked >> AGE_SHIFT) & 7; }
export function setAge(o: GCObject, a: Age): void { o.marked = (o.marked & ~AGES) | (a << AGE_SHIFT); }
/** Old enough for minor collections to leave alone (unless touched or OLD1). */
export function isOld(o: GCObject): boolean { return getAge(o) > Age.SURVIVAL; }

/**
 * The header every collectable object carries (PUC-Rio's CommonHeader):
 * tables, Lua closures, upvalues, prototypes, userdata and threads.
 */
export interface GCObject {
  /** Colour bits (see the module comment). */
  marked: number;
  /** Next object on the all-objects list. */
  gcnext: GCObject | undefined;
  /** Estimated bytes, re-measured at each traversal. */
  gcsize: number;
}

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

/** Estimated sizes in bytes, as a 64-bit PUC-Rio build would allocate. */
export const SIZE = {
  table: 56, arraySlot: 16, hashNode: 32,
  closure: 32, closureUpval: 8,
  upval: 40,
  proto: 128, instruction: 4, constant: 16, childProto: 8,
  userdata: 40, userValue: 16,
  thread: 208, stackSlot: 16, frame: 64,
} as const;

/** Everything the collector of one Lua state keeps. */
export class Heap {
  /** Whether objects are linked at all (false for the detached heap). */
  readonly linking: boolean;
  /** Every collectable object (through `gcnext`). */
  allgc: GCObject | undefined = undefined;
  /**
   * Objects whose metatable had `__gc` when it was set, oldest first
   * (they stay on `allgc` too; PUC-Rio moves them to a list of their own).
   */
  finobj: GCObject[] = [];
  /** Unreachable objects with finalizers, waiting for their `__gc` call (oldest call first). */
  tobefnz: GCObject[] = [];
  /** The white new objects get; `currentWhite ^ WHITES` is the dead white during a sweep. */
  currentWhite = WHITE0;
  phase: Phase = Phase.PAUSE;

  /** Objects reached but not traversed. */
  gray: GCObject[] = [];
  /** Objects to traverse again in the atomic phase (threads, barriered tables, weak tables). */
  grayagain: GCObject[] = [];
  /** Tables with weak values (and strong keys) met in this cycle. */
  weak: GCObject[] = [];
  /** Tables with weak keys and strong values (ephemerons). */
  ephemeron: GCObject[] = [];
  /** Tables with weak keys and values. */
  allweak: GCObject[] = [];

  /**
   * Estimated bytes in use: what the last marking found alive (`estimate`)
   * plus everything allocated since (PUC-Rio's gettotalbytes).
   */
  total = 0;
  /** Bytes allocated since the last atomic phase (for the log). */
  loose = 0;
  /** Bytes of the objects traversed in the cycle under way, strings they hold included. */
  markedBytes = 0;
  /**
   * Bytes allocated beyond the threshold; a step runs when it becomes
   * positive (PUC-Rio's GCdebt). Allocation adds to it; a step pays it off.
   */
  debt = 0;
  /**
   * What the last marking found alive: the base of the next threshold (in
   * generational mode, what the last *major* collection left).
   */
  estimate = 0;
  /** Values the host holds through the API (roots), with a count per value. */
  hostRoots = new Map<object, number>();

  /** `pause` (percent): wait until memory reaches pause% of the estimate before a new cycle. */
  pause = 200;
  /** `stepmul` (percent): how much work a step does per byte of debt. */
  stepmul = 100;
  /** `stepsize` (log2 bytes): the allocation between two steps. */
  stepsize = 13;
  /** Memory limit in bytes (host option, `T.totalmem(n)`): beyond it, "not enough memory". */
  limit = Infinity;
  /** `collectgarbage("stop")` sets this false. */
  running = true;
  /**
   * The kind of collection running now (PUC-Rio's gckind). The mode
   * `collectgarbage` reports is `declaredMode`: after a "bad" major
   * collection a generational heap runs incremental cycles for a while.
   */
  kind: 'incremental' | 'generational' = 'incremental';
  /**
   * Not 0 when the last major collection was "bad" (freed less than half
   * the growth): the work of its atomic phase, to compare the next one
   * with (PUC-Rio's lastatomic; see `stepGenFull`).
   */
  lastAtomic = 0;
  /** `minormul` (percent): a minor collection after memory grows this much. */
  minormul = 20;
  /** `majormul` (percent): a major collection after memory grows this much beyond the last major one. */
  majormul = 100;
  /**
   * Generational mode splits `allgc` (newest first) into segments:
   * [allgc, survival) new objects, [survival, old1) survivals of one
   * collection, [old1, reallyold) OLD1 objects, [reallyold, end) old ones.
   * `firstold1` is the first OLD1 object anywhere (an old0 object turns
   * OLD1 in the young segments). Undefined means the end of the list.
   */
  survival: GCObject | undefined = undefined;
  old1: GCObject | undefined = undefined;
  reallyold: GCObject | undefined = undefined;
  firstold1: GCObject | undefined = undefined;
  /** A minor collection is under way: each traversal replaces the object's last measure. */
  minor = false;
  /** Stress mode: a full collection at every safe point, swept objects poisoned. */
  stress = false;
  /** Put objects on the all-objects list at birth (stress mode, `T`). */
  eager = false;
  /** Stress mode: objects freed by the sweep under way, poisoned when it ends. */
  poisonQueue: object[] = [];
  /** Stress mode: receives the JS stack of a use of a poisoned object (the state sets it for LUCID_GC_TRACE=1). */
  traceDead: ((stack: string) => void) | undefined = undefined;
  /** GC log: a function that receives one line per phase change. */
  log: ((line: string) => void) | undefined = undefined;
  /** The state is closing: every pending finalizer runs, no new ones are taken. */
  closing = false;
  /** The thread at the safe point where the collector runs, and the end of its live registers (-1: from its frames). */
  atThread: object | undefined = undefined;
  atTop = -1;
  /** True while a step or a full collection runs (no re-entry from finalizers). */
  busy = false;
  /** Completed cycles (for the log and the specs). */
  cycles = 0;
  /** Work of the cycle under way, for the log: bytes traversed, objects and bytes freed, finalizers run. */
  work = { traversed: 0, allocated: 0, freed: 0, freedBytes: 0, finalized: 0, startTotal: 0 };

  constructor(linking = true) {
    this.linking = linking;
  }
}

/** The mode `collectgarbage` reports: generational also while a bad collection keeps it incremental. */
export function declaredMode(h: Heap): 'incremental' | 'generational' {
  return h.kind === 'generational' || h.lastAtomic !== 0 ? 'generational' : 'incremental';
}

/** The heap objects are linked into while no Lua state runs. */
const detached = new Heap(false);
let inEffect: Heap = detached;

/** Make `h` the heap new objects belong to (entry into a state). */
export function setHeap(h: Heap): void { inEffect = h; }

/** The heap in effect. */
export function currentHeap(): Heap { return inEffect; }

/**
 * A new object is born: paint it the current white and charge `size`
 * bytes (as loose allocation: the object's own measure starts when it is
 * first traversed).
 */
export function link(o: GCObject, size: number): void {
  const h = inEffect;
  o.marked = h.currentWhite;
  if (!h.linking) return;
  h.total += size;
  h.loose += size;
  h.debt += size;
  if (h.eager) attach(h, o);
}

/** Put `o` at the head of the all-objects list. */
export function attach(h: Heap, o: GCObject): void {
  o.marked |= LINKED;
  o.gcnext = h.allgc;
  h.allgc = o;
}

/** Charge bytes allocated without a new object (a new string, a table growing). */
export function charge(bytes: number, h: Heap = inEffect): void {
  h.total += bytes;
  h.loose += bytes;
  h.debt += bytes;
}

/** The bytes a string costs (PUC-Rio's TString header plus its bytes). */
export function stringSize(s: string): number { return 24 + s.length; }
