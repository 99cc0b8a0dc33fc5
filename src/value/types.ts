/**
 * # The type of a Lua value
 *
 * Responsibility: the TypeScript type of any Lua value and Lua's `type()`
 * of it, for the representation of docs/design.md §2.
 *
 * Manual: §2.1 (values and types). PUC-Rio counterpart: the type tags of
 * `lua.h`/`lobject.h` and `luaT_typenames_` (ltm.c).
 *
 * Invariant: collectable objects (tables, functions, userdata, threads) are
 * class instances that carry a `luaType` string, so `typeName` needs no
 * `instanceof` chain.
 *
 * Read next: `float.ts`, `number.ts`, `table.ts`.
 */

import { LuaFloat } from './float.ts';

/** What every collectable Lua object has: its type name for `type()`. */
export interface LuaObject {
  /** The value `type()` returns for this object; each class sets it as a constant. */
  readonly luaType: 'table' | 'function' | 'userdata' | 'thread';
}

/** Any Lua value. */
export type LuaValue = undefined | boolean | number | bigint | string | LuaFloat | LuaObject;

/** Lua's `type(v)`. */
export function typeName(v: LuaValue): string {
  switch (typeof v) {
    case 'undefined': return 'nil';
    case 'boolean': return 'boolean';
    case 'number': case 'bigint': return 'number';
    case 'string': return 'string';
    default: return v instanceof LuaFloat ? 'number' : v.luaType;
  }
}

/** Lua's truth: only nil and false are false. */
export function isFalsy(v: LuaValue): boolean {
  return v === undefined || v === false;
}
