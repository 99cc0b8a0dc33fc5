/**
 * # The utf8 library
 *
 * Responsibility: manual §6.5 — `char`, `charpattern`, `codes`,
 * `codepoint`, `len` and `offset`, in strict mode and, with `lax`, for the
 * extended encoding of code points up to 2^31-1.
 *
 * Manual: §6.5. PUC-Rio counterpart: lutf8lib.c. The decoding and position
 * rules are in src/lib/utf8-core.ts (tested on their own); this module reads
 * arguments and turns the core's LibErrors into Lua's errors.
 *
 * Invariant: positions are 1-based byte positions, as in Lua.
 *
 * Read next: src/lib/utf8-core.ts.
 */
import type { LuaState } from '../api/state.ts';
import { native, type LuaThread } from '../api/lua.ts';
import { arg, argError, checkInteger, checkString, luaError, optInteger, newlib } from '../api/auxlib.ts';
import type { LuaTable } from '../value/index.ts';
import {
  charpattern, isCharCode, utf8Char, utf8Len, utf8Codepoint, utf8Offset, utf8CodesCheck, utf8CodesNext,
} from './utf8-core.ts';
import { guard } from './guard.ts';


function truthy(L: LuaThread, base: number, nargs: number, n: number): boolean {
  const v = arg(L, base, nargs, n);
  return v !== undefined && v !== false;
}

function char(L: LuaThread, base: number, nargs: number): number {
  const codes: (number | bigint)[] = [];
  for (let i = 1; i <= nargs; i++) {
    // each argument is checked in turn, type and range, as lutf8lib's loop does
    const code = checkInteger(L, base, nargs, i);
    if (!isCharCode(code)) argError(L, i, 'value out of range');
    codes.push(code);
  }
  L.push(guard(L, () => utf8Char(codes)));
  return 1;
}

function len(L: LuaThread, base: number, nargs: number): number {
  const s = checkString(L, base, nargs, 1);
  const i = Number(optInteger(L, base, nargs, 2, 1));
  const j = Number(optInteger(L, base, nargs, 3, -1));
  const r = guard(L, () => utf8Len(s, i, j, truthy(L, base, nargs, 4)));
  if (typeof r === 'number') { L.push(r); return 1; }
  L.push(undefined);  // fail, and the position of the first invalid byte
  L.push(r.fail);
  return 2;
}

function codepoint(L: LuaThread, base: number, nargs: number): number {
  const s = checkString(L, base, nargs, 1);
  const i = Number(optInteger(L, base, nargs, 2, 1));
  const j = arg(L, base, nargs, 3) === undefined ? i : Number(checkInteger(L, base, nargs, 3));
  const codes = guard(L, () => utf8Codepoint(s, i, j, truthy(L, base, nargs, 4)));
  if (codes.length >= 1000000) luaError(L, 'string slice too long');
  for (const c of codes) L.push(c);
  return codes.length;
}

function offset(L: LuaThread, base: number, nargs: number): number {
  const s = checkString(L, base, nargs, 1);
  const n = Number(checkInteger(L, base, nargs, 2));
  const i = arg(L, base, nargs, 3) === undefined ? undefined : Number(checkInteger(L, base, nargs, 3));
  L.push(guard(L, () => utf8Offset(s, n, i)) ?? undefined);
  return 1;
}

function iterator(strict: boolean) {
  return (L: LuaThread, base: number, nargs: number): number => {
    const s = checkString(L, base, nargs, 1);
    const n = Number(checkInteger(L, base, nargs, 2));
    const r = guard(L, () => utf8CodesNext(s, n, strict));
    if (r === undefined) return 0;
    L.push(r[0]);
    L.push(r[1]);
    return 2;
  };
}

const strictIterator = native('codes_iterator', iterator(true));
const laxIterator = native('codes_iterator', iterator(false));

function codes(L: LuaThread, base: number, nargs: number): number {
  const s = checkString(L, base, nargs, 1);
  guard(L, () => utf8CodesCheck(s));
  L.push(truthy(L, base, nargs, 2) ? laxIterator : strictIterator);
  L.push(s);
  L.push(0);
  return 3;
}

/** Install the utf8 library. */
export function openUtf8(state: LuaState): LuaTable {
  const U = newlib(state.L, { char, codepoint, codes, len, offset });
  U.setStr('charpattern', charpattern);
  return U;
}
