/**
 * # Argument conversions shared by the library cores
 *
 * Responsibility: turning the lucid values a core receives into the JS
 * types it computes with (int64 bigint, double, byte string), raising the
 * argument errors PUC-Rio's `luaL_check*` functions raise. The library
 * layer's own argument helpers live in `base.ts`; these are the few the
 * cores need to stay independent of the VM.
 *
 * Manual: §4.6 (`luaL_checkinteger`, `luaL_checknumber`,
 * `luaL_checklstring`), §3.4.3 (string ↔ number coercions).
 *
 * PUC-Rio counterpart: `luaL_checkinteger`, `interror`, `luaL_checknumber`,
 * `luaL_checklstring`, `luaL_typeerror` in lauxlib.c.
 *
 * Invariant: `args[i]` is Lua argument `i + first`; an index past the end
 * of `args` is reported as "no value", as for a missing C argument.
 *
 * Read next: `format.ts`, `pack.ts`.
 */

import { LibError } from './lib-error.ts';
import { tofloat, tointeger, tonumber } from '../value/number.ts';
import { number2string } from '../value/convert.ts';
import { typeName, type LuaValue } from '../value/types.ts';
import { LuaFloat } from '../value/float.ts';

/** The arguments of one library call after the fixed ones. */
export interface Arguments {
  values: readonly LuaValue[];
  /** The Lua argument number of `values[0]`. */
  first: number;
}

function typeError(args: Arguments, i: number, expected: string): never {
  const got = i < args.values.length ? typeName(args.values[i]) : 'no value';
  throw new LibError(`${expected} expected, got ${got}`, i + args.first);
}

/** `luaL_checkinteger`: an int64 as a bigint. */
export function checkInteger(args: Arguments, i: number): bigint {
  const n = tonumber(args.values[i]);
  if (n === undefined) typeError(args, i, 'number');
  const v = tointeger(n);
  if (v === undefined) throw new LibError('number has no integer representation', i + args.first);
  return BigInt(v);
}

/** `luaL_checknumber`: a double. */
export function checkNumber(args: Arguments, i: number): number {
  const n = tonumber(args.values[i]);
  if (n === undefined) typeError(args, i, 'number');
  return tofloat(n);
}

/** `luaL_checklstring`: a byte string (numbers are converted). */
export function checkString(args: Arguments, i: number): string {
  const v = args.values[i];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof LuaFloat) return number2string(v);
  return typeError(args, i, 'string');
}

/** An int64 bigint as a lucid integer (number when safe). */
export function toLuaInteger(n: bigint): number | bigint {
  return n >= -9007199254740991n && n <= 9007199254740991n ? Number(n) : n;
}
