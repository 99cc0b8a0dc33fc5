/**
 * # Checking the arguments of native functions
 *
 * Responsibility: the helpers every library function uses to read and
 * check its arguments and to raise "bad argument" errors worded as
 * PUC-Rio's: `bad argument #1 to 'setmetatable' (table expected, got nil)`.
 *
 * Manual: §4.6 / §5.1 (the auxiliary library's luaL_check* family).
 * PUC-Rio counterpart: `lauxlib.c` (luaL_argerror, luaL_typeerror,
 * luaL_checkinteger, luaL_checknumber, luaL_checklstring, luaL_optinteger,
 * luaL_checktype, luaL_checkany, luaL_tolstring).
 *
 * Conventions: a native is called as `fn(L, base, nargs)`; argument `n`
 * (1-based) is `L.stack[base + n - 1]` when `n <= nargs`, else absent
 * ("no value"). The function's name for messages is `L.cname`, set by the
 * VM around the call. Read arguments before a generator native's first
 * `yield`: after it, `L.cname` belongs to whoever runs.
 *
 * Read next: `src/lib/base.ts` (uses all of these), docs/vm.md.
 */
import type { LuaThread } from '../object/objects.ts';
import { LuaError } from '../value/index.ts';
import {
  LuaTable, LuaFloat, tointeger, tonumber, F2I, isNumber, number2string, type Value,
} from '../value/index.ts';
import { typeName, metafield } from '../vm/meta.ts';
import { libWhere, getObjName } from '../vm/errors.ts';
import { OpCode } from '../bytecode/opcodes.ts';
import { globalName } from '../vm/traceback.ts';

/** Argument `n` (1-based), undefined when absent. */
export function arg(L: LuaThread, base: number, nargs: number, n: number): Value {
  return n <= nargs ? L.stack[base + n - 1] : undefined;
}

/** Raise a Lua error with the position of the Lua code that called the native (luaL_error). */
export function luaError(L: LuaThread, msg: string): never {
  throw new LuaError(libWhere(L.frames[L.depth]) + msg);
}

/** "bad argument #n to 'f' (msg)" (luaL_argerror). */
export function argError(L: LuaThread, n: number, msg: string): never {
  // the function is named as the calling code names it (luaL_argerror): a
  // method call (`obj:m(...)`) does not count `self`; a function called
  // from a native (pcall, sort, ...) is named by where the libraries keep it
  let name: string | undefined;
  const ci = L.depth >= 0 ? L.frames[L.depth] : undefined;
  if (L.ccall !== undefined && ci !== undefined && ci.closure !== undefined && ci.pc > 0) {
    const p = ci.closure.proto;
    const i = p.code[ci.pc - 1];
    const op = i & 0x7f;
    if (op === OpCode.CALL || op === OpCode.TAILCALL) {
      const obj = getObjName(p, ci.pc - 1, (i >>> 7) & 0xff);
      if (obj !== undefined) {
        name = obj[1];
        if (obj[0] === 'method') {
          n--;
          if (n === 0) luaError(L, `calling '${name}' on bad self (${msg})`);
        }
      }
    }
  }
  if (name === undefined) {
    const fn = L.ccall ?? (ci !== undefined && ci.closure === undefined ? ci.native : undefined);
    name = (fn !== undefined ? globalName(L, fn) : undefined) ?? '?';
  }
  luaError(L, `bad argument #${n} to '${name}' (${msg})`);
}

/** The type name luaL_typeerror shows: `__name` of the metatable if it is a string. */
function shownType(L: LuaThread, v: Value): string {
  const name = metafield(L.global, v, '__name');
  return typeof name === 'string' ? name : typeName(L.global, v);
}

/** "<expected> expected, got <type>" (luaL_typeerror). */
export function typeArgError(L: LuaThread, base: number, nargs: number, n: number, expected: string): never {
  const got = n > nargs ? 'no value' : shownType(L, L.stack[base + n - 1]);
  argError(L, n, `${expected} expected, got ${got}`);
}

export function checkAny(L: LuaThread, base: number, nargs: number, n: number): Value {
  if (n > nargs) argError(L, n, 'value expected');
  return L.stack[base + n - 1];
}

export function checkTable(L: LuaThread, base: number, nargs: number, n: number): LuaTable {
  const v = arg(L, base, nargs, n);
  if (!(v instanceof LuaTable)) typeArgError(L, base, nargs, n, 'table');
  return v;
}

export function checkInteger(L: LuaThread, base: number, nargs: number, n: number): number | bigint {
  const v = arg(L, base, nargs, n);
  const i = tointeger(v, F2I.EQ, true);
  if (i !== undefined) return i;
  if (isNumber(v) || (typeof v === 'string' && tonumber(v) !== undefined)) {
    argError(L, n, 'number has no integer representation');
  }
  typeArgError(L, base, nargs, n, 'number');
}

export function optInteger(L: LuaThread, base: number, nargs: number, n: number, def: number): number | bigint {
  const v = arg(L, base, nargs, n);
  return v === undefined ? def : checkInteger(L, base, nargs, n);
}

export function checkNumber(L: LuaThread, base: number, nargs: number, n: number): number | bigint | LuaFloat {
  const v = tonumber(arg(L, base, nargs, n));
  if (v === undefined) typeArgError(L, base, nargs, n, 'number');
  return v;
}

/** A string argument; numbers are converted (luaL_checklstring). */
export function checkString(L: LuaThread, base: number, nargs: number, n: number): string {
  const v = arg(L, base, nargs, n);
  if (typeof v === 'string') return v;
  if (isNumber(v)) return number2string(v);
  typeArgError(L, base, nargs, n, 'string');
}

export function optString(L: LuaThread, base: number, nargs: number, n: number, def: string): string {
  const v = arg(L, base, nargs, n);
  return v === undefined ? def : checkString(L, base, nargs, n);
}

/** Check that argument `n` has Lua type `t` (luaL_checktype). */
export function checkType(L: LuaThread, base: number, nargs: number, n: number, t: string): Value {
  const v = arg(L, base, nargs, n);
  if (n > nargs || typeName(L.global, v) !== t) typeArgError(L, base, nargs, n, t);
  return v;
}
