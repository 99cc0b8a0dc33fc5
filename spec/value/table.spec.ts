/**
 * Manual §2.1 (tables), §3.4.7 (the length operator) and §6.1 (`next`):
 * keys, the array part, borders and traversal of src/value/table.ts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaTable } from '../../src/value/table.ts';
import { mkfloat } from '../../src/value/float.ts';
import { LuaError } from '../../src/value/error.ts';
import { Heap } from '../../src/gc/heap.ts';

/** The collector the tables of these tests are born into (no state runs them). */
const heap = new Heap();

test('§2.1 2 and 2.0 are the same key; floats with fractions are their own', () => {
  const t = new LuaTable(heap);
  t.set(2, 'two');
  assert.is(t.get(mkfloat(2)), 'two');
  t.set(mkfloat(3), 'three');
  assert.is(t.getInt(3), 'three');
  t.set(1.5, 'x');
  assert.is(t.get(1.5), 'x');
  t.set(2 ** 60, 'big');
  assert.is(t.get(2n ** 60n), 'big', 'an integral float beyond 2^53 is the int64 key');
});

test('§2.1 nil and NaN are not keys', () => {
  const t = new LuaTable(heap);
  assert.throws(() => t.set(undefined, 1), (e: unknown) => e instanceof LuaError && e.value === 'table index is nil');
  assert.throws(() => t.set(NaN, 1), (e: unknown) => e instanceof LuaError && e.value === 'table index is NaN');
  assert.is(t.get(NaN), undefined);
});

test('integer keys move into the array part when a rehash finds it more than half full', () => {
  const t = new LuaTable(heap);
  t.set(3, 'c');
  t.set(2, 'b');
  assert.is(t.array.length, 0, '2 of the keys 1..4 are not more than half');
  t.set(1, 'a');
  // lua's rehash: 3 of 1..4 present, so an array part of 4, key 4 absent
  assert.equal(t.array, ['a', 'b', 'c', undefined]);
  assert.is(t.hash.size, 0);
});

test('§2.1 a float key that triggers a rehash stays a hash key', () => {
  const t = new LuaTable(heap, 3, 0);
  for (let i = 1; i <= 3; i++) t.set(i, i);
  t.set('x', 'x');          // the one node of the hash part
  t.set(3.5, 'f');          // no node left: rehash, then insert
  t.set(1e300, 'big');
  assert.is(t.get(3.5), 'f');
  assert.is(t.hash.get(3.5), 'f');
});

// The borders below are those lua 5.4.8 printed for the same operations
// (lua-tests/fuzz/border-with-holes.lua holds them as a program).

test('§3.4.7 a constructor sizes the array part: #{1, nil, 3} is 3', () => {
  const t = new LuaTable(heap, 3, 0);   // NEWTABLE with 3 list items, then SETLIST
  t.reserveList(3);
  t.setInt(1, 1); t.setInt(2, undefined); t.setInt(3, 3);
  assert.is(t.length(), 3);
});

test('§3.4.7 keys added one by one: the border follows the array size of the rehashes', () => {
  const t = new LuaTable(heap);
  t.set(1, 1); t.set(2, 2); t.set(4, 4);
  assert.is(t.length(), 4, 'the array part is 4 long and full');
  for (const k of [3, 5, 6, 8]) t.set(k, k);
  assert.is(t.length(), 8);
});

test('§3.4.7 the hint of # moves down with it and up with an access (luaH_getint)', () => {
  const t = new LuaTable(heap);
  for (let i = 1; i <= 8; i++) t.set(i, i);
  t.set(8, undefined); t.set(7, undefined);
  assert.is(t.length(), 6);
  t.set(4, undefined);
  assert.is(t.length(), 6, 'the hint 6 is present and 7 absent');
  t.get(8);   // reading key 8 moves the hint to 8
  assert.is(t.length(), 3, 'a binary search from 8 meets the hole at 4');
});

test('§3.4.7 the length is a border', () => {
  const t = new LuaTable(heap);
  for (let i = 1; i <= 100; i++) t.set(i, i);
  assert.is(t.length(), 100);
  t.set(100, undefined);
  assert.is(t.length(), 99);
  t.set(50, undefined);
  const n = t.length();
  assert.ok(t.getInt(n) !== undefined && t.getInt(n + 1) === undefined, 'a border');
  const h = new LuaTable(heap);
  for (const k of [1, 2, 3, 4]) h.hash.set(k, k);  // keys left in the hash part
  assert.is(h.length(), 4, 'the border search continues into the hash part');
});

test('§6.1 next visits every key once, even when fields are cleared on the way', () => {
  const t = new LuaTable(heap);
  for (let i = 1; i <= 5; i++) t.set(i, i);
  for (const k of ['a', 'b', 'c', 'd']) t.set(k, k);
  const seen: unknown[] = [];
  let e = t.next(undefined);
  while (e !== undefined) {
    seen.push(e[0]);
    t.set(e[0], undefined);  // allowed during traversal
    e = t.next(e[0]);
  }
  assert.equal(seen, [1, 2, 3, 4, 5, 'a', 'b', 'c', 'd']);
  assert.is(t.next(undefined), undefined);
});

test('§6.1 next with a key that is not in the table', () => {
  const t = new LuaTable(heap);
  t.set('x', 1);
  assert.throws(() => t.next('nope'), (e: unknown) => e instanceof LuaError && e.value === "invalid key to 'next'");
});

test.run();
