/**
 * # Full userdata
 *
 * Responsibility: Lua's `userdata` type as lucid has it: an opaque JS value
 * (`data`) that a library or the host hands to Lua, with its own
 * metatable and user values. The io library's files (`FILE*`) and JS
 * objects the host exposes are userdata.
 *
 * Manual: §2.1 (userdata), §2.4 (metatables of userdata), §6.10
 * (`debug.getuservalue` / `setuservalue`). PUC-Rio counterpart: `Udata` in
 * `lobject.h`, `lua_newuserdatauv` in `lapi.c`.
 *
 * Invariant: only the code that created a userdata (its library, or the
 * host) reads `data`; Lua sees identity, the metatable and the user values.
 * Like every collectable object it is created through its constructor,
 * which is where the collector of its state (`heap`, kept for the barriers
 * of later stores) learns about it.
 *
 * Read next: `src/lib/io.ts` (files as userdata), `src/api/interop.ts`.
 */
import type { LuaObject, LuaValue } from '../value/types.ts';
import type { LuaTable } from '../value/table.ts';
import { SIZE, BLACK, FIXED, LINKED, type Collector, type GCObject } from '../value/collectable.ts';

export class LuaUserdata implements LuaObject, GCObject {
  /** The type name `type()` returns. */
  readonly luaType = 'userdata' as const;
  /** Collector header (src/value/collectable.ts). */
  marked = 0;
  gcnext: GCObject | undefined = undefined;
  gcsize = 0;
  /** The metatable (per object, unlike the other non-table types). */
  metatable: LuaTable | undefined = undefined;
  /** User values 1..n (`debug.getuservalue(u, n)`); PUC-Rio's `nuvalue`. */
  readonly uservalues: LuaValue[];

  constructor(
    /** The heap of the state it is born into. */
    readonly heap: Collector,
    /** The host-side payload. */
    public data: unknown,
    metatable?: LuaTable,
    nuvalue = 1,
  ) {
    this.uservalues = new Array<LuaValue>(nuvalue).fill(undefined);
    heap.link(this, SIZE.userdata + SIZE.userValue * nuvalue);
    if (metatable !== undefined) this.setMetatable(metatable);
  }

  /**
   * A light userdata (PUC-Rio's `void*` value): a plain value, never
   * collected, with no metatable of its own. `debug.upvalueid` hands out
   * these.
   */
  static light(heap: Collector, data: unknown): LuaUserdata {
    const u = new LuaUserdata(heap, data, undefined, 0);
    u.marked = FIXED | (u.marked & LINKED);   // still listed if it was attached
    return u;
  }

  /**
   * Set user value `n` (1-based); false if there is no such slot. A black
   * userdata turns gray again (PUC-Rio's back barrier for user values).
   */
  setUserValue(n: number, v: LuaValue): boolean {
    if (n < 1 || n > this.uservalues.length) return false;
    if ((this.marked & BLACK) !== 0 && typeof v === 'object') this.heap.barrierBack(this);
    this.uservalues[n - 1] = v;
    return true;
  }

  /** Set the metatable (with the collector's barrier and `__gc` registration). */
  setMetatable(mt: LuaTable | undefined): void {
    this.metatable = mt;
    this.heap.metatableSet(this, mt);
  }
}
