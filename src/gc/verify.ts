/**
 * # Checking the collector's invariants
 *
 * Responsibility: `T.checkmemory` — walk every object of the heap and
 * check what the collector promises: while marking, no black object
 * refers to a white one (threads and weak tables, which stay gray, are
 * exempt) and every object in a gray list is gray; during the sweep, no
 * object reachable from a survivor carries the dead white. In
 * generational mode, the generational invariant instead (heap.ts): a
 * black OLD object refers only to old ones, a black OLD1 or TOUCHED2
 * object to no NEW one; and threads and open upvalues wait in
 * `grayagain`. A violation throws, naming the objects' types.
 *
 * Manual: §2.5. PUC-Rio counterpart: `lua_checkmemory` in `ltests.c`.
 *
 * Invariant: checking changes nothing (no marks, no lists).
 *
 * Read next: `heap.ts` (the invariant), `barrier.ts` (what keeps it).
 */
import { LuaTable } from '../value/table.ts';
import { LuaUserdata } from '../object/userdata.ts';
import { LuaClosure, LuaNative, LuaThread, UpVal } from '../object/objects.ts';
import { Proto } from '../bytecode/proto.ts';
import { BLACK, COLOURS, WHITES, FIXED, Age, AGE_NAMES, getAge, isOld, type GCObject } from '../value/collectable.ts';
import { Phase } from './phase.ts';
import type { Heap } from './heap.ts';

/** The objects `o` refers to directly (natives looked through). */
export function references(o: GCObject): unknown[] {
  const out: unknown[] = [];
  const add = (v: unknown) => {
    if (typeof v === 'object' && v !== null && (v as Partial<GCObject>).marked !== undefined) out.push(v);
  };
  if (o instanceof LuaTable) {
    add(o.metatable);
    for (const v of o.array) add(v);
    for (const [k, v] of o.hash) { add(k); add(v); }
  } else if (o instanceof LuaNative) {
    for (const u of o.upvalues) add(u);
  } else if (o instanceof LuaClosure) {
    add(o.proto);
    for (const u of o.upvals) add(u);
  } else if (o instanceof UpVal) {
    if (o.thread === undefined) add(o.value);
  } else if (o instanceof Proto) {
    for (const p of o.protos) add(p);
  } else if (o instanceof LuaUserdata) {
    add(o.metatable);
    for (const v of o.uservalues) add(v);
  }
  return out;
}

function kind(o: unknown): string {
  return (o as { luaType?: string }).luaType ?? (o instanceof UpVal ? 'upvalue' : 'prototype');
}

function weak(o: GCObject): boolean {
  if (!(o instanceof LuaTable) || o.metatable === undefined) return false;
  return typeof o.metatable.getStr('__mode') === 'string';
}

/** Check the heap; throws an Error describing the first violation. */
export function checkHeap(h: Heap): void {
  if (h.kind === 'generational') { checkGenerational(h); return; }
  const marking = h.phase <= Phase.ATOMIC;
  const sweeping = h.phase >= Phase.SWEEPALLGC && h.phase <= Phase.SWEEPEND;
  const dead = h.currentWhite ^ WHITES;
  for (const g of h.gray) {
    if (g.marked & (WHITES | BLACK)) throw new Error(`a ${kind(g)} in the gray list is not gray`);
  }
  for (let o = h.allgc; o !== undefined; o = o.gcnext) {
    if ((o.marked & COLOURS) === (WHITES | BLACK)) throw new Error(`a ${kind(o)} has two colours`);
    if (o instanceof LuaThread) continue;
    for (const r of references(o) as GCObject[]) {
      if (marking && (o.marked & BLACK) && (r.marked & WHITES) && !weak(o)) {
        throw new Error(`black ${kind(o)} refers to white ${kind(r)} (a missing write barrier)`);
      }
      if (sweeping && !(o.marked & dead) && (r.marked & dead)) {
        throw new Error(`live ${kind(o)} refers to dead ${kind(r)}`);
      }
    }
  }
}

/** Number of linked objects of a Lua type ('table', 'function', 'thread', 'userdata'). */
export function countObjects(h: Heap, type: string): number {
  let n = 0;
  for (let o = h.allgc; o !== undefined; o = o.gcnext) if (kind(o) === type) n++;
  return n;
}

/** A reference `o` → `r` that a minor collection would miss, or undefined. */
function genViolation(o: GCObject, r: GCObject): string | undefined {
  if ((o.marked & BLACK) === 0) return undefined;   // gray objects are traversed next time
  if (r.marked & FIXED) return undefined;           // never collected: old forever
  const age = getAge(o);
  if (age === Age.OLD && !isOld(r)) return 'refers to a young';
  if ((age === Age.OLD1 || age === Age.TOUCHED2) && getAge(r) === Age.NEW) return 'refers to a new';
  return undefined;
}

function checkGenerational(h: Heap): void {
  const listed = new Set(h.grayagain);
  for (let o = h.allgc; o !== undefined; o = o.gcnext) {
    if ((o.marked & COLOURS) === (WHITES | BLACK)) throw new Error(`a ${kind(o)} has two colours`);
    const open = o instanceof UpVal && o.thread !== undefined;
    if ((o instanceof LuaThread || open) && getAge(o) === Age.OLD && (o.marked & (WHITES | BLACK) || !listed.has(o))) {
      throw new Error(`an old ${kind(o)} is not gray in grayagain`);
    }
    if (o instanceof LuaThread) continue;
    for (const r of references(o) as GCObject[]) {
      const v = genViolation(o, r);
      if (v !== undefined) {
        throw new Error(`black ${AGE_NAMES[getAge(o)]} ${kind(o)} ${v} ${kind(r)} (${AGE_NAMES[getAge(r)]}): ` +
          'a missing barrier in generational mode');
      }
    }
  }
}
