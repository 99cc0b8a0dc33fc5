/**
 * # Marking: from white to gray to black
 *
 * Responsibility: reaching objects (`markValue` paints a white object gray
 * and queues it), traversing them (`propagate` takes a gray object, paints
 * it black and marks what it references), weak tables (which references
 * count), and measuring each object's size as it is traversed.
 *
 * Manual: §2.5 (what is reachable), §2.5.4 (weak tables, ephemerons).
 * PUC-Rio counterpart: `lgc.c` — `reallymarkobject`, `propagatemark`,
 * `traversetable`, `traverseephemeron`, `traverseweakvalue`,
 * `traverseLclosure`, `traversethread`, `traverseproto`, `traverseudata`.
 *
 * Invariants:
 * - Only white objects are queued; each traversal paints its object black,
 *   except threads and weak tables, which stay gray (they are traversed
 *   again in the atomic phase and must not take barriers meanwhile).
 * - A traversal measures the object (`gcsize`), counting the bytes of the
 *   strings it holds — strings are JS values, not collector objects
 *   (docs/design.md §5) — and adds it to the cycle's `markedBytes` (replacing
 *   its first measure when it is traversed again in the atomic phase).
 * - In generational mode (`generational.ts`) a traversal also decides
 *   whether an old object must be looked at in the next collection too:
 *   old threads and open upvalues always are (they change without
 *   barriers), touched objects for two collections (`genLink`).
 * - Strings, numbers and booleans are never "cleared" from weak tables:
 *   only white collectable objects are (native functions are collectable,
 *   like PUC-Rio's C closures).
 *
 * Read next: `collector.ts` (when these run), `sweep.ts`.
 */
import { LuaTable } from '../value/table.ts';
import { LuaUserdata } from '../object/userdata.ts';
import { LuaClosure, LuaNative, LuaThread, UpVal, type Frame } from '../object/objects.ts';
import { Proto } from '../bytecode/proto.ts';
import {
  BLACK, COLOURS, WHITES, LINKED, AGAIN, AGES, SIZE, Age, stringSize, getAge, setAge, isOld, type GCObject,
} from '../value/collectable.ts';
import { Phase } from './phase.ts';
import { overhead } from './footprint.ts';
import type { Heap } from './heap.ts';


/** Reach `v`: a white object turns gray and waits in the gray list. Returns the bytes of a string. */
export function markValue(h: Heap, v: unknown): number {
  if (typeof v === 'string') return stringSize(v);
  if (typeof v !== 'object' || v === null) return 0;
  const o = v as Partial<GCObject>;
  if (o.marked !== undefined) {
    const m = o.marked;
    if (m & WHITES) {
      o.marked = m & ~WHITES;   // gray
      if ((m & LINKED) === 0) h.attach(o as GCObject);   // reached for the first time
      h.gray.push(o as GCObject);
    }
  }
  return 0;
}

/** Is `v` a collectable object that marking has not reached (so a weak table drops it)? */
export function isCleared(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const m = (v as Partial<GCObject>).marked;
  return m !== undefined && (m & WHITES) !== 0;
}

/** Traverse one gray object; returns the work done (bytes traversed). */
export function propagateOne(h: Heap): number {
  const o = h.gray.pop()!;
  const again = (o.marked & AGAIN) !== 0;
  o.marked = (o.marked & ~AGAIN) | BLACK;
  let size: number;
  if (o instanceof LuaTable) size = traverseTable(h, o);
  else if (o instanceof LuaClosure) size = traverseClosure(h, o);
  else if (o instanceof LuaNative) size = traverseNative(h, o);
  else if (o instanceof UpVal) size = traverseUpval(h, o, again);
  else if (o instanceof Proto) size = traverseProto(h, o);
  else if (o instanceof LuaUserdata) size = traverseUserdata(h, o);
  else if (o instanceof LuaThread) size = traverseThread(h, o, o === h.atThread ? h.atTop : -1);
  else throw new Error('the collector met an object it does not know');
  if (h.footprint) size += overhead(o);   // the host's limit bounds real memory (footprint.ts)
  // a second traversal in the same cycle replaces the first measure; so
  // does every traversal of a minor collection, which starts from the
  // measures of the last one (generational.ts)
  h.markedBytes += again || h.minor ? size - o.gcsize : size;
  o.gcsize = size;
  if ((o.marked & BLACK) !== 0 && (o.marked & AGES) !== 0) genLink(h, o);
  return size;
}

/**
 * After a touched object is traversed (generational mode): one touched in
 * this cycle goes back to `grayagain`, to be traversed in the next
 * collection as well (its young referents will only be survivals then);
 * one touched in the previous cycle has now been seen twice and is
 * simply old again (PUC-Rio's genlink).
 */
export function genLink(h: Heap, o: GCObject): void {
  const age = getAge(o);
  if (age === Age.TOUCHED1) {
    o.marked &= ~COLOURS;
    pushGrayAgain(h, o);
  } else if (age === Age.TOUCHED2) {
    setAge(o, Age.OLD);
  }
}

/** Queue an object that is not white (an OLD1 object, for markold) for one more traversal. */
export function regray(h: Heap, o: GCObject): void {
  o.marked &= ~COLOURS;
  h.gray.push(o);
}

/** Traverse every gray object. */
export function propagateAll(h: Heap): number {
  let work = 0;
  while (h.gray.length > 0) work += propagateOne(h);
  return work;
}

/** Keep `o` gray and traverse it again in the atomic phase. */
function keepGray(h: Heap, o: GCObject): void {
  o.marked &= ~COLOURS;
  pushGrayAgain(h, o);
}

/** Queue `o` for another traversal in the atomic phase. */
export function pushGrayAgain(h: Heap, o: GCObject): void {
  o.marked |= AGAIN;
  h.grayagain.push(o);
}

/** The weakness of a table from its metatable's `__mode`: bit 1 keys, bit 2 values. */
function weakness(mt: LuaTable | undefined): number {
  if (mt === undefined) return 0;
  const mode = mt.getStr('__mode');
  if (typeof mode !== 'string') return 0;
  return (mode.includes('k') ? 1 : 0) | (mode.includes('v') ? 2 : 0);
}

function traverseTable(h: Heap, t: LuaTable): number {
  const mt = t.metatable;
  if (mt !== undefined) markValue(h, mt);
  let bytes = SIZE.table + SIZE.arraySlot * t.array.length + SIZE.hashNode * t.hash.size;
  const weak = mt === undefined ? 0 : weakness(mt);
  if (weak === 0) {
    const a = t.array;
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (typeof v === 'object' || typeof v === 'string') bytes += markValue(h, v);
    }
    if (t.hash.size > 0) for (const [k, v] of t.hash) bytes += markValue(h, k) + markValue(h, v);
    return bytes;
  }
  if (weak === 2) {
    // weak values: keys are strong; values are left for clearing
    for (const k of t.hash.keys()) bytes += markValue(h, k);
    if (h.phase === Phase.PROPAGATE) keepGray(h, t); else { t.marked &= ~COLOURS; h.weak.push(t); }
  } else if (weak === 1) {
    bytes += traverseEphemeron(h, t).bytes;
  } else {
    // all weak: nothing is marked through it
    if (h.phase === Phase.PROPAGATE) keepGray(h, t); else { t.marked &= ~COLOURS; h.allweak.push(t); }
  }
  for (const v of t.array) if (typeof v === 'string') bytes += stringSize(v);
  for (const [k, v] of t.hash) {
    if (typeof k === 'string') bytes += stringSize(k);
    if (typeof v === 'string' && weak !== 1) bytes += stringSize(v);
  }
  return bytes;
}

/**
 * An ephemeron table (weak keys, strong values): a value is reached only
 * if its key is. Returns whether it marked something (the atomic phase
 * repeats until no ephemeron marks anything: `convergeEphemerons`).
 *
 * @returns `marked`: a value was marked; `bytes`: the work done, for the
 *   step's budget.
 */
export function traverseEphemeron(h: Heap, t: LuaTable): { marked: boolean; bytes: number } {
  let marked = false, clears = false, whiteWhite = false, bytes = 0;
  for (const v of t.array) {   // integer keys are never cleared: these values are strong
    if (isCleared(v)) marked = true;
    bytes += markValue(h, v);
  }
  for (const [k, v] of t.hash) {
    if (isCleared(k)) {
      clears = true;
      if (isCleared(v)) whiteWhite = true;
    } else {
      if (isCleared(v)) marked = true;
      bytes += typeof v === 'string' ? stringSize(v) : markValue(h, v);
    }
  }
  // ephemerons stay gray while something may still change for them
  if (h.phase === Phase.PROPAGATE) { t.marked &= ~COLOURS; pushGrayAgain(h, t); }
  else if (whiteWhite) { t.marked &= ~COLOURS; h.ephemeron.push(t); }
  else if (clears) { t.marked &= ~COLOURS; h.allweak.push(t); }
  else t.marked |= BLACK;   // settled for this cycle (and for genLink)
  return { marked, bytes };
}

function traverseClosure(h: Heap, c: LuaClosure): number {
  markValue(h, c.proto);
  for (const u of c.upvals) markValue(h, u);
  return SIZE.closure + SIZE.closureUpval * c.upvals.length;
}

function traverseUpval(h: Heap, u: UpVal, again: boolean): number {
  if (u.thread === undefined) {
    // generational mode keeps open upvalues in grayagain (below), and
    // closing one takes no barrier: an old upvalue found closed there was
    // closed since the last collection, and may now hold a young value
    // that nothing else will mark. Like a table that took a back barrier,
    // it is traversed in the next collection too (touched)
    if (again && h.kind === 'generational') {
      const age = getAge(u);
      if (age === Age.OLD || age === Age.OLD1) setAge(u, Age.TOUCHED1);
    }
    return SIZE.upval + markValue(h, u.value);
  }
  // an open upvalue's variable lives on its thread's stack: mark it there,
  // so a closure keeps the variable alive even when the thread is not. The
  // stack changes without barriers, so an open upvalue stays gray and is
  // looked at again in the atomic phase (PUC-Rio's remarkupvals), and, in
  // generational mode, at every collection while it stays open
  const bytes = markValue(h, u.thread.stack[u.index]);
  if (h.phase === Phase.PROPAGATE || h.kind === 'generational') keepGray(h, u);
  return SIZE.upval + bytes;
}

function traverseNative(h: Heap, f: LuaNative): number {
  let bytes = SIZE.closure + SIZE.closureUpval * f.upvalues.length;
  for (const v of f.upvalues) bytes += markValue(h, v);
  return bytes;
}

function traverseProto(h: Heap, p: Proto): number {
  let bytes = SIZE.proto + SIZE.instruction * p.code.length + SIZE.constant * p.constants.length +
    SIZE.childProto * p.protos.length;
  for (const k of p.constants) bytes += markValue(h, k);
  for (const child of p.protos) markValue(h, child);
  if (p.source !== undefined) bytes += stringSize(p.source);
  return bytes;
}

function traverseUserdata(h: Heap, u: LuaUserdata): number {
  if (u.metatable !== undefined) markValue(h, u.metatable);
  let bytes = SIZE.userdata + SIZE.userValue * u.uservalues.length;
  for (const v of u.uservalues) bytes += markValue(h, v);
  return bytes;
}

/**
 * The slots of a thread's stack that can hold live values: up to the
 * registers of its top frame, or its `top` if that is higher (a native's
 * arguments and results).
 */
export function stackExtent(L: LuaThread): number {
  let top = L.top;
  for (let d = L.depth; d >= 0; d--) {
    const f: Frame = L.frames[d];
    const t = f.closure !== undefined ? f.base + f.closure.proto.maxstacksize : Math.max(f.pc, f.base);
    if (t > top) top = t;
    if (f.closure !== undefined) break;   // frames below lie inside this one's window
  }
  return Math.min(top, L.stack.length);
}

/** Slots a shrunk stack keeps beyond twice its use (room for the calls to come). */
const STACK_SPARE = 256;

/**
 * A thread: its live stack slots, its open upvalues, what it transfers and
 * the handlers of its frames. `top` is the exact extent for the running
 * thread at a safe point, -1 to compute it. Threads stay gray.
 */
function traverseThread(h: Heap, L: LuaThread, top: number): number {
  const stack = L.stack;
  const extent = top >= 0 ? Math.min(top, stack.length) : stackExtent(L);
  let bytes = SIZE.thread + SIZE.stackSlot * stack.length + SIZE.frame * (L.depth + 1);
  for (let i = 0; i < extent; i++) bytes += markValue(h, stack[i]);
  for (const u of L.openUpvals) markValue(h, u);
  bytes += markValue(h, L.body);
  for (const v of L.transfer) bytes += markValue(h, v);
  for (let d = 0; d <= L.depth; d++) {
    const f = L.frames[d];
    markValue(h, f.closure);
    if (f.native !== undefined) markValue(h, f.native);
    markValue(h, f.msgh);
    if (f.closing !== undefined) {
      // values an error removed from the stack, whose __close handlers are still to run
      for (const v of f.closing.values) markValue(h, v);
      markValue(h, f.closing.err.value);
    }
  }
  if (h.phase === Phase.ATOMIC) {
    // dead slots above the extent must not keep garbage alive, nor hold an
    // object this cycle frees (a later, larger extent would reach it); a
    // stack far larger than its use (after a deep recursion or a stack
    // overflow) gives the rest back, as luaD_shrinkstack does
    const keep = stack.length > 3 * extent + STACK_SPARE ? 2 * extent + STACK_SPARE : stack.length;
    for (let i = extent; i < keep; i++) stack[i] = undefined;
    if (keep < stack.length) stack.length = keep;
  }
  // an old thread (generational mode) may point to young objects at any
  // time: it is traversed at every collection
  if (h.phase !== Phase.ATOMIC || isOld(L)) keepGray(h, L);
  return bytes;
}
