/**
 * # Footprint: what the JavaScript engine really spends on an object
 *
 * Responsibility: the bytes V8 allocates for lucid's objects beyond the
 * collector's estimate. The estimate (`SIZE`, src/value/collectable.ts)
 * is what a 64-bit PUC-Rio build would allocate, so that
 * `collectgarbage("count")` reads like Lua's; but a `LuaTable` is a JS
 * object with an array and a `Map`, and a closure a JS object with an
 * array of upvalue cells, several times their C size. A memory limit has
 * to bound real memory, so a heap under the host's `memoryLimit`
 * (`Heap.footprint`) charges this overhead on top of the estimate, at
 * birth (`Heap.link`) and at every traversal (src/gc/mark.ts), and its
 * count is then the real footprint. The test library's `T.totalmem(n)`
 * limit keeps PUC-Rio's count, in which the official tests set it.
 *
 * Manual: §2.5 (the collector's count), `lua_setallocf`'s limit in spirit.
 * PUC-Rio counterpart: none — its allocator knows the real size.
 *
 * The figures were measured on Node 20 (x64, no pointer compression) as
 * the growth of `process.memoryUsage().heapUsed` after a full V8
 * collection per 100,000 objects, rounded up: an empty table costs about
 * 340 bytes (the object, its empty array and Map), a table with an array
 * part about 490, each hash entry 38–53 (the Map's entry and its bucket),
 * a closure 146 and an upvalue cell 80, and a float in an array slot 30
 * (the slot and the number's box). An overestimate only makes the
 * limit a little stricter; an underestimate lets V8 run past it.
 *
 * Invariant: `overhead(o)` depends only on the object's current shape,
 * so a traversal's measure replaces the last one consistently.
 *
 * Read next: `heap.ts` (link and the limit), `mark.ts` (the traversal's
 * measure), src/vm/budget.ts (where the limit is checked).
 */
import { LuaTable } from '../value/table.ts';
import { LuaClosure, UpVal } from '../object/objects.ts';
import type { GCObject } from '../value/collectable.ts';

/** Extra bytes of a table (object, empty array and Map) and of its array's first backing store. */
const TABLE = 280, TABLE_ARRAY = 140;
/** Extra bytes of a hash entry (the Map's entry and bucket beyond PUC-Rio's node). */
export const HASH_ENTRY = 24;
/** Extra bytes of a closure and of an upvalue cell. */
const CLOSURE = 96, UPVAL = 48;

/** The box of a number that is not a small integer (a V8 HeapNumber). */
const BOXED_NUMBER = 16;

/** Extra bytes of an array slot holding `v`: a number outside the int32 range or with a fraction is boxed. */
export function slotOverhead(v: unknown): number {
  return typeof v === 'number' && (v | 0) !== v ? BOXED_NUMBER : 0;
}

/** Bytes V8 spends on `o` beyond the collector's estimate of it. */
export function overhead(o: GCObject): number {
  if (o instanceof LuaTable) {
    const a = o.array;
    let boxed = 0;
    for (let i = 0; i < a.length; i++) boxed += slotOverhead(a[i]);
    for (const [k, v] of o.hash) boxed += slotOverhead(k) + slotOverhead(v);
    return TABLE + (a.length > 0 ? TABLE_ARRAY : 0) + HASH_ENTRY * o.hash.size + boxed;
  }
  if (o instanceof LuaClosure) return CLOSURE;
  if (o instanceof UpVal) return UPVAL;
  return 0;
}
