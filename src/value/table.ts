/**
 * # Tables
 *
 * Responsibility: Lua's one data structure — an array part for the keys
 * 1..n and a hash part for everything else, raw get and set with Lua's key
 * rules, the length border, and `next` for traversal.
 *
 * Manual: §2.1 (tables), §3.4.7 (the length operator), §6.1 (`next`).
 *
 * PUC-Rio counterpart: ltable.c (`luaH_get*`, `luaH_set*`, `luaH_getn`,
 * `luaH_next`, `rehash`, `luaH_resize`). The parts are a JS array and a
 * `Map`, but they are kept at the sizes lua would give them (table-shape.ts):
 * `#t` on a table with holes is whichever border lua's search meets first,
 * and that depends on where the array part ends.
 *
 * Invariants:
 * - Keys are normalised: a float with an integral value is stored under
 *   the integer key (2.0 and 2 are one key); nil and NaN are never keys.
 * - `array.length` is lua's array size: key i lives at `array[i - 1]` for
 *   1 ≤ i ≤ array.length, present or not (undefined), and in `hash`
 *   otherwise. The size changes only where lua's does: the constructor's
 *   size (NEWTABLE, lua_createtable), SETLIST (`reserveList`), and a rehash
 *   when a new key finds the hash part full (its size, `nodes`, is lua's
 *   node count; `used` counts the keys it received since its last resize,
 *   as lua's nodes keep the keys of removed entries).
 * - `limit` is lua's `alimit`: a hint for `#`, never above array.length;
 *   below it only when array.length is a power of two. `#` may lower it;
 *   any access to an integer key between it and array.length raises it to
 *   that key, as luaH_getint does.
 * - `hash` never holds nil values: assigning nil deletes the entry. A JS
 *   Map iterator stays valid when entries are deleted, which is exactly the
 *   freedom §6.1 gives to `next` (clearing fields during a traversal).
 * - A table belongs to the heap of one state (`heap`, given to the
 *   constructor). A store of a collectable value into a black table takes
 *   the back barrier, and growth is charged, through that heap only
 *   (`collectable.ts`: the table never imports the collector).
 *
 * Known difference: lua reuses the node of a removed entry for a key that
 * hashes to it, so after removals its rehash can come later than here
 * (`used` does not go down); `#` of a table with holes can then differ.
 *
 * Read next: `collectable.ts` (the header and the door to the collector),
 * `src/vm/` (the fast paths that read `array` directly).
 */

import { LuaFloat } from './float.ts';
import { LuaError } from './error.ts';
import type { LuaObject, LuaValue } from './types.ts';
import { BLACK, SIZE, type Collector, type GCObject } from './collectable.ts';
import {
  arrayBorder, arraySize, countArray, countKey, isPow2, nodeCount, resetCounts,
} from './table-shape.ts';

/** A normalised table key. */
export type TableKey = Exclude<LuaValue, undefined | LuaFloat>;

export class LuaTable implements LuaObject, GCObject {
  /**
   * The type name `type()` returns; a constant string so that `typeName` reads it without an
   * `instanceof` chain.
   */
  readonly luaType = 'table' as const;
  /** Collector header (collectable.ts). */
  marked = 0;
  gcnext: GCObject | undefined = undefined;
  gcsize = 0;
  /** Array part: key i at index i - 1, present or not; its length is lua's array size. */
  array: LuaValue[] = [];
  /** Hash part: every other key. */
  hash: Map<TableKey, LuaValue> = new Map();
  /** Lua's `alimit`: where `#` starts looking (see the invariants). */
  limit = 0;
  /** Lua's node count of the hash part (0: none, a power of two otherwise). */
  private nodes = 0;
  /** Keys put into the hash part since it was last sized (removed ones included). */
  private used = 0;
  /**
   * The metatable (`getmetatable`), or undefined. Set it through `setMetatable` so the collector
   * learns of `__gc` and `__mode`.
   */
  metatable: LuaTable | undefined = undefined;
  /** Iterator of the last `next` traversal, to continue it in O(1). */
  private iterKey: TableKey | undefined = undefined;
  private iter: Iterator<[TableKey, LuaValue]> | undefined = undefined;

  /**
   * A new table in the heap of one state (`L.global.heap`). The table keeps
   * its heap: stores into it may take a write barrier, growth is charged.
   *
   * @param heap - The collector of the owning state: the table links itself
   *   into it, charges its growth to it and calls its back barrier.
   */
  constructor(readonly heap: Collector, narray = 0, nhash = 0) {
    heap.link(this, SIZE.table);
    if (narray > 0) this.growArray(narray);
    this.nodes = nodeCount(nhash);
  }

  /**
   * Set the metatable (`setmetatable` after its checks): the collector's
   * barrier for the new reference, and registration for finalization if
   * `mt` has `__gc` now (§2.5.3).
   */
  setMetatable(mt: LuaTable | undefined): void {
    this.metatable = mt;
    this.heap.metatableSet(this, mt);
  }

  /** Raw get (`rawget`), any key. */
  get(key: LuaValue): LuaValue {
    if (typeof key === 'number') {
      if (Number.isSafeInteger(key)) return this.getInt(key);
      // 2^53 and beyond: an integral float is the bigint key `set` stored
      return key !== key ? undefined : this.hash.get(floatKey(key));
    }
    if (typeof key === 'string') return this.hash.get(key);
    if (key === undefined) return undefined;
    if (key instanceof LuaFloat) return this.getInt(key.n + 0);
    return this.hash.get(key);
  }

  /** Raw get of an integer key. */
  getInt(i: number): LuaValue {
    const a = this.array;
    if (i >= 1 && i <= a.length) {
      if (i > this.limit) this.limit = i;  // luaH_getint moves the hint of `#`
      return a[i - 1];
    }
    return this.hash.get(i);
  }

  /** Raw get of a string key. */
  getStr(s: string): LuaValue {
    return this.hash.get(s);
  }

  /** Raw set (`rawset`); nil and NaN keys raise Lua's errors. */
  set(key: LuaValue, value: LuaValue): void {
    if (typeof key === 'number') {
      if (Number.isSafeInteger(key)) { this.setInt(key + 0, value); return; }
      if (key !== key) throw LuaError.runtime('table index is NaN');
      this.setHash(floatKey(key), value);
      return;
    }
    if (typeof key === 'string') { this.setHash(key, value); return; }
    if (key === undefined) throw LuaError.runtime('table index is nil');
    if (key instanceof LuaFloat) { this.setInt(key.n + 0, value); return; }
    this.setHash(key, value);
  }

  /** Raw set of a string key. */
  setStr(s: string, value: LuaValue): void {
    this.setHash(s, value);
  }

  /** Raw set of an integer key (a safe-range number). */
  setInt(i: number, value: LuaValue): void {
    // only a collectable value can be a black-to-white reference (numbers,
    // booleans and strings are not collector objects: docs/design.md §5)
    if ((this.marked & BLACK) !== 0 && typeof value === 'object') this.heap.barrierBack(this);
    const a = this.array;
    if (i >= 1 && i <= a.length) {
      if (i > this.limit) this.limit = i;  // as luaH_getint, which finds the slot
      a[i - 1] = value;
      return;
    }
    this.setHash(i, value);
  }

  private setHash(key: TableKey, value: LuaValue): void {
    if ((this.marked & BLACK) !== 0 && (typeof value === 'object' || typeof key === 'object')) this.heap.barrierBack(this);
    const h = this.hash;
    if (value === undefined) { h.delete(key); return; }
    if (this.used < this.nodes) {
      const n = h.size;
      h.set(key, value);
      if (h.size !== n) { this.used++; this.heap.chargeEntry(key, value); }
      return;
    }
    if (h.has(key)) { h.set(key, value); return; }
    // a new key and no free node: lua rehashes, then inserts
    this.rehash(key);
    if (typeof key === 'number' && key >= 1 && key <= this.array.length && Number.isInteger(key)) {
      this.array[key - 1] = value;
      return;
    }
    h.set(key, value);
    this.used++;
    this.heap.chargeEntry(key, value);
  }

  /**
   * Resize both parts for the keys present plus `extra` (lua's rehash):
   * the array part becomes the largest power of two that is more than half
   * full, the hash part takes the rest.
   */
  private rehash(extra: TableKey): void {
    resetCounts();
    let candidates = countArray(this.array);
    let total = candidates;
    for (const k of this.hash.keys()) { total++; candidates += countKey(k); }
    candidates += countKey(extra);
    total++;
    const size = arraySize(candidates);
    this.resize(size, total - arraySize.taken);
  }

  /**
   * Give the array part `size` slots and the hash part room for `nhash`
   * keys (lua's luaH_resize): keys beyond a shrinking array go to the hash
   * part, keys of the hash part that a growing array covers move into it.
   */
  private resize(size: number, nhash: number): void {
    const a = this.array;
    const h = this.hash;
    const old = a.length;
    if (size < old) {
      for (let k = size + 1; k <= old; k++) {
        const v = a[k - 1];
        if (v !== undefined) h.set(k, v);
      }
      a.length = size;
    } else if (size > old) {
      this.growArray(size - old);
      if (h.size > 0) {
        for (const [k, v] of h) {
          if (typeof k === 'number' && k > old && k <= size && Number.isInteger(k)) { a[k - 1] = v; h.delete(k); }
        }
      }
    }
    this.limit = size;
    this.nodes = nodeCount(nhash);
    this.used = h.size;
  }

  /** Append `n` absent slots to the array part, charged to the heap. */
  private growArray(n: number): void {
    const a = this.array;
    for (let k = 0; k < n; k++) { a.push(undefined); this.heap.chargeSlot(undefined); }
    this.limit = a.length;
  }

  /**
   * SETLIST is about to store keys up to `last`: the array part grows to
   * exactly that size if it is smaller (lua's luaH_resizearray), keeping
   * the hash part's size.
   */
  reserveList(last: number): void {
    if (last > this.array.length) this.resize(last, this.nodes);
  }

  /**
   * The border that `#t` returns without `__len` (`luaH_getn`): the same
   * probes in the same order as lua, starting from the hint `limit`, which
   * it may move as lua does.
   */
  length(): number {
    const a = this.array;
    const size = a.length;
    let limit = this.limit;
    if (limit > 0 && a[limit - 1] === undefined) {
      // a border below the limit: limit - 1 itself, often (after t[#t] = nil)
      if (limit >= 2 && a[limit - 2] !== undefined) {
        if (isPow2(size) && !isPow2(limit - 1)) this.limit = limit - 1;
        return limit - 1;
      }
      const border = arrayBorder(a, 0, limit);
      if (isPow2(size) && border > size / 2) this.limit = border;
      return border;
    }
    if (limit !== size) {
      // the limit is present and the array goes on after it
      if (a[limit] === undefined) return limit;
      limit = size;
      if (a[size - 1] === undefined) {
        const border = arrayBorder(a, this.limit, size);
        this.limit = border;
        return border;
      }
    }
    // the array part is full (or empty): the border may go on in the hash part
    if (this.hash.size === 0 || this.hash.get(limit + 1) === undefined) return limit;
    return this.hashBorder(limit);
  }

  /**
   * A border beyond `j`, where key j + 1 is present in the hash part (lua's
   * hash_search): double until a key is absent, then binary search.
   */
  private hashBorder(j: number): number {
    const h = this.hash;
    if (j === 0) j = 1;
    let i: number;
    do {
      i = j;
      if (j > Number.MAX_SAFE_INTEGER / 2) {
        // pathological table (keys at every power of two up to 2^53): a
        // linear search finds some border
        let k = i;
        while (this.getInt(k + 1) !== undefined) k++;
        return k;
      }
      j *= 2;
    } while (h.get(j) !== undefined);
    while (j - i > 1) {
      const m = Math.floor((i + j) / 2);
      if (h.get(m) === undefined) j = m; else i = m;
    }
    return i;
  }

  /**
   * The entry after `key` in a traversal (`next`): `[key, value]`, or
   * undefined at the end. Array part first, then the hash part in insertion
   * order.
   */
  next(key: LuaValue): [TableKey, LuaValue] | undefined {
    const a = this.array;
    let i = 0;  // array index to start from
    if (key !== undefined) {
      const k = normaliseKey(key);
      if (this.iter !== undefined && this.iterKey === k) return this.step();
      if (typeof k === 'number' && k >= 1 && k <= a.length) {
        i = k;  // an array position
      } else {
        return this.nextInHash(k);
      }
    }
    for (; i < a.length; i++) {
      if (a[i] !== undefined) {
        this.iter = undefined;
        this.iterKey = undefined;
        return [i + 1, a[i]];
      }
    }
    this.iter = this.hash.entries();
    this.iterKey = undefined;
    return this.step();
  }

  private nextInHash(key: TableKey): [TableKey, LuaValue] | undefined {
    if (this.iter === undefined || this.iterKey !== key) {
      // not the traversal we were following: find the key from the start
      this.iter = this.hash.entries();
      for (;;) {
        const r = this.iter.next();
        if (r.done) {
          this.iter = undefined;
          throw LuaError.runtime("invalid key to 'next'");
        }
        if (r.value[0] === key) break;
      }
    }
    return this.step();
  }

  private step(): [TableKey, LuaValue] | undefined {
    const r = this.iter!.next();
    if (r.done) { this.iter = undefined; this.iterKey = undefined; return undefined; }
    this.iterKey = r.value[0];
    return r.value;
  }
}

/** A non-integral float key, or an integral one outside the safe range. */
function floatKey(f: number): TableKey {
  if (Number.isInteger(f) && f >= -9223372036854775808 && f < 9223372036854775808) {
    return BigInt(f);  // an int64 integer outside the safe range
  }
  return f;
}

/** Normalise a (non-nil) key as `set` would store it. */
export function normaliseKey(k: Exclude<LuaValue, undefined>): TableKey {
  if (k instanceof LuaFloat) return k.n + 0;
  if (typeof k === 'number' && !Number.isSafeInteger(k)) return floatKey(k);
  return k as TableKey;
}
