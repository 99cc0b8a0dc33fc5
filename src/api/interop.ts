/**
 * # Crossing the boundary: the conversion rules
 *
 * Responsibility: what a host value becomes in Lua and what a Lua value
 * becomes in JavaScript, value by value. Text crosses as UTF-8, numbers as
 * numbers (BigInt beyond 2^53), `null`/`undefined` as nil; objects either
 * by reference (proxies, made by `proxy.ts` through the {@link Bridge}) or
 * copied (`deep`). docs/embedding.md ("The conversion rules") is the table
 * these functions implement.
 *
 * Manual: §4 (values on the C API's stack play this part), §2.1 (types).
 * PUC-Rio counterpart: `lapi.c` (lua_pushstring, lua_tolstring,
 * lua_pushcclosure); the deep copies and proxies have none.
 *
 * Invariant: `toLuaValue` returns only values in lucid's representation
 * (docs/design.md §2) and throws a LuaError for what it cannot convert;
 * `toJSValue` never returns a `LuaFloat` or a byte string (unless strings
 * are asked for as bytes, which are then a `Uint8Array`).
 *
 * Read next: `proxy.ts` (objects by reference), `boundary.ts` (the state's
 * side), `state.ts` (LuaState.toLua / toJS).
 */
import { LuaClosure, LuaNative, LuaThread } from '../object/objects.ts';
import { LuaUserdata } from '../object/userdata.ts';
import { LuaTable, LuaFloat, LuaError, mkfloat, type Value } from '../value/index.ts';
import type { Collector } from '../value/collectable.ts';

const ASCII = /^[\x00-\x7f]*$/;
const utf8Encoder = new TextEncoder();
// invalid UTF-8 becomes U+FFFD, as in every JS API that decodes text; ask for bytes to keep them
const utf8Decoder = new TextDecoder();

/** Bytes → Lua string (one char code per byte). */
export function bytesToLua(bytes: Uint8Array): string {
  let s = '';
  // in slices: an argument list as long as a large file would overflow the stack
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000) as unknown as number[]);
  }
  return s;
}

/** Lua string → its bytes. */
export function luaToBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** JS text → Lua string (UTF-8 bytes, one char code per byte). */
export function toLuaString(text: string): string {
  return ASCII.test(text) ? text : bytesToLua(utf8Encoder.encode(text));
}

/**
 * Lua string (bytes) → JS text, decoding UTF-8; a byte that is not part of
 * valid UTF-8 becomes U+FFFD (the replacement character).
 */
export function fromLuaString(bytes: string): string {
  return ASCII.test(bytes) ? bytes : utf8Decoder.decode(luaToBytes(bytes));
}

/** Options of the conversions ({@link toLuaValue}, {@link toJSValue}, `LuaState.toLua` / `toJS`). */
export interface ConvertOptions {
  /**
   * Copy instead of wrapping: toLua turns arrays, plain objects and Maps
   * into tables; toJS turns tables into arrays (sequences) or objects. The
   * copy is deep and keeps shared and cyclic references.
   */
  deep?: boolean;
  /** toJS: give a table as a JS `Proxy` whose reads and writes go to the table (metamethods included). */
  proxy?: boolean;
  /** toJS: Lua strings as decoded text (`'text'`, the default) or as a `Uint8Array` of their bytes (`'bytes'`). */
  strings?: 'text' | 'bytes';
  /** toJS: short for `strings: 'bytes'`. */
  bytes?: boolean;
  /** toLua: a JS number with an integral value becomes a float (default: an integer). */
  floats?: boolean;
}

/**
 * What the conversions need from a state: where tables are born, and how
 * functions and objects cross by reference (src/api/boundary.ts and
 * src/api/proxy.ts implement it).
 */
export interface Bridge {
  /** The heap new tables and userdata join. */
  readonly heap: Collector;
  /** A JS function as a Lua function (`name` for error messages; with `self`, called as its method). */
  wrapFunction(name: string, fn: (...args: unknown[]) => unknown, self?: object): LuaNative;
  /** A JS object (array, Map, class, instance, …) as its proxy userdata. */
  wrapObject(o: object): LuaUserdata;
  /** The JS object behind a proxy userdata made by {@link wrapObject}, if `u` is one. */
  unwrapObject(u: LuaUserdata): object | undefined;
  /** A Lua function as a JS function. */
  wrapLuaFunction(fn: LuaClosure | LuaNative): (...args: unknown[]) => unknown;
  /** The Lua function behind a JS function made by {@link wrapLuaFunction}, if `f` is one. */
  unwrapLuaFunction(f: object): LuaClosure | LuaNative | undefined;
  /** A table as a JS Proxy ({@link ConvertOptions.proxy}). */
  proxyTable(t: LuaTable, opts: ConvertOptions): object;
  /** The table behind a Proxy made by {@link proxyTable}, if `o` is one. */
  unproxyTable(o: object): LuaTable | undefined;
}

/** Is `v` already a Lua value of lucid's representation (an object type)? */
export function isLuaValue(v: unknown): boolean {
  return v instanceof LuaTable || v instanceof LuaClosure || v instanceof LuaNative ||
    v instanceof LuaThread || v instanceof LuaFloat || v instanceof LuaUserdata;
}

/** Is `f` a class (declared with `class`), which Lua should construct rather than call? */
export function isClass(f: unknown): f is new (...args: unknown[]) => unknown {
  return typeof f === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(f));
}

/** A host value as a Lua value. */
export function toLuaValue(bridge: Bridge, v: unknown, opts: ConvertOptions = {}, seen?: Map<object, LuaTable>): Value {
  switch (typeof v) {
    case 'undefined': return undefined;
    case 'boolean': return v;
    case 'string': return toLuaString(v);
    case 'number':
      if (Number.isSafeInteger(v) && !Object.is(v, -0)) return opts.floats ? mkfloat(v) : v;
      return mkfloat(v);
    case 'bigint': {
      // Lua integers are 64-bit: a wider BigInt is an error, never a silent wrap
      if (v !== BigInt.asIntN(64, v)) throw new LuaError(`integer ${v} out of range (Lua integers are 64-bit)`);
      return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
    }
    case 'function':
      return bridge.unwrapLuaFunction(v) ??
        (isClass(v) ? bridge.wrapObject(v) : bridge.wrapFunction(v.name || '?', v as (...args: unknown[]) => unknown));
    case 'symbol':
      throw new LuaError('cannot convert a JS symbol to a Lua value');
  }
  if (v === null) return undefined;
  if (isLuaValue(v)) return v;
  if (v instanceof Uint8Array) return bytesToLua(v);
  const o = v as object;
  const table = bridge.unproxyTable(o);
  if (table !== undefined) return table;
  if (opts.deep && (Array.isArray(o) || o instanceof Map || Object.getPrototypeOf(o) === Object.prototype || Object.getPrototypeOf(o) === null)) {
    return copyToTable(bridge, o, opts, seen ?? new Map());
  }
  // every other object crosses by reference: a userdata whose metatable
  // passes reads, writes and calls through (proxy.ts); toJS gives it back
  return bridge.wrapObject(o);
}

/** `{ deep: true }`: an array, Map or plain object copied into a new table. */
function copyToTable(bridge: Bridge, v: object, opts: ConvertOptions, memo: Map<object, LuaTable>): LuaTable {
  const done = memo.get(v);
  if (done !== undefined) return done;
  const t = new LuaTable(bridge.heap);
  memo.set(v, t);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) t.set(i + 1, toLuaValue(bridge, v[i], opts, memo));
  } else if (v instanceof Map) {
    for (const [k, x] of v) {
      const key = toLuaValue(bridge, k, opts, memo);
      if (key === undefined) throw new LuaError('cannot copy a Map with a null or undefined key (table index is nil)');
      t.set(key, toLuaValue(bridge, x, opts, memo));
    }
  } else {
    for (const k of Object.keys(v)) t.set(toLuaString(k), toLuaValue(bridge, (v as Record<string, unknown>)[k], opts, memo));
  }
  return t;
}

/** A Lua value as a host value. */
export function toJSValue(bridge: Bridge, v: Value, opts: ConvertOptions = {}, seen?: Map<LuaTable, unknown>): unknown {
  if (typeof v === 'string') return opts.bytes || opts.strings === 'bytes' ? luaToBytes(v) : fromLuaString(v);
  if (typeof v !== 'object') return v;   // nil, booleans, numbers, bigints
  if (v instanceof LuaFloat) return v.n;
  if (v instanceof LuaUserdata) return bridge.unwrapObject(v) ?? v;
  if (v instanceof LuaClosure || v instanceof LuaNative) return bridge.wrapLuaFunction(v);
  if (v instanceof LuaTable) {
    if (opts.deep) return copyFromTable(bridge, v, opts, seen ?? new Map());
    if (opts.proxy) return bridge.proxyTable(v, opts);
  }
  return v;
}

/** `{ deep: true }`: a table copied into an array (a sequence) or an object. */
function copyFromTable(bridge: Bridge, v: LuaTable, opts: ConvertOptions, memo: Map<LuaTable, unknown>): unknown {
  const done = memo.get(v);
  if (done !== undefined) return done;
  const n = v.length();
  let count = 0;
  for (let k = v.next(undefined); k !== undefined; k = v.next(k[0])) count++;
  if (n > 0 && count === n) {
    const a: unknown[] = [];
    memo.set(v, a);
    for (let i = 1; i <= n; i++) a.push(toJSValue(bridge, v.get(i), opts, memo));
    return a;
  }
  const o: Record<string, unknown> = {};
  memo.set(v, o);
  for (let k = v.next(undefined); k !== undefined; k = v.next(k[0])) {
    const key = k[0];
    // JS property names are strings: keys of other types are written as JS writes them
    const name = typeof key === 'string' ? fromLuaString(key) : String(toJSValue(bridge, key, {}, memo));
    o[name] = toJSValue(bridge, k[1], opts, memo);
  }
  return o;
}
