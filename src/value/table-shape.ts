/**
 * # Table shape: the sizes PUC-Rio Lua would give a table
 *
 * Responsibility: the arithmetic behind the size of a table's array part —
 * counting integer keys by powers of two and choosing the largest array
 * that would be more than half full (what a rehash computes), the size of
 * the hash part in nodes, and the binary search for a border inside the
 * array part. The table (table.ts) keeps its parts at these sizes so that
 * `#t` on a table with holes finds the border lua finds: the manual lets
 * `#` return any border (§3.4.7), and which one depends on these sizes.
 *
 * Manual: §3.4.7 (the length operator).
 *
 * PUC-Rio counterpart: ltable.c — `computesizes`, `countint`,
 * `numusearray`, `luaO_ceillog2` (lobject.c) and `binsearch`.
 *
 * Invariants:
 * - `counts[b]` (b ≥ 1) holds the number of integer keys k with
 *   2^(b-1) < k ≤ 2^b, `counts[0]` the key 1; keys beyond 2^31 are not
 *   array candidates.
 * - `arraySize` returns 0 or a power of two n such that more than n/2 of
 *   the keys 1..n are present, the largest such n.
 * - Nothing here allocates: the counts live in one scratch array, used
 *   only during a rehash (which calls no Lua code).
 *
 * Read next: table.ts (where a rehash happens and where `#` searches).
 */

import type { LuaValue } from './types.ts';

/** Bits of the largest array part: array keys are 1..2^MAX_BITS (lua's MAXABITS on 64 bits). */
export const MAX_BITS = 31;

/** The largest key an array part can hold. */
export const MAX_ARRAY = 2 ** MAX_BITS;

/** Scratch counts of integer keys per power-of-two slice (see the invariants). */
export const keyCounts = new Float64Array(MAX_BITS + 1);

/** ⌈log2 x⌉ for x ≥ 1 (lua's luaO_ceillog2). */
export function ceilLog2(x: number): number {
  let l = 0;
  let p = 1;
  while (p < x) { p *= 2; l++; }
  return l;
}

/** Is n zero or a power of two (lua's `ispow2`, true for 0)? */
export function isPow2(n: number): boolean {
  return (n & (n - 1)) === 0;
}

/** The hash part's node count for n entries: 0, or n rounded up to a power of two. */
export function nodeCount(n: number): number {
  return n === 0 ? 0 : 2 ** ceilLog2(n);
}

/**
 * Count key `k` in its slice if it could live in an array part; returns
 * 1 if it was counted (lua's countint).
 */
export function countKey(k: unknown): number {
  if (typeof k === 'number' && k >= 1 && k <= MAX_ARRAY && Number.isInteger(k)) {
    keyCounts[ceilLog2(k)]++;
    return 1;
  }
  return 0;
}

/** Count the present values of an array part by slice (lua's numusearray); returns how many. */
export function countArray(a: LuaValue[]): number {
  let total = 0;
  let i = 1;  // next key to look at
  for (let b = 0, top = 1; b <= MAX_BITS && i <= a.length; b++, top *= 2) {
    let n = 0;
    const last = Math.min(top, a.length);
    for (; i <= last; i++) if (a[i - 1] !== undefined) n++;
    keyCounts[b] += n;
    total += n;
  }
  return total;
}

/** Clear the scratch counts before a rehash counts again. */
export function resetCounts(): void {
  keyCounts.fill(0);
}

/**
 * The array size a rehash chooses for `candidates` integer keys counted
 * in `keyCounts` (lua's computesizes): the largest power of two n for
 * which more than n/2 of the keys 1..n are present. Also returns how many
 * keys go to that array part, through `arraySize.taken`.
 */
export function arraySize(candidates: number): number {
  let below = 0;      // keys ≤ 2^b so far
  let optimal = 0;
  let taken = 0;
  for (let b = 0, twoB = 1; twoB <= MAX_ARRAY && candidates > twoB / 2; b++, twoB *= 2) {
    below += keyCounts[b];
    if (below > twoB / 2) { optimal = twoB; taken = below; }
  }
  arraySize.taken = taken;
  return optimal;
}
/** How many of the counted keys the last {@link arraySize} puts in the array part (a second result without an allocation). */
arraySize.taken = 0;

/**
 * A border in a[i+1 .. j] given that a[i] is present (or i is 0) and a[j]
 * is absent: lua's binsearch over the array part, probing the same slots
 * in the same order so it finds the same border.
 */
export function arrayBorder(a: LuaValue[], i: number, j: number): number {
  while (j - i > 1) {
    const m = Math.floor((i + j) / 2);
    if (a[m - 1] === undefined) j = m; else i = m;
  }
  return i;
}
