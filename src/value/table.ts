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
 * `luaH_next`). PUC-Rio sizes both parts in powers of two and rehashes;
 * lucid lets the JS array and `Map` grow themselves and keeps only the
 * rule that matters for speed: keys 1..n live in the array part.
 *
 * Invariants:
 * - Keys are normalised: a float with an integral value is stored under
 *   the integer key (2.0 and 2 are one key); nil and NaN are never keys.
 * - `array[i - 1]` holds key i for 1 ≤ i ≤ array.length, and the last
 *   element of `array` is never nil, so `array.length` is a border unless
 *   the hash part holds key `array.length + 1`.
 * - A key that would extend the array (n + 1) goes to the array, and keys
 *   n + 2, n + 3 … follow it out of the hash part.
 * - `hash` never holds nil values: assigning nil deletes the entry. A JS
 *   Map iterator stays valid when entries are deleted, which is exactly the
 *   freedom §6.1 gives to `next` (clearing fields during a traversal).
 * - A table belongs to the heap of one state (`heap`, given to the
 *   constructor). A store of a collectable value into a black table takes
 *   the back barrier, and growth is charged, through that heap only
 *   (`collectable.ts`: the table never imports the collector).
 *
 * Read next: `collectable.ts` (the header and the door to the collector),
 * `src/vm/` (the fast paths that read `array` directly).
 */

import { LuaFloat } from './float.ts';
import { LuaError } from './error.ts';
import type { LuaObject, LuaValue } from './types.ts';
import { BLACK, SIZE, type Collector, type GCObject } from './collectable.ts';

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
  /** Array part: key i at index i - 1. */
  array: LuaValue[] = [];
  /** Hash part: every other key. */
  hash: Map<TableKey, LuaValue> = new Map();
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
    void narray; void nhash;  // size hints of NEWTABLE: JS structures grow alone
    heap.link(this, SIZE.table);
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
    if (i >= 1 && i <= a.length) return a[i - 1];
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
    const n = a.length;
    if (i >= 1 && i <= n) {
      if (value !== undefined || i < n) { a[i - 1] = value; return; }
      // clearing the last element: shrink so the last one is never nil
      a.pop();
      while (a.length > 0 && a[a.length - 1] === undefined) a.pop();
      return;
    }
    if (i === n + 1) {
      if (value === undefined) { this.hash.delete(i); return; }
      a.push(value);
      this.heap.chargeSlot(value);
      if (this.hash.size > 0) this.migrate();
      return;
    }
    this.setHash(i, value);
  }

  private setHash(key: TableKey, value: LuaValue): void {
    if ((this.marked & BLACK) !== 0 && (typeof value === 'object' || typeof key === 'object')) this.heap.barrierBack(this);
    const h = this.hash;
    if (value === undefined) { h.delete(key); return; }
    const n = h.size;
    h.set(key, value);
    if (h.size !== n) this.heap.chargeEntry(key, value);
  }

  /** Move keys n+1, n+2 … from the hash part to the end of the array part. */
  private migrate(): void {
    const a = this.array;
    const h = this.hash;
    let k = a.length + 1;
    let v = h.get(k);
    while (v !== undefined) {
      a.push(v);
      h.delete(k);
      k++;
      v = h.get(k);
    }
  }

  /** The border that `#t` returns without `__len` (`luaH_getn`). */
  length(): number {
    const n = this.array.length;
    if (this.hash.size === 0 || this.hash.get(n + 1) === undefined) return n;
    // the border continues into the hash part: unbounded then binary search
    let i = n + 1;
    let j = i * 2;
    while (this.hash.get(j) !== undefined) {
      i = j;
      if (j > Number.MAX_SAFE_INTEGER / 2) {
        // pathological table: a linear search finds some border
        let k = 1;
        while (this.getInt(k) !== undefined) k++;
        return k - 1;
      }
      j *= 2;
    }
    while (j - i > 1) {
      const m = Math.floor((i + j) / 2);
      if (this.hash.get(m) === undefined) j = m; else i = m;
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
      if (typeof k === 'number' && k >= 1 && (k <= a.length || (k === this.iterKey && this.iter === undefined))) {
        // an array position; clearing the last elements during the
        // traversal may have shrunk the array below the key just returned
        i = k;
      } else {
        return this.nextInHash(k);
      }
    }
    for (; i < a.length; i++) {
      if (a[i] !== undefined) {
        this.iter = undefined;
        this.iterKey = i + 1;   // remembered in case clearing it shrinks the array
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
