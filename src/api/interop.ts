/**
 * # Crossing the boundary: JS values ↔ Lua values
 *
 * Responsibility: converting host values to Lua values and back, for the
 * host API: JS text ↔ Lua strings as UTF-8 bytes, `Uint8Array` ↔ raw byte
 * strings, JS functions ↔ Lua functions, and (when asked with `deep`)
 * arrays and plain objects ↔ tables.
 *
 * Manual: §4 (values on the C API's stack play this part), §2.1 (types).
 * PUC-Rio counterpart: `lapi.c` (lua_pushstring, lua_tolstring,
 * lua_pushcclosure); the deep conversions have none.
 *
 * Invariant: `toLua` returns only values in lucid's representation
 * (docs/design.md §2) and throws a LuaError for what it cannot convert;
 * `toJS` never returns a `LuaFloat` or a byte string.
 *
 * Read next: `state.ts` (LuaState.toLua / toJS / register).
 */
import { LuaClosure, LuaNative, LuaThread } from '../object/objects.ts';
import { LuaUserdata } from '../object/userdata.ts';
import { LuaTable, LuaFloat, LuaError, mkfloat, type Value } from '../value/index.ts';
import type { Collector } from '../value/collectable.ts';

const ASCII = /^[\x00-\x7f]*$/;
const utf8Encoder = new TextEncoder();
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

/** Lua string (bytes) → JS text, decoding UTF-8. */
export function fromLuaString(bytes: string): string {
  return ASCII.test(bytes) ? bytes : utf8Decoder.decode(luaToBytes(bytes));
}

/** Options of {@link toLuaValue} and {@link toJSValue}. */
export interface ConvertOptions {
  /** Convert arrays / plain objects to tables (toLua) or tables to arrays / objects (toJS). */
  deep?: boolean;
  /** toJS: give strings as `Uint8Array` bytes instead of decoded text. */
  bytes?: boolean;
  /** toLua: a JS number with an integral value becomes a float (default: an integer). */
  floats?: boolean;
}

/** Wraps JS functions as Lua functions (supplied by the state: it knows how to convert). */
export type FunctionWrapper = (fn: (...args: Value[]) => unknown) => LuaNative;
/** Wraps Lua functions as JS functions. */
export type LuaFunctionWrapper = (fn: LuaClosure | LuaNative) => (...args: unknown[]) => unknown;

/** Is `v` already a Lua value of lucid's representation (an object type)? */
export function isLuaValue(v: unknown): boolean {
  return v instanceof LuaTable || v instanceof LuaClosure || v instanceof LuaNative ||
    v instanceof LuaThread || v instanceof LuaFloat || v instanceof LuaUserdata;
}

/** A host value as a Lua value; tables it makes are born into `heap`. */
export function toLuaValue(heap: Collector, v: unknown, wrap: FunctionWrapper, opts: ConvertOptions = {}, seen?: Map<object, LuaTable>): Value {
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
      const n = v;
      return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
    }
    case 'function': return wrap(v as (...args: Value[]) => unknown);
  }
  if (v === null) return undefined;
  if (isLuaValue(v)) return v;
  if (v instanceof Uint8Array) return bytesToLua(v);
  if (opts.deep && typeof v === 'object') {
    const memo = seen ?? new Map<object, LuaTable>();
    const done = memo.get(v);
    if (done !== undefined) return done;
    const t = new LuaTable(heap);
    memo.set(v, t);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) t.set(i + 1, toLuaValue(heap, v[i], wrap, opts, memo));
    } else if (v instanceof Map) {
      for (const [k, x] of v) t.set(toLuaValue(heap, k, wrap, opts, memo), toLuaValue(heap, x, wrap, opts, memo));
    } else {
      for (const k of Object.keys(v)) t.set(toLuaString(k), toLuaValue(heap, (v as Record<string, unknown>)[k], wrap, opts, memo));
    }
    return t;
  }
  // an array is a list the host surely meant to copy: ask for { deep: true }
  if (Array.isArray(v)) throw new LuaError('cannot convert a JS array to a Lua value (pass { deep: true })');
  // any other JS object goes to Lua as an opaque userdata holding it (its
  // `data`); toJSValue gives the very object back
  return new LuaUserdata(heap, v);
}

/** A Lua value as a host value. */
export function toJSValue(v: Value, wrap: LuaFunctionWrapper, opts: ConvertOptions = {}, seen?: Map<LuaTable, unknown>): unknown {
  if (typeof v === 'string') return opts.bytes ? luaToBytes(v) : fromLuaString(v);
  if (v instanceof LuaFloat) return v.n;
  if (v instanceof LuaUserdata && v.metatable === undefined && typeof v.data === 'object' && v.data !== null) return v.data;
  if (v instanceof LuaClosure || v instanceof LuaNative) return wrap(v);
  if (v instanceof LuaTable && opts.deep) {
    const memo = seen ?? new Map<LuaTable, unknown>();
    const done = memo.get(v);
    if (done !== undefined) return done;
    const n = v.length();
    let count = 0;
    for (let k = v.next(undefined); k !== undefined; k = v.next(k[0])) count++;
    if (n > 0 && count === n) {
      // a sequence: an array
      const a: unknown[] = [];
      memo.set(v, a);
      for (let i = 1; i <= n; i++) a.push(toJSValue(v.get(i), wrap, opts, memo));
      return a;
    }
    const o: Record<string, unknown> = {};
    memo.set(v, o);
    for (let k = v.next(undefined); k !== undefined; k = v.next(k[0])) {
      const key = k[0];
      const name = typeof key === 'string' ? fromLuaString(key) : String(toJSValue(key, wrap, {}, memo));
      o[name] = toJSValue(k[1], wrap, opts, memo);
    }
    return o;
  }
  return v;
}
