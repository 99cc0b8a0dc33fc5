/**
 * # The VM's view of Lua values
 *
 * Responsibility: the one place the VM imports value-level operations from
 * `src/value/`: the table class, type names, number conversion and
 * formatting, and the slow paths of arithmetic (bigints, string coercion).
 * The dispatch loop keeps its own inline fast paths (docs/performance.md R1–R3);
 * everything it cannot do inline lands here.
 *
 * Manual: §2.1 (values and types), §3.4.1–3.4.3 (arithmetic, bitwise,
 * coercions). PUC-Rio counterpart: `lobject.c`, `lvm.c` (luaV_tointeger).
 *
 * Invariant: every value produced here is canonical (docs/design.md §2).
 *
 * Read next: `src/value/number.ts`, `src/value/table.ts`,
 * `src/vm/execute.ts`.
 */
import { LuaFloat, mkfloat, boxfloat } from './float.ts';
import { LuaTable } from './table.ts';
import { str2number, number2string, cString } from './convert.ts';
import {
  ArithOp, arith, tonumber, tointeger, F2I, isInteger, isFloat, tofloat,
  numberEquals, numberLess, numberLessEqual, normint, MAXINTEGER, MININTEGER,
} from './number.ts';
import type { LuaNumber, LuaInteger } from './number.ts';
import { LuaError, asLuaError, MEMERRMSG } from './error.ts';

export {
  LuaFloat, mkfloat, boxfloat, LuaTable, str2number, number2string, cString, ArithOp, arith,
  tonumber, tointeger, F2I, isInteger, isFloat, tofloat, numberEquals, numberLess,
  numberLessEqual, normint, MAXINTEGER, MININTEGER, LuaError, asLuaError, MEMERRMSG,
};
export type { LuaNumber, LuaInteger };

/**
 * Any Lua value, loosely typed (`any`), for the library and host code that
 * has not moved to `LuaValue` yet. New code uses `LuaValue` (types.ts), the
 * union of the value representations: the machine does (stack slots,
 * registers of the dispatch loop, upvalues, the metamethod helpers). The
 * union costs no speed — TypeScript erases it, and the fast paths narrow
 * with the `typeof` tests they make anyway; the dispatch loop needed a
 * single cast (FORLOOP's index, an integer by FORPREP's invariant), and
 * the benchmarks did not move (bench/run.mjs, before and after).
 */
export type Value = any;

/** Is `v` a Lua number (either subtype)? */
export function isNumber(v: Value): v is LuaNumber {
  return typeof v === 'number' || typeof v === 'bigint' || v instanceof LuaFloat;
}

/** Raw equality (§3.4.4 without `__eq`): numbers by mathematical value. */
export function rawEquals(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (isNumber(a) && isNumber(b)) return numberEquals(a, b);
  return false;
}
