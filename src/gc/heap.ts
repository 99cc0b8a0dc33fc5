/**
 * # The heap: what the collector knows about every object
 *
 * Responsibility: the data of lucid's collector — the lists the phases
 * move objects between, the allocation accounting (`total`, `debt`), the
 * tuning parameters — and the `Collector` operations objects call: `link`,
 * which every allocation performs (paint the new object the current white
 * and charge its size to the debt), `charge`, the write barriers and the
 * registration of finalizers (the last two in `barrier.ts`).
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
 * ## How an object finds its heap
 * Every object is born into the heap of one state: its constructor takes
 * that heap (`new LuaTable(heap)`) and calls `link`. Objects that need
 * the collector again later — tables and userdata (barriers, growth),
 * closed upvalues (barriers) — keep the reference; a closure, a thread or
 * a native only pass through it. Prototypes are born plain (FIXED: the
 * compiler and the chunk reader know no state) and join a heap when a
 * chunk is loaded into a state (`joinHeap` in src/object/objects.ts).
 * Objects must not be shared between two states.
 *
 * The objects reach the heap through the `Collector` interface of
 * `src/value/collectable.ts`, which the lowest layer owns; `Heap` is the
 * one class that implements it, so those calls stay monomorphic. The
 * header itself (colour, list and age bits, sizes) is defined there too,
 * and re-exported here for the collector's modules.
 *
 * ## What the state installs
 * Finalizers are Lua calls, and errors in them are warnings: both belong
 * to layers above the collector. The state installs them here as
 * callbacks (`callFinalizer`, `warn`; src/api/state.ts) when it is made.
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
 * Read next: `incremental.ts` (the phases), `collector.ts` (the
 * controls), `mark.ts`, `sweep.ts`, `barrier.ts`, docs/gc.md.
 */

import { WHITE0, LINKED, SIZE, type Collector, type GCObject } from '../value/collectable.ts';
import type { LuaTable } from '../value/table.ts';
import type { LuaValue } from '../value/types.ts';
import type { LuaThread } from '../object/objects.ts';
import type { LuaUserdata } from '../object/userdata.ts';
import { Phase, PHASE_NAMES } from './phase.ts';
import { overhead, slotOverhead, HASH_ENTRY } from './footprint.ts';
import { barrierBack, barrierForward, metatableSet } from './barrier.ts';

export {
  WHITE0, WHITE1, WHITES, BLACK, FINOBJ, LINKED, AGAIN, FIXED, COLOURS, AGES, Age, AGE_NAMES,
  getAge, setAge, isOld, SIZE, stringSize,
} from '../value/collectable.ts';
export type { GCObject, Collector } from '../value/collectable.ts';
export { Phase, PHASE_NAMES };

/**
 * What a watcher of the collector is told (src/api/introspect.ts,
 * watchCollector): a line of the GC log (a phase change, a step), a write
 * barrier as it fires on a black object, a finalizer about to run.
 */
export type CollectorEvent =
  | {
    /** A line of the GC log. */
    kind: 'log';
    /** The line, as LUCID_GC_LOG prints it ("[gc] propagate ..."). */
    line: string;
  }
  | {
    /** A back barrier: a store into black `object` made it gray again. */
    kind: 'barrier-back';
    /** The black table or userdata stored into. */
    object: GCObject;
  }
  | {
    /** A forward barrier: black `object` now refers to `value`, marked at once. */
    kind: 'barrier-forward';
    /** The black object (a closed upvalue, a closure, an object given a metatable). */
    object: GCObject;
    /** What it now refers to. */
    value: unknown;
  }
  | {
    /** A finalizer (`__gc`) is about to run. */
    kind: 'finalizer';
    /** The object it is called with. */
    object: LuaTable | LuaUserdata;
  };

/** Where an incremental sweep stands: the last survivor (undefined: none yet) and the next object to look at. */
export interface SweepCursor {
  /**
   * The last object the sweep kept, whose `gcnext` is relinked when the next object turns out
   * dead.
   */
  prev: GCObject | undefined;
  /** The next object to examine; undefined when the sweep reached the end of the list. */
  next: GCObject | undefined;
}

/** Everything the collector of one Lua state keeps. */
export class Heap implements Collector {
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
  /** Where the current cycle stands (phase.ts); `PAUSE` between cycles. */
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
  /**
   * Count V8's real footprint of tables, closures and upvalues on top of
   * the estimate (footprint.ts). The host's `memoryLimit` sets it: that
   * limit bounds real memory. `T.totalmem(n)` does not: the test suite's
   * limits are written in PUC-Rio's bytes (gc.lua leaves 200 bytes of room
   * and allocates 200 short-lived tables, which only fit when counted so).
   */
  footprint = false;
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
  /** Start of the OLD1 segment of `allgc` (generational mode), see above. */
  old1: GCObject | undefined = undefined;
  /**
   * Start of the segment of really old objects, which minor collections neither traverse nor
   * sweep.
   */
  reallyold: GCObject | undefined = undefined;
  /**
   * The first OLD1 object anywhere on the list, where a minor collection starts its extra
   * traversal.
   */
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
  /** GC log of every incremental step too (LUCID_GC_LOG=steps): its work and the objects it coloured or freed. */
  logSteps = false;
  /**
   * The watch point of a tool looking at the collector (watchCollector):
   * told of each barrier and finalizer here, and of the log lines through
   * `log`. Undefined, it costs one test per barrier that fires.
   */
  watch: ((e: CollectorEvent) => void) | undefined = undefined;
  /** The state is closing: every pending finalizer runs, no new ones are taken. */
  closing = false;
  /** The thread at the safe point where the collector runs, and the end of its live registers (-1: from its frames). */
  atThread: object | undefined = undefined;
  /**
   * The end of `atThread`'s live registers at the safe point (-1: computed from its frames);
   * slots above it are garbage the collector must not keep alive.
   */
  atTop = -1;
  /** True while a step or a full collection runs (no re-entry from finalizers). */
  busy = false;
  /** Completed cycles (for the log and the specs). */
  cycles = 0;
  /**
   * Work of the cycle under way, for the log: bytes traversed, objects
   * turned black (traversed), objects the sweep looked at, objects and bytes freed, finalizers run.
   * Fields: `traversed` (bytes), `blackened`, `swept`, `allocated` (loose
   * bytes allocated during marking, counted at the atomic phase), `freed`,
   * `freedBytes`, `finalized`, and `startTotal` (the heap's total when the
   * cycle began, to print "before -> after").
   */
  work = { traversed: 0, blackened: 0, swept: 0, allocated: 0, freed: 0, freedBytes: 0, finalized: 0, startTotal: 0 };

  /** Where the sweep under way stands (set while the phase is SWEEPALLGC). */
  sweepCursor: SweepCursor | undefined = undefined;

  /**
   * Call finalizer `fn` with `o` on thread `L`, as a protected call would
   * (an error is thrown back to `finalize.ts`). Installed by the state:
   * calling Lua is the machine's business, not the collector's.
   */
  callFinalizer: (L: LuaThread, fn: LuaValue, o: LuaTable | LuaUserdata) => void = noFinalizers;
  /** Emit a warning (an error in a finalizer). Installed by the state. */
  warn: (message: string) => void = noWarnings;
  /**
   * An allocation took `total` past `limit`. The state installs a request
   * for an early check of the running code (src/vm/budget.ts), where the
   * emergency collection runs: an allocation itself is no safe point, and
   * a loop that only fills a table reaches none of the collector's.
   */
  overLimit: () => void = noWarnings;

  // ── the Collector interface (src/value/collectable.ts) ──────────────────

  /**
   * A new object is born: paint it the current white and charge `size`
   * bytes (as loose allocation: the object's own measure starts when it is
   * first traversed).
   */
  link(o: GCObject, size: number): void {
    o.marked = this.currentWhite;
    if (this.footprint) size += overhead(o);   // the host's limit bounds real memory (footprint.ts)
    this.total += size;
    this.loose += size;
    this.debt += size;
    if (this.eager) this.attach(o);
    if (this.total > this.limit) this.overLimit();
  }

  /** Charge bytes allocated without a new object (a new string, a table growing). */
  charge(bytes: number): void {
    this.total += bytes;
    this.loose += bytes;
    this.debt += bytes;
    if (this.total > this.limit) this.overLimit();
  }

  /** Charge a new array slot holding `value` (counting the footprint, a boxed number's real cost too). */
  chargeSlot(value: unknown): void {
    this.charge(this.footprint ? SIZE.arraySlot + slotOverhead(value) : SIZE.arraySlot);
  }

  /** Charge a new hash entry (counting the footprint, the Map's real cost and number boxes too). */
  chargeEntry(key: unknown, value: unknown): void {
    this.charge(this.footprint ? SIZE.hashNode + HASH_ENTRY + slotOverhead(key) + slotOverhead(value) : SIZE.hashNode);
  }

  barrierBack(o: GCObject): void {
    if (this.watch !== undefined) this.watch({ kind: 'barrier-back', object: o });
    barrierBack(this, o);
  }
  barrierForward(o: GCObject, v: unknown): void {
    if (this.watch !== undefined) this.watch({ kind: 'barrier-forward', object: o, value: v });
    barrierForward(this, o, v);
  }
  metatableSet(o: GCObject, mt: LuaTable | undefined): void { metatableSet(this, o, mt); }

  /** Put `o` at the head of the all-objects list. */
  attach(o: GCObject): void {
    o.marked |= LINKED;
    o.gcnext = this.allgc;
    this.allgc = o;
  }
}

/**
 * Every state's heap is a `Heap`: the object layer names it by the door
 * objects use (`StateHeap extends Collector`, src/object/objects.ts), and
 * this declaration completes that interface with all of `Heap`, so that
 * `G.heap` shows the whole heap to the layers above the collector.
 */
declare module '../object/objects.ts' {
  interface StateHeap extends Heap {}
}

function noFinalizers(): void {}
function noWarnings(): void {}

/** The mode `collectgarbage` reports: generational also while a bad collection keeps it incremental. */
export function declaredMode(h: Heap): 'incremental' | 'generational' {
  return h.kind === 'generational' || h.lastAtomic !== 0 ? 'generational' : 'incremental';
}
