/**
 * # Introspection for the test library: the machine seen from inside
 *
 * Responsibility: what PUC-Rio's internal test library reads and drives
 * below lua.h, for `T` (`src/lib/testlib.ts`) to offer to Lua: the
 * collector's phase (read it, or run the collector to one), an object's
 * colour and generational age, the memory in use and the objects of a type,
 * a memory limit, the heap's invariant checker, and the views of compiled
 * code (`listcode`, `listk`, `listabslineinfo`, `listlocals`) of
 * `src/bytecode/testlib.ts`. Plain functions on the machine: no Lua
 * natives, no argument checks (the library does those).
 *
 * Manual: none (a testing aid; `T` is off unless LUCID_TESTLIB=1).
 * PUC-Rio counterpart: the parts of `ltests.c` that are compiled against
 * the core's internals (`gc_state`, `gc_color`, `gc_age`, `mem_query`,
 * `lua_checkmemory`, `listcode` ...), here kept in the api layer so that the
 * library itself stays above the door, like every other library.
 *
 * Invariant: only {@link runGcToState}, {@link setMemoryLimit} and
 * {@link listEveryObject} change the machine; everything else reads
 * ({@link watchCollector} turns the step log on, which changes no
 * decision of the collector).
 * State names follow ltests.c, which calls the state before the atomic
 * step "atomic" (lucid's ENTERATOMIC) and the atomic step "enteratomic".
 *
 * Read next: `src/lib/testlib.ts` (the `T` functions), `src/gc/collector.ts`,
 * `src/gc/verify.ts`.
 */
import type { LuaThread } from '../object/objects.ts';
import { LuaClosure } from '../object/objects.ts';
import { BLACK, WHITES, FIXED, Phase, AGE_NAMES, declaredMode, getAge, type GCObject, type CollectorEvent } from '../gc/heap.ts';
import { runToPhase, isDead, fullCollect } from '../gc/collector.ts';
import { LuaError, MEMERRMSG } from '../value/index.ts';
import { checkHeap, countObjects } from '../gc/verify.ts';
import type { Proto } from '../bytecode/proto.ts';
import type { Value } from '../value/index.ts';

export type { Proto, CollectorEvent };
export { listcode, listk, listabslineinfo, listlocals, printcode, buildop } from '../bytecode/testlib.ts';

/** The prototype (compiled code) of a Lua function, or undefined for anything else. */
export function protoOf(f: Value): Proto | undefined {
  return f instanceof LuaClosure ? f.proto : undefined;
}

// ---- the collector's phases -----------------------------------------------

/** ltests.c's names of the collector's states, in lucid's Phase order. */
export const GC_STATE_NAMES: readonly string[] = ['propagate', 'atomic', 'enteratomic', 'sweepallgc',
  'sweepfinobj', 'sweeptobefnz', 'sweepend', 'callfin', 'pause'];

/** The state the collector of `L`'s Lua state is in, by ltests.c's name (gc_state with no argument). */
export function gcStateName(L: LuaThread): string {
  return GC_STATE_NAMES[L.global.heap.phase];
}

/** The collector's mode as `collectgarbage` reports it. */
export function gcMode(L: LuaThread): 'incremental' | 'generational' {
  return declaredMode(L.global.heap);
}

/**
 * Watch the collector of `L`'s state without changing what it does:
 * `callback` is told of every line of the GC log, the step lines
 * included (what LUCID_GC_LOG=steps prints: phase changes, each step's
 * work), every write barrier as it fires, and every finalizer before it
 * runs (a {@link CollectorEvent}). The callback must not call Lua, mark
 * or allocate Lua objects. One watcher at a time: a new one replaces the
 * previous until it stops. Returns the function that stops watching and
 * puts the log back as it was.
 */
export function watchCollector(L: LuaThread, callback: (e: CollectorEvent) => void): () => void {
  const h = L.global.heap;
  const saved = { log: h.log, logSteps: h.logSteps, watch: h.watch };
  h.watch = callback;
  h.logSteps = true;
  h.log = (line) => { saved.log?.(line); callback({ kind: 'log', line }); };
  return () => {
    if (h.watch !== callback) return;   // already replaced: leave the newer watcher alone
    h.log = saved.log; h.logSteps = saved.logSteps; h.watch = saved.watch;
  };
}

/**
 * Run the (incremental) collector until it is in state `name` (one of
 * {@link GC_STATE_NAMES}); a state behind the current one is reached
 * through the end of this cycle. Not in generational mode, which has no
 * such states. (gc_state with a name: luaC_runtilstate.)
 */
export function runGcToState(L: LuaThread, name: string): void {
  const phase = GC_STATE_NAMES.indexOf(name) as Phase;
  if (phase < L.global.heap.phase) runToPhase(L.global, L, Phase.PAUSE);
  runToPhase(L.global, L, phase);
}

// ---- objects --------------------------------------------------------------

/** Is `v` an object the collector manages (not a number, string, boolean, light function)? */
function collectable(v: Value): v is GCObject {
  return typeof v === 'object' && v !== null && typeof v.marked === 'number' && (v.marked & FIXED) === 0;
}

/**
 * The colour of `v` for the collector: "white", "gray", "black", "dead"
 * (white of the old cycle while sweeping), or "no collectable" (gc_color).
 */
export function gcColor(L: LuaThread, v: Value): string {
  if (!collectable(v)) return 'no collectable';
  const m = v.marked;
  return isDead(L.global.heap, v) ? 'dead' : m & WHITES ? 'white' : m & BLACK ? 'black' : 'gray';
}

/**
 * The generational age of `v` ("new", "survival", "old0", "old1", "old",
 * "touched1", "touched2"; every object is "new" in incremental mode), or
 * "no collectable" (gc_age).
 */
export function gcAge(v: Value): string {
  return collectable(v) ? AGE_NAMES[getAge(v)] : 'no collectable';
}

// ---- memory ---------------------------------------------------------------

/** Bytes in use, as the collector accounts them (mem_query with no argument: gettotalbytes). */
export function totalMemory(L: LuaThread): number {
  return Math.round(L.global.heap.total);
}

/** How many objects of Lua type `type` ("table", "function", ...) are on the all-objects list (mem_query with a type name). */
export function countObjectsOfType(L: LuaThread, type: string): number {
  return countObjects(L.global.heap, type);
}

/** Limit the memory in use to `bytes` (0: no limit); past it, allocation fails with "not enough memory" (mem_query with a number: l_memcontrol's limit). */
export function setMemoryLimit(L: LuaThread, bytes: number): void {
  L.global.heap.limit = bytes === 0 ? Infinity : bytes;
}

/** The memory limit {@link setMemoryLimit} set, in bytes (0: none). */
export function memoryLimit(L: LuaThread): number {
  const limit = L.global.heap.limit;
  return limit === Infinity ? 0 : limit;
}

/**
 * Charge `bytes` of a block the object `o` owns (a userdata's memory, as
 * C's allocator would hand it out) to the heap, so the limit applies to
 * it and the sweep gives it back with the object. Over the limit even
 * after a full collection: "not enough memory", and nothing is charged.
 */
export function chargeBlock(L: LuaThread, o: object, bytes: number): void {
  const G = L.global, h = G.heap;
  if (h.total + bytes > h.limit) {
    fullCollect(G, L);
    if (h.total + bytes > h.limit) throw new LuaError(MEMERRMSG);
  }
  (o as GCObject).gcsize += bytes;
  h.charge(bytes);
}

/**
 * Put every object on the all-objects list at birth (not only once it
 * survives its first step), so that {@link countObjectsOfType} and
 * {@link checkMemory} see them all, as PUC-Rio's lists do.
 */
export function listEveryObject(L: LuaThread): void {
  L.global.heap.eager = true;
}

/**
 * Check the collector's invariants over the whole heap (lua_checkmemory):
 * no black object refers to a white one while marking, no live one to a
 * dead one while sweeping, generational ages consistent. Undefined when
 * all hold, else a description of the first violation.
 */
export function checkMemory(L: LuaThread): string | undefined {
  try {
    checkHeap(L.global.heap);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
