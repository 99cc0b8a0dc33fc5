/**
 * # Finalizers: `__gc`
 *
 * Responsibility: the atomic phase's separation of unreachable objects
 * that have a finalizer (they move to `tobefnz` and are marked again —
 * resurrected — so that their finalizer can use them), and calling those
 * finalizers, a few per step, after the sweep.
 *
 * Manual: §2.5.3 (garbage-collection metamethods). PUC-Rio counterpart:
 * `separatetobefnz`, `markbeingfnz`, `GCTM`, `runafewfinalizers`,
 * `callallpendingfinalizers`, `luaC_freeallobjects` in `lgc.c`.
 *
 * Invariants:
 * - Finalizers run in the reverse order of their objects' registration
 *   (the newest object first), among the objects found dead together.
 * - A finalizer runs once per registration: its object loses FINOBJ before
 *   the call and is an ordinary object again (it may register again with
 *   setmetatable, as tracegc.lua does).
 * - A finalizer runs with collector steps off and cannot yield ("attempt
 *   to yield across a C-call boundary"); an error in it becomes the warning
 *   "error in __gc (message)" and the program goes on.
 *
 * Calling a Lua function and emitting a warning are the business of the
 * layers above the collector (the machine, the API): the state installs
 * both on its heap when it is made (`Heap.callFinalizer`, `Heap.warn`;
 * src/api/state.ts), and this module calls them.
 *
 * Read next: `collector.ts`, `src/api/state.ts` (the installed callbacks).
 */
import { FrameFlag, type LuaThread } from '../object/objects.ts';
import { LuaError } from '../value/error.ts';
import { LuaTable } from '../value/table.ts';
import { LuaUserdata } from '../object/userdata.ts';
import { FINOBJ, WHITES, type GCObject } from '../value/collectable.ts';
import type { Heap } from './heap.ts';
import { markValue } from './mark.ts';

/** Move the unreached objects with finalizers (all of them if `all`) to `tobefnz`, newest first. */
export function separateUnreached(h: Heap, all: boolean): void {
  const keep: GCObject[] = [];
  for (let i = h.finobj.length - 1; i >= 0; i--) {
    const o = h.finobj[i];
    if (all || (o.marked & WHITES)) h.tobefnz.push(o); else keep.push(o);
  }
  h.finobj = keep.reverse();
}

/** Resurrect the objects waiting for their finalizer (they and what they reach stay alive). */
export function markBeingFinalized(h: Heap): void {
  for (const o of h.tobefnz) markValue(h, o);
}

/** Call up to `max` pending finalizers; returns how many ran. */
export function callPending(L: LuaThread, h: Heap, max: number): number {
  let n = 0;
  while (n < max && h.tobefnz.length > 0) {
    const o = h.tobefnz.shift()!;
    o.marked &= ~FINOBJ;
    callFinalizer(L, h, o);
    n++;
  }
  return n;
}

function callFinalizer(L: LuaThread, h: Heap, o: GCObject): void {
  if (!(o instanceof LuaTable || o instanceof LuaUserdata)) return;   // only these take metatables
  const gc = o.metatable?.getStr('__gc');
  if (gc === undefined) return;   // the field was removed since registration: nothing to call
  const savedTop = L.top;
  // the frame below names the finalizer's level "metamethod '__gc'" (traceback.ts)
  const ci = L.depth >= 0 && L.ccall === undefined ? L.frames[L.depth] : undefined;
  if (ci !== undefined) ci.flags |= FrameFlag.FIN;
  try {
    if (h.watch !== undefined) h.watch({ kind: 'finalizer', object: o });
    h.callFinalizer(L, gc, o);
  } catch (e) {
    const v = e instanceof LuaError ? e.value : undefined;
    h.warn(`error in __gc (${typeof v === 'string' ? v : 'error object is not a string'})`);
  } finally {
    if (ci !== undefined) ci.flags &= ~FrameFlag.FIN;
    L.top = savedTop;
  }
}
