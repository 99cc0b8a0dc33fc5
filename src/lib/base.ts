/**
 * # The basic library
 *
 * Responsibility: the global functions of manual §6.1: print, type,
 * tostring, tonumber, error, assert, pcall, xpcall, select, the raw
 * accessors, next/pairs/ipairs, metatables, load/loadfile/dofile,
 * collectgarbage (lua_gc's operations), warn, `_G` and `_VERSION`.
 *
 * Manual: §6.1. PUC-Rio counterpart: `lbaselib.c`.
 *
 * Invariants:
 * - Plain natives read arguments with the checks of src/api/auxlib.ts and
 *   push results; natives that run Lua code through the loop (pcall,
 *   xpcall, dofile, pairs with `__pairs`, load with a reader function) are
 *   generators yielding call requests, so they add no JS recursion and
 *   `try/catch` around a `yield` is a protected call.
 * - `tostring`/`print` call `__tostring` synchronously (like lua_call in
 *   luaL_tolstring, which cannot yield either); that nesting counts
 *   against the C-call limit.
 *
 * - `loadfile` and `dofile` read files through the state's platform
 *   (src/api/platform.ts), never through Node directly.
 *
 * Read next: src/api/auxlib.ts, src/api/lua.ts, docs/vm.md ("Native functions").
 */
import type { LuaState } from '../api/state.ts';
import {
  caughtError, native, isfunction, typeName, getmetatable as rawGetMetatable, setmetatable as setMeta, geti,
  rawequal as rawEqual, load as loadChunk, protect, gc, warning,
  topointer, type GcOption, type LuaThread, type CallRequest,
} from '../api/lua.ts';
import { platformOf } from '../api/platform.ts';
import {
  arg, argError, checkAny, checkTable, checkInteger, optInteger, checkString, optString, checkCString, optCString,
  typeArgError, checkType, luaError, where, tolstring, getmetafield, checkOption, setfuncs, writestring, cString,
} from '../api/auxlib.ts';
import { cannotOpen } from './errno.ts';
import {
  LuaTable, LuaError, str2number, number2string, isNumber, normint, ArithOp, mkfloat, type Value,
} from '../value/index.ts';
import { intArith } from '../value/number.ts';
import { LUA_VERSION } from '../version.ts';

/** "0x..." address of a collectable object (kept for the modules that import it from here). */
export function addressOf(L: LuaThread, o: object): string {
  return topointer(L, o) ?? '(null)';
}

/** `tostring(v)` with `__tostring` and `__name`: auxlib's `tolstring` (kept under its old name). */
export const tostringMeta = tolstring;

function print(L: LuaThread, base: number, nargs: number): number {
  let s = '';
  for (let i = 0; i < nargs; i++) {
    if (i > 0) s += '\t';
    s += tolstring(L, L.stack[base + i]);
  }
  writestring(L, s + '\n');
  return 0;
}

function type(L: LuaThread, base: number, nargs: number): number {
  const v = checkAny(L, base, nargs, 1);
  L.push(typeName(v));
  return 1;
}

function tostring(L: LuaThread, base: number, nargs: number): number {
  L.push(tolstring(L, checkAny(L, base, nargs, 1)));
  return 1;
}

function tonumber(L: LuaThread, base: number, nargs: number): number {
  const v = arg(L, base, nargs, 1);
  if (arg(L, base, nargs, 2) === undefined) {
    checkAny(L, base, nargs, 1);
    L.push(isNumber(v) ? v : typeof v === 'string' ? str2number(v) : undefined);
    return 1;
  }
  const b = checkInteger(L, base, nargs, 2);
  if (typeof v !== 'string') typeArgError(L, base, nargs, 1, 'string');
  if (!(b >= 2 && b <= 36)) argError(L, 2, 'base out of range');
  const m = /^[ \f\n\r\t\v]*([-+])?([0-9a-zA-Z]+)[ \f\n\r\t\v]*$/.exec(v);
  let r: Value = undefined;
  if (m) {
    let n = 0n;
    const B = BigInt(b);
    let ok = true;
    for (const c of m[2].toLowerCase()) {
      const d = parseInt(c, 36);
      if (d >= Number(b)) { ok = false; break; }
      n = n * B + BigInt(d);
    }
    if (ok) r = normint(m[1] === '-' ? -n : n);
  }
  L.push(r);
  return 1;
}

function error(L: LuaThread, base: number, nargs: number): number {
  let v = arg(L, base, nargs, 1);
  const level = optInteger(L, base, nargs, 2, 1);
  if (typeof v === 'string' && level > 0) v = where(L, Number(level)) + v;
  throw new LuaError(v);
}

function assert(L: LuaThread, base: number, nargs: number): number {
  const v = checkAny(L, base, nargs, 1);
  if (v !== undefined && v !== false) {
    for (let i = 0; i < nargs; i++) L.push(L.stack[base + i]);
    return nargs;
  }
  if (nargs >= 2) throw new LuaError(L.stack[base + 1]);
  luaError(L, 'assertion failed!');
}

function* pcall(L: LuaThread, base: number, nargs: number): Generator<CallRequest, Value[], Value[]> {
  checkAny(L, base, nargs, 1);
  const req = L.stack.slice(base, base + nargs) as CallRequest;
  protect(L);   // errors stop at this frame; no message handler
  try {
    const results = yield req;
    return [true, ...results];
  } catch (e) {
    return [false, e instanceof LuaError ? e.value : String(e)];
  }
}

function* xpcall(L: LuaThread, base: number, nargs: number): Generator<CallRequest, Value[], Value[]> {
  const handler = checkType(L, base, nargs, 2, 'function');
  const req = [arg(L, base, nargs, 1), ...L.stack.slice(base + 2, base + nargs)] as CallRequest;
  protect(L, handler);   // the handler runs where the error happens, before unwinding
  try {
    const results = yield req;
    return [true, ...results];
  } catch (e) {
    return [false, e instanceof LuaError ? e.value : String(e)];
  }
}

function select(L: LuaThread, base: number, nargs: number): number {
  const n = arg(L, base, nargs, 1);
  // lbaselib looks at the first byte only: "#", "#x" and "#\0" all count
  if (typeof n === 'string' && n[0] === '#') { L.push(nargs - 1); return 1; }
  let i = Number(checkInteger(L, base, nargs, 1));
  if (i < 0) i = nargs + i;  // -1 is the last argument
  if (i < 1) argError(L, 1, 'index out of range');
  for (let j = i; j < nargs; j++) L.push(L.stack[base + j]);
  return i < nargs ? nargs - i : 0;
}

function rawget(L: LuaThread, base: number, nargs: number): number {
  const t = checkTable(L, base, nargs, 1);
  L.push(t.get(checkAny(L, base, nargs, 2)));
  return 1;
}

function rawset(L: LuaThread, base: number, nargs: number): number {
  const t = checkTable(L, base, nargs, 1);
  checkAny(L, base, nargs, 2);
  checkAny(L, base, nargs, 3);
  t.set(L.stack[base + 1], L.stack[base + 2]);
  L.push(t);
  return 1;
}

function rawequal(L: LuaThread, base: number, nargs: number): number {
  const a = checkAny(L, base, nargs, 1), b = checkAny(L, base, nargs, 2);
  L.push(rawEqual(a, b));
  return 1;
}

function rawlen(L: LuaThread, base: number, nargs: number): number {
  const v = arg(L, base, nargs, 1);
  if (v instanceof LuaTable) L.push(v.length());
  else if (typeof v === 'string') L.push(v.length);
  else typeArgError(L, base, nargs, 1, 'table or string');
  return 1;
}

function next(L: LuaThread, base: number, nargs: number): number {
  const t = checkTable(L, base, nargs, 1);
  const e = t.next(arg(L, base, nargs, 2));
  if (e === undefined) { L.push(undefined); return 1; }
  L.push(e[0]); L.push(e[1]);
  return 2;
}

const nextFn = native('next', next);

function* pairs(L: LuaThread, base: number, nargs: number): Generator<CallRequest, Value[], Value[]> {
  const t = checkAny(L, base, nargs, 1);
  const h = getmetafield(L, t, '__pairs');
  if (h !== undefined) {
    const r = yield [h, t];
    return [r[0], r[1], r[2]];
  }
  return [nextFn, t, undefined];   // not checked: `next` will complain (as 'for iterator')
}

function ipairsAux(L: LuaThread, base: number, nargs: number): number {
  const t = arg(L, base, nargs, 1);
  // the control variable wraps around like any integer (maxinteger + 1)
  const i = intArith(ArithOp.ADD, checkInteger(L, base, nargs, 2), 1);
  const v = geti(L, t, i);
  if (v === undefined) { L.push(undefined); return 1; }
  L.push(i); L.push(v);
  return 2;
}
const ipairsIter = native('ipairs_aux', ipairsAux);

function ipairs(L: LuaThread, base: number, nargs: number): number {
  const t = checkAny(L, base, nargs, 1);
  L.push(ipairsIter); L.push(t); L.push(0);
  return 3;
}

function setmetatable(L: LuaThread, base: number, nargs: number): number {
  const t = checkTable(L, base, nargs, 1);
  const mt = arg(L, base, nargs, 2);
  if (mt !== undefined && !(mt instanceof LuaTable)) typeArgError(L, base, nargs, 2, 'nil or table');
  if (t.metatable !== undefined && t.metatable.getStr('__metatable') !== undefined) {
    luaError(L, 'cannot change a protected metatable');
  }
  setMeta(L, t, mt);   // the collector learns of `__gc` and `__mode` here
  L.push(t);
  return 1;
}

function getmetatable(L: LuaThread, base: number, nargs: number): number {
  const mt = rawGetMetatable(L, checkAny(L, base, nargs, 1));
  if (mt === undefined) { L.push(undefined); return 1; }
  const protectedBy = mt.getStr('__metatable');
  L.push(protectedBy !== undefined ? protectedBy : mt);
  return 1;
}

/** load's result: the function, or nil plus the message. */
function loaded(L: LuaThread, chunk: string, name: string, mode: string, env: Value, hasEnv: boolean): Value[] {
  const f = hasEnv ? loadChunk(L, chunk, name, mode, env) : loadChunk(L, chunk, name, mode);
  return typeof f === 'string' ? [undefined, f] : [f];
}

function* load(L: LuaThread, base: number, nargs: number): Generator<CallRequest, Value[], Value[]> {
  const chunk = arg(L, base, nargs, 1);
  // the chunk name and the mode reach lua_load as C strings: cut at a NUL
  const mode = optCString(L, base, nargs, 3, 'bt');
  const hasEnv = nargs >= 4;
  const env = arg(L, base, nargs, 4);
  if (typeof chunk === 'string' || isNumber(chunk)) {
    const s = checkString(L, base, nargs, 1);
    return loaded(L, s, optCString(L, base, nargs, 2, s), mode, env, hasEnv);
  }
  const name = optCString(L, base, nargs, 2, '=(load)');
  if (!isfunction(chunk)) typeArgError(L, base, nargs, 1, 'function');
  let text = '';
  for (;;) {
    let r: Value[];
    try {
      r = yield [chunk];
    } catch (e) {
      // an error in the reader is load's failure, not an error (lbaselib's generic_reader)
      return [undefined, e instanceof LuaError ? e.value : String(e)];
    }
    let piece = r[0];
    if (piece === undefined || piece === '') break;
    if (isNumber(piece)) piece = number2string(piece);   // lua_tolstring: numbers are strings
    // luaL_error inside lua_load, which load catches: the position is load's
    // caller's, and the running message handler sees the error first
    if (typeof piece !== 'string') return [undefined, caughtError(L, where(L) + 'reader function must return a string')];
    text += piece;
  }
  return loaded(L, text, name, mode, env, hasEnv);
}

/**
 * A chunk file's text as luaL_loadfilex reads it: a UTF-8 byte order mark
 * and a first line starting with '#' are skipped (a newline keeps the line
 * numbers), and a binary chunk may follow that line.
 */
function skipPrefix(text: string): string {
  if (text.startsWith('\xEF\xBB\xBF')) text = text.slice(3);
  if (text[0] !== '#') return text;
  const nl = text.indexOf('\n');
  const rest = nl < 0 ? '' : text.slice(nl + 1);
  return rest[0] === '\x1b' ? rest : '\n' + rest;
}

/** The chunk in file `path` (the standard input when undefined) and its chunk name, or the message why not. */
function readFile(L: LuaThread, path: string | undefined): [string, string] | string {
  const platform = platformOf(L);
  try {
    const text = path === undefined ? platform.stdin.readAll() : platform.readFile(path);
    return [skipPrefix(text), path === undefined ? '=stdin' : '@' + path];
  } catch (e) {
    return cannotOpen(path ?? 'stdin', e);
  }
}

function loadfile(L: LuaThread, base: number, nargs: number): number {
  const path = arg(L, base, nargs, 1) === undefined ? undefined : checkCString(L, base, nargs, 1);
  const mode = optCString(L, base, nargs, 2, 'bt');
  const f = readFile(L, path);
  const r = typeof f === 'string' ? [undefined, f] : loaded(L, f[0], f[1], mode, arg(L, base, nargs, 3), nargs >= 3);
  for (const v of r) L.push(v);
  return r.length;
}

function* dofile(L: LuaThread, base: number, nargs: number): Generator<CallRequest, Value[], Value[]> {
  const path = arg(L, base, nargs, 1) === undefined ? undefined : checkCString(L, base, nargs, 1);
  const f = readFile(L, path);
  if (typeof f === 'string') luaError(L, f);
  const r = loaded(L, f[0], f[1], 'bt', undefined, false);
  if (r[0] === undefined) throw new LuaError(r[1]);
  return yield [r[0]];
}

const GC_OPTIONS: readonly GcOption[] = ['stop', 'restart', 'collect', 'count', 'step', 'setpause',
  'setstepmul', 'isrunning', 'generational', 'incremental'];

/** `collectgarbage(opt, ...)`: lua_gc's operations (src/api/gc.ts). */
function collectgarbage(L: LuaThread, base: number, nargs: number): number {
  const opt = GC_OPTIONS[checkOption(L, base, nargs, 1, 'collect', GC_OPTIONS)];
  // each option reads only its own arguments, as lbaselib does
  const used = opt === 'incremental' ? 3 : opt === 'generational' ? 2
    : opt === 'step' || opt === 'setpause' || opt === 'setstepmul' ? 1 : 0;
  const int = (i: number) => (i - 1 <= used ? Number(optInteger(L, base, nargs, i, 0)) : 0);
  const r = gc(L, opt, int(2), int(3), int(4));
  if (r === undefined) { L.push(undefined); return 1; }   // inside a finalizer: not available
  if (opt === 'count') {
    const bytes = r as number;
    L.push(mkfloat(Math.floor(bytes / 1024) + (bytes % 1024) / 1024));
  } else {
    L.push(r);
  }
  return 1;
}

/** `warn(msg1, ...)`: one warning made of the pieces (src/api/warn.ts). */
function warn(L: LuaThread, base: number, nargs: number): number {
  checkString(L, base, nargs, 1);
  for (let i = 2; i <= nargs; i++) checkString(L, base, nargs, i);
  const pieces: string[] = [];
  // lua_warning takes each piece as a C string: it ends at a NUL
  for (let i = 1; i <= nargs; i++) pieces.push(cString(tostringPlain(L.stack[base + i - 1])));
  for (let i = 0; i < pieces.length; i++) warning(L, pieces[i], i < pieces.length - 1);
  return 0;
}

/** A string or number argument as the string `lua_tostring` gives. */
function tostringPlain(v: Value): string {
  return typeof v === 'string' ? v : number2string(v);
}

/** Install the basic library in a state: its functions are globals, and `_G` is the global table. */
export function openBase(state: LuaState): LuaTable {
  const G = state.globals;
  setfuncs(state.L, G, {
    print, type, tostring, tonumber, error, assert, select, rawget, rawset, rawequal, rawlen,
    next: nextFn, ipairs, setmetatable, getmetatable, loadfile, collectgarbage, warn,
    pcall, xpcall, pairs, load, dofile,
  });
  G.setStr('_G', G);
  G.setStr('_VERSION', LUA_VERSION);
  return G;
}
