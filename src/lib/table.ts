/**
 * # The table library
 *
 * Responsibility: manual §6.6 — `insert`, `remove`, `concat`, `pack`,
 * `unpack`, `move` and `sort`, with PUC-Rio's argument checks and messages.
 *
 * Manual: §6.6. PUC-Rio counterpart: ltablib.c.
 *
 * Invariants:
 * - Elements are read and written with the api's `geti`/`seti` (raw when
 *   the table has no metatable, through `__index`/`__newindex` otherwise,
 *   as 5.4's lua_geti/lua_seti); lengths honour `__len` (auxlib's
 *   `integerLength`, luaL_len).
 * - `sort` is PUC-Rio's quicksort (median of three, partition with the
 *   pivot at up-1), so an inconsistent comparator raises "invalid order
 *   function for sorting" where Lua raises it. Comparators are called
 *   synchronously: like PUC-Rio's, they cannot yield. Each element is read
 *   once and swaps write back the values read (what a comparator writing
 *   into the table sees and leaves matters); a comparator's arguments never
 *   pass through an array V8 may keep as unboxed doubles (NaN would lose
 *   its sign there).
 *
 * Not yet: the randomised pivot PUC-Rio uses for large, badly balanced
 * intervals (the middle element is always the pivot here).
 *
 * Read next: src/lib/string.ts, src/api/operations.ts (geti, seti, lessthan).
 */
import type { LuaState } from '../api/state.ts';
import {
  geti, seti, lessthan, call, isfunction, createtable, rawseti, typeName, type LuaThread,
} from '../api/lua.ts';
import {
  arg, argError, checkInteger, checkTable, luaError, optInteger, optString, typeArgError,
  integerLength, newlib,
} from '../api/auxlib.ts';
import { StringBuffer } from '../api/buffer.ts';
import { LuaTable, type Value } from '../value/index.ts';
import { normint } from '../value/number.ts';

/**
 * A Lua integer used as a position: a number in the safe range, a bigint
 * beyond it (docs/design.md §2). Positions near math.maxinteger are legal, and
 * ltablib's arithmetic on them wraps around as lua_Integer does.
 */
type Int = number | bigint;

/** `a + k` with lua_Integer's wrap-around. */
function iadd(a: Int, k: number): Int {
  if (typeof a === 'number') {
    const r = a + k;
    if (Number.isSafeInteger(r)) return r;
  }
  return normint(BigInt(a) + BigInt(k));
}

/** `a - b` with wrap-around. */
function isub(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  return normint(BigInt(a) - BigInt(b));
}

/** `(lua_Unsigned)a`, for ltablib's unsigned range checks. */
function unsigned(a: Int): bigint {
  return BigInt.asUintN(64, BigInt(a));
}

function insert(L: LuaThread, base: number, nargs: number): number {
  const t = checkTable(L, base, nargs, 1);
  const e = iadd(integerLength(L, t), 1);  // first empty slot
  switch (nargs) {
    case 2: seti(L, t, e, arg(L, base, nargs, 2)); return 0;
    case 3: {
      const pos = checkInteger(L, base, nargs, 2);
      // 1 <= pos <= e, checked unsigned as ltablib does
      if (!(unsigned(isub(pos, 1)) < unsigned(e))) argError(L, 2, 'position out of bounds');
      for (let i = e; i > pos; i = iadd(i, -1)) seti(L, t, i, geti(L, t, iadd(i, -1)));
      seti(L, t, pos, arg(L, base, nargs, 3));
      return 0;
    }
    default: luaError(L, "wrong number of arguments to 'insert'");
  }
}

function remove(L: LuaThread, base: number, nargs: number): number {
  const t = checkTable(L, base, nargs, 1);
  const size = integerLength(L, t);
  let pos: Int = arg(L, base, nargs, 2) === undefined ? size : checkInteger(L, base, nargs, 2);
  // a position other than the size must be in [1, size + 1]
  if (pos !== size && !(unsigned(isub(pos, 1)) <= unsigned(size))) argError(L, 2, 'position out of bounds');
  const v = geti(L, t, pos);
  for (; pos < size; pos = iadd(pos, 1)) seti(L, t, pos, geti(L, t, iadd(pos, 1)));
  seti(L, t, pos, undefined);
  L.push(v);
  return 1;
}

function concat(L: LuaThread, base: number, nargs: number): number {
  const t = checkTable(L, base, nargs, 1);
  const sep = optString(L, base, nargs, 2, '');
  const i = optInteger(L, base, nargs, 3, 1);
  const j = arg(L, base, nargs, 4) === undefined ? integerLength(L, t) : checkInteger(L, base, nargs, 4);
  const b = new StringBuffer(L);
  const add = (k: Int) => {
    const v = geti(L, t, k);
    if (!b.addValue(v)) luaError(L, `invalid value (${typeName(v)}) at index ${k} in table for 'concat'`);
    if (k !== j) b.add(sep);
  };
  // stop before j, then take j itself, so j = math.maxinteger does not wrap
  let k = i;
  for (; k < j; k = iadd(k, 1)) add(k);
  if (k === j) add(j);
  L.push(b.result());
  return 1;
}

function pack(L: LuaThread, base: number, nargs: number): number {
  const t = createtable(L, nargs, 1);
  for (let i = 1; i <= nargs; i++) rawseti(t, i, L.stack[base + i - 1]);
  t.setStr('n', nargs);
  L.push(t);
  return 1;
}

function unpack(L: LuaThread, base: number, nargs: number): number {
  const t = arg(L, base, nargs, 1);
  const i = optInteger(L, base, nargs, 2, 1);
  const e = arg(L, base, nargs, 3) === undefined
    ? (t instanceof LuaTable ? integerLength(L, t) : luaError(L, `attempt to get length of a ${typeName(t)} value`))
    : checkInteger(L, base, nargs, 3);
  if (i > e) return 0;
  const n = unsigned(isub(e, i));   // one less than the count, as ltablib counts
  // lua_checkstack: the results must fit in what is left of the stack
  if (n >= 0x7fffffffn || L.top + Number(n) + 1 > L.stackLimit) luaError(L, 'too many results to unpack');
  for (let k = i; k < e; k = iadd(k, 1)) L.push(t instanceof LuaTable ? geti(L, t, k) : undefined);
  L.push(t instanceof LuaTable ? geti(L, t, e) : undefined);
  return Number(n) + 1;
}

const MAXINT = 0x7fffffffffffffffn;

function move(L: LuaThread, base: number, nargs: number): number {
  const a1 = checkTable(L, base, nargs, 1);
  const f = checkInteger(L, base, nargs, 2);
  const e = checkInteger(L, base, nargs, 3);
  const t = checkInteger(L, base, nargs, 4);
  const tt = arg(L, base, nargs, 5) === undefined ? a1 : checkTable(L, base, nargs, 5);
  if (e >= f) {
    // the count e - f + 1 must fit in an integer, and so must the last destination
    if (!(f > 0 || BigInt(e) < MAXINT + BigInt(f))) argError(L, 3, 'too many elements to move');
    const n = BigInt(e) - BigInt(f) + 1n;
    if (!(BigInt(t) <= MAXINT - n + 1n)) argError(L, 4, 'destination wrap around');
    const last = isub(e, f);   // offsets 0..last
    if (t > e || t <= f || tt !== a1) {
      for (let i: Int = 0; i <= last; i = iadd(i, 1)) seti(L, tt, iadd2(t, i), geti(L, a1, iadd2(f, i)));
    } else {
      for (let i: Int = last; i >= 0; i = iadd(i, -1)) seti(L, tt, iadd2(t, i), geti(L, a1, iadd2(f, i)));
    }
  }
  L.push(tt);
  return 1;
}

/** `a + b` for two integers, with wrap-around. */
function iadd2(a: Int, b: Int): Int {
  return typeof b === 'number' ? iadd(a, b) : normint(BigInt(a) + b);
}

// ---------------------------------------------------------------------------
// sort
// ---------------------------------------------------------------------------

function sort(L: LuaThread, base: number, nargs: number): number {
  const t = checkTable(L, base, nargs, 1);
  const n = integerLength(L, t);
  if (n > 1) {
    if (n >= 0x7fffffff) argError(L, 1, 'array too big');
    const cmp = arg(L, base, nargs, 2);
    if (cmp !== undefined && !isfunction(cmp)) typeArgError(L, base, nargs, 2, 'function');
    let lt: (a: Value, b: Value) => boolean;
    if (cmp === undefined) lt = (a, b) => lessthan(L, a, b);
    else {
      // The two arguments travel in an array made generic from the start
      // (elements kind PACKED_ELEMENTS): an array literal of two floats
      // would be stored unboxed as doubles, and V8 rewrites every NaN kept
      // that way into its one canonical NaN, so -(0/0) would reach the
      // comparator as nan (lua's comparator sees the -nan it was given).
      const args: Value[] = [undefined, undefined];
      lt = (a, b) => {
        args[0] = a; args[1] = b;
        const r = call(L, cmp, args)[0];
        return r !== undefined && r !== false;
      };
    }
    auxsort(L, t, 1, Number(n), lt);
  }
  return 0;
}

/**
 * Quicksort of t[lo..up] in PUC-Rio's order of reads, comparisons and
 * writes. As in ltablib, each value is read from the table once, onto the
 * stack, and a swap writes back the values the comparator was given, never
 * values read again: a comparator that writes into the table during the
 * sort leaves the table as lua leaves it.
 */
function auxsort(L: LuaThread, t: LuaTable, lo: number, up: number, lt: (a: Value, b: Value) => boolean): void {
  const get = (i: number) => geti(L, t, i);
  // ltablib's set2: t[i] = vi, then t[j] = vj
  const set2 = (i: number, vi: Value, j: number, vj: Value) => { seti(L, t, i, vi); seti(L, t, j, vj); };
  while (lo < up) {
    // order a[lo], a[up]
    const alo = get(lo);
    const aup = get(up);
    if (lt(aup, alo)) set2(lo, aup, up, alo);
    if (up - lo === 1) return;
    let p = Math.floor((lo + up) / 2);
    // order a[lo], a[p], a[up]
    const ap = get(p);
    const alo2 = get(lo);
    if (lt(ap, alo2)) set2(p, alo2, lo, ap);
    else {
      const aup2 = get(up);
      if (lt(aup2, ap)) set2(p, aup2, up, ap);
    }
    if (up - lo === 2) return;
    // the median is the pivot: swap it with a[up - 1]
    const pivot = get(p);
    set2(p, get(up - 1), up - 1, pivot);
    p = partition(L, lo, up, pivot, get, set2, lt);
    // recurse into the smaller half, loop on the larger
    if (p - lo < up - p) {
      auxsort(L, t, lo, p - 1, lt);
      lo = p + 1;
    } else {
      auxsort(L, t, p + 1, up, lt);
      up = p - 1;
    }
  }
}

/**
 * Partition a[lo..up] around `pivot` (which sits at up - 1), keeping
 * a[lo..i] <= pivot <= a[j..up]; returns the pivot's final index. An
 * inconsistent comparator would run i or j off the interval: that is
 * lua's "invalid order function for sorting".
 */
function partition(
  L: LuaThread, lo: number, up: number, pivot: Value,
  get: (i: number) => Value, set2: (i: number, vi: Value, j: number, vj: Value) => void,
  lt: (a: Value, b: Value) => boolean,
): number {
  let i = lo;
  let j = up - 1;
  for (;;) {
    let ai: Value;
    while (lt(ai = get(++i), pivot)) {
      if (i === up - 1) luaError(L, 'invalid order function for sorting');
    }
    let aj: Value;
    while (lt(pivot, aj = get(--j))) {
      if (j < i) luaError(L, 'invalid order function for sorting');
    }
    if (j < i) {
      // a[i] goes where the pivot waited, the pivot to its final place
      set2(up - 1, ai, i, pivot);
      return i;
    }
    set2(i, aj, j, ai);
  }
}

/** Install the table library. */
export function openTable(state: LuaState): LuaTable {
  return newlib(state.L, { concat, insert, move, pack, remove, sort, unpack });
}
