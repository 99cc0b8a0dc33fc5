/**
 * # The basic library
 *
 * Responsibility: the global functions of manual §6.1: print, type,
 * tostring, tonumber, error, assert, pcall, xpcall, select, the raw
 * accessors, next/pairs/ipairs, metatables, load/loadfile/dofile,
 * collectgarbage (until the collector exists), `_G` and `_VERSION`.
 *
 * Manual: §6.1. PUC-Rio counterpart: `lbaselib.c`.
 *
 * Invariants:
 * - Plain natives read arguments from the stack window and push results
 *   (see src/api/auxlib.ts); natives that run Lua code through the loop
 *   (pcall, xpcall, dofile, pairs with `__pairs`, load with a reader
 *   function) are generators yielding call requests, so they add no JS
 *   recursion and `try/catch` around a `yield` is a protected call.
 * - `tostring`/`print` call `__tostring` synchronously (like lua_call in
 *   luaL_tolstring, which cannot yield either); that nesting counts
 *   against the C-call limit.
 *
 * Read next: src/api/auxlib.ts, docs/vm.md ("Native functions").
 */
import { LuaClosure, LuaNative, FrameFlag, type LuaThread, type CallRequest } from '../object/objects.ts';
import { LuaState, addLibrary, native, nativeGen, loadChunk } from '../api/state.ts';
import { LoadError } from '../api/load.ts';
import { callSync } from '../vm/call.ts';
import { typeName, getMetatable, metafield } from '../vm/meta.ts';
import { libWhere } from '../vm/errors.ts';
import { warning } from '../api/warn.ts';
import { cannotOpen } from './errno.ts';
import { platformOf } from '../api/platform.ts';
import { fullCollect, explicitStep, switchMode } from '../gc/collector.ts';
import {
  arg, argError, checkAny, checkTable, checkInteger, optInteger, checkString, optString,
  typeArgError, luaError,
} from '../api/auxlib.ts';
import {
  LuaTable, LuaError, LuaFloat, str2number, number2string, isNumber, rawEquals,
  normint, ArithOp, mkfloat, type Value,
} from '../value/index.ts';
import { intArith } from '../value/number.ts';
import { LUA_VERSION } from '../version.ts';

const ids = new WeakMap<object, number>();
let nextId = 0x55550000a0;

/** "table: 0x..." address of a collectable object (stable for its lifetime). */
export function addressOf(o: object): string {
  let id = ids.get(o);
  if (id === undefined) { id = nextId; nextId += 0x40; ids.set(o, id); }
  return '0x' + id.toString(16).padStart(12, '0');
}

/** `tostring(v)` with `__tostring` and `__name` (luaL_tolstring). */
export function tostringMeta(L: LuaThread, v: Value): string {
  const h = metafield(L.global, v, '__tostring');
  if (h !== undefined) {
    const r = callSync(L, h, [v])[0];
    if (typeof r !== 'string') {
      if (isNumber(r)) return number2string(r);
      luaError(L, "'__tostring' must return a string");
    }
    return r;
  }
  switch (typeof v) {
    case 'undefined': return 'nil';
    case 'boolean': return v ? 'true' : 'false';
    case 'string': return v;
    case 'number': case 'bigint': return number2string(v);
  }
  if (v instanceof LuaFloat) return number2string(v);
  const name = metafield(L.global, v, '__name');
  const t = typeof name === 'string' ? name : typeName(L.global, v);
  return `${t}: ${addressOf(v)}`;
}

function print(L: LuaThread, base: number, nargs: number): number {
  let s = '';
  for (let i = 0; i < nargs; i++) {
    if (i > 0) s += '\t';
    s += tostringMeta(L, L.stack[base + i]);
  }
  L.global.write(s + '\n');
  return 0;
}

function type(L: LuaThread, base: number, nargs: number): number {
  const v = checkAny(L, base, nargs, 1);
  L.push(typeName(L.global, v));
  return 1;
}

function tostring(L: LuaThread, base: number, nargs: number): number {
  L.push(tostringMeta(L, checkAny(L, base, nargs, 1)));
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
  if (typeof v === 'string' && level > 0) {
    // level 1: the function that called error, the frame on top (natives have no frame)
    const d = L.depth - (Number(level) - 1);
    if (d >= 0) v = libWhere(L.frames[d]) + v;
  }
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
  const ci = L.frames[L.depth];
  ci.flags |= FrameFlag.PROTECT;  // errors stop at this frame; no message handler
  ci.msgh = undefined;
  try {
    const results = yield req;
    return [true, ...results];
  } catch (e) {
    return [false, e instanceof LuaError ? e.value : String(e)];
  }
}

function* xpcall(L: LuaThread, base: number, nargs: number): Generator<CallRequest, Value[], Value[]> {
  const handler = arg(L, base, nargs, 2);
  const req = [arg(L, base, nargs, 1), ...L.stack.slice(base + 2, base + nargs)] as CallRequest;
  // the VM runs the handler where the error happens, before unwinding (call.ts callHandler)
  const ci = L.frames[L.depth];
  ci.flags |= FrameFlag.PROTECT;
  ci.msgh = handler;
  try {
    const results = yield req;
    return [true, ...results];
  } catch (e) {
    return [false, e instanceof LuaError ? e.value : String(e)];
  }
}

function select(L: LuaThread, base: number, nargs: number): number {
  const n = arg(L, base, nargs, 1);
  if (n === '#') { L.push(nargs - 1); return 1; }
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
  L.push(rawEquals(a, b));
  return 1;
}

function rawlen(L: LuaThread, base: number, nargs: number): number {
  const v = arg(L, base, nargs, 1);
  if (v instanceof LuaTable) L.push(v.length());
  else if (typeof v === 'string') L.push(v.length);
  else argError(L, 1, 'table or string expected');
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
  const h = metafield(L.global, t, '__pairs');
  if (h !== undefined) {
    const r = yield [h, t];
    return [r[0], r[1], r[2]];
  }
  if (!(t instanceof LuaTable)) typeArgError(L, base, nargs, 1, 'table');
  return [nextFn, t, undefined];
}

/** `t[i]` honouring `__index` (lua_geti), synchronously. */
function geti(L: LuaThread, t: Value, i: number | bigint): Value {
  for (let loop = 0; loop < 2000; loop++) {
    if (t instanceof LuaTable) {
      const v = t.get(i);
      if (v !== undefined || t.metatable === undefined) return v;
    }
    const h = metafield(L.global, t, '__index');
    if (h === undefined) {
      if (t instanceof LuaTable) return undefined;
      luaError(L, `attempt to index a ${typeName(L.global, t)} value`);
    }
    if (h instanceof LuaClosure || h instanceof LuaNative) return callSync(L, h, [t, i])[0];
    t = h;
  }
  luaError(L, "'__index' chain too long; possible loop");
}

function ipairsAux(L: LuaThread, base: number, nargs: number): number {
  const t = arg(L, base, nargs, 1);
  // the control variable wraps around like any integer (maxinteger + 1)
  const i = intArith(ArithOp.ADD, checkInteger(L, base, nargs, 2), 1);
  const v = t instanceof LuaTable && t.metatable === undefined ? t.get(i) : geti(L, t, i);
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
  t.setMetatable(mt);   // with the collector's barrier; `__gc` registers t for finalization
  L.push(t);
  return 1;
}

function getmetatable(L: LuaThread, base: number, nargs: number): number {
  const mt = getMetatable(L.global, checkAny(L, base, nargs, 1));
  if (mt === undefined) { L.push(undefined); return 1; }
  const protectedBy = mt.getStr('__metatable');
  L.push(protectedBy !== undefined ? protectedBy : mt);
  return 1;
}

/** load's result: the function, or nil plus the message. */
function loaded(L: LuaThread, chunk: string, name: string, mode: string, env: Value, hasEnv: boolean): Value[] {
  try {
    return [loadChunk(L.global, chunk, name, mode, hasEnv ? env : L.global.globals)];
  } catch (e) {
    if (e instanceof LoadError) return [undefined, e.message];
    throw e;
  }
}

function* load(L: LuaThread, base: number, nargs: number): Generator<CallRequest, Value[], Value[]> {
  const chunk = arg(L, base, nargs, 1);
  const mode = optString(L, base, nargs, 3, 'bt');
  const hasEnv = nargs >= 4;
  const env = arg(L, base, nargs, 4);
  if (typeof chunk === 'string' || isNumber(chunk)) {
    const s = checkString(L, base, nargs, 1);
    return loaded(L, s, optString(L, base, nargs, 2, s), mode, env, hasEnv);
  }
  if (!(chunk instanceof LuaClosure || chunk instanceof LuaNative)) typeArgError(L, base, nargs, 1, 'string');
  const name = optString(L, base, nargs, 2, '=(load)');
  let text = '';
  for (;;) {
    let r: Value[];
    try {
      r = yield [chunk];
    } catch (e) {
      // an error in the reader is load's failure, not an error (lbaselib's generic_reader)
      return [undefined, e instanceof LuaError ? e.value : String(e)];
    }
    const piece = r[0];
    if (piece === undefined || piece === '') break;
    if (typeof piece !== 'string') return [undefined, 'reader function must return a string'];
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
  const path = arg(L, base, nargs, 1) === undefined ? undefined : checkString(L, base, nargs, 1);
  const mode = optString(L, base, nargs, 2, 'bt');
  const f = readFile(L, path);
  const r = typeof f === 'string' ? [undefined, f] : loaded(L, f[0], f[1], mode, arg(L, base, nargs, 3), nargs >= 3);
  for (const v of r) L.push(v);
  return r.length;
}

function* dofile(L: LuaThread, base: number, nargs: number): Generator<CallRequest, Value[], Value[]> {
  const path = arg(L, base, nargs, 1) === undefined ? undefined : checkString(L, base, nargs, 1);
  const f = readFile(L, path);
  if (typeof f === 'string') luaError(L, f);
  const r = loaded(L, f[0], f[1], 'bt', undefined, false);
  if (r[0] === undefined) throw new LuaError(r[1]);
  return yield [r[0]];
}

/** A tuning parameter as PUC-Rio stores it: a quarter of the value, in a byte. */
function gcParam(v: number): number { return (Math.trunc(v / 4) & 0xff) * 4; }

/** `collectgarbage(opt, ...)`: the collector's controls (src/gc/collector.ts). */
function collectgarbage(L: LuaThread, base: number, nargs: number): number {
  const opt = optString(L, base, nargs, 1, 'collect');
  const G = L.global, h = G.heap;
  const OPTIONS = ['stop', 'restart', 'collect', 'count', 'step', 'setpause', 'setstepmul',
    'isrunning', 'generational', 'incremental'];
  if (!OPTIONS.includes(opt)) argError(L, 1, `invalid option '${opt}'`);
  const int = (i: number) => Number(optInteger(L, base, nargs, i, 0));
  if (h.busy) { L.push(undefined); return 1; }   // inside a finalizer: the collector is not available
  switch (opt) {
    // the live part of the stack ends with this native's arguments (L.top)
    case 'collect': fullCollect(G, L, L.top); L.push(0); return 1;
    case 'stop': h.running = false; L.push(0); return 1;
    case 'restart': h.running = true; h.debt = 0; L.push(0); return 1;
    case 'count': {
      const bytes = Math.max(h.total, 0);
      L.push(mkfloat(Math.floor(bytes / 1024) + (bytes % 1024) / 1024));
      return 1;
    }
    case 'step': L.push(explicitStep(G, L, int(2), L.top)); return 1;
    case 'setpause': { const old = h.pause; h.pause = gcParam(int(2)); L.push(old); return 1; }
    case 'setstepmul': { const old = h.stepmul; h.stepmul = gcParam(int(2)); L.push(old); return 1; }
    case 'isrunning': L.push(h.running); return 1;
    case 'generational': {   // src/gc/generational.ts
      const minormul = int(2), majormul = int(3);
      if (minormul !== 0) h.minormul = minormul & 0xff;   // PUC-Rio keeps it in a byte
      if (majormul !== 0) h.majormul = gcParam(majormul);
      L.push(switchMode(G, L, 'generational', L.top));
      return 1;
    }
    default: {   // 'incremental'
      const pause = int(2), stepmul = int(3), stepsize = int(4);
      if (pause !== 0) h.pause = gcParam(pause);
      if (stepmul !== 0) h.stepmul = gcParam(stepmul);
      if (stepsize !== 0) h.stepsize = stepsize;
      L.push(switchMode(G, L, 'incremental', L.top));
      return 1;
    }
  }
}

/** `warn(msg1, ...)`: one warning made of the pieces (src/api/warn.ts). */
function warn(L: LuaThread, base: number, nargs: number): number {
  checkString(L, base, nargs, 1);
  for (let i = 2; i <= nargs; i++) checkString(L, base, nargs, i);
  const pieces: string[] = [];
  for (let i = 1; i <= nargs; i++) pieces.push(tostringPlain(L.stack[base + i - 1]));
  for (let i = 0; i < pieces.length; i++) warning(L.global, pieces[i], i < pieces.length - 1);
  return 0;
}

/** A string or number argument as the string `lua_tostring` gives. */
function tostringPlain(v: Value): string {
  return typeof v === 'string' ? v : number2string(v);
}

/** Install the basic library in a state. */
export function openBase(state: LuaState): void {
  const G = state.globals;
  const put = (name: string, fn: (L: LuaThread, base: number, nargs: number) => number) =>
    G.set(name, native(name, fn));
  put('print', print);
  put('type', type);
  put('tostring', tostring);
  put('tonumber', tonumber);
  put('error', error);
  put('assert', assert);
  put('select', select);
  put('rawget', rawget);
  put('rawset', rawset);
  put('rawequal', rawequal);
  put('rawlen', rawlen);
  G.set('next', nextFn);
  put('ipairs', ipairs);
  put('setmetatable', setmetatable);
  put('getmetatable', getmetatable);
  put('loadfile', loadfile);
  put('collectgarbage', collectgarbage);
  put('warn', warn);
  G.set('pcall', nativeGen('pcall', pcall));
  G.set('xpcall', nativeGen('xpcall', xpcall));
  G.set('pairs', nativeGen('pairs', pairs));
  G.set('load', nativeGen('load', load));
  G.set('dofile', nativeGen('dofile', dofile));
  G.set('_G', G);
  G.set('_VERSION', LUA_VERSION);
}

addLibrary(openBase);
