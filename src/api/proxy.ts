/**
 * # Objects by reference: JS objects in Lua, Lua tables in JS
 *
 * Responsibility: the two kinds of proxy at the boundary. A JS object
 * handed to Lua becomes a userdata whose metatable passes everything
 * through to the object: `__index` reads a property (a method comes back
 * bound to the object, so `obj:method(x)` calls it with `this` = obj),
 * `__newindex` writes one, `__call` constructs a class, `__len` and
 * `__pairs` see an array's items or a Map's entries, and `__gc` drops the
 * state's reference once Lua has let go of the userdata. A Lua table
 * handed to JS with `{ proxy: true }` becomes a JS `Proxy` whose reads and
 * writes are `t[k]` and `t[k] = v` in Lua (metamethods included).
 *
 * Manual: §2.4 (metatables and metamethods: __index, __newindex, __call,
 * __len, __gc), §6.1 (`pairs` and `__pairs`), §2.5.3 (finalizers).
 * PUC-Rio counterpart: none; a C host writes such metatables by hand (as
 * `liolib.c` does for files).
 *
 * Invariants: one JS object has at most one userdata at a time (so `==`
 * and table keys see the same object as the same value); the map that
 * says so holds a userdata only until its `__gc` runs, never after the
 * collector frees it. Metatables are pinned: they live as long as the
 * state. Lua reaches only what the host gave and what its own or its
 * classes' properties lead to, never `Object.prototype`'s or
 * `Function.prototype`'s members (see `visible`).
 *
 * Read next: `interop.ts` (when an object crosses by reference),
 * `boundary.ts` (the state's side), src/gc/finalize.ts (`__gc`).
 */
import { LuaNative, type LuaThread } from '../object/objects.ts';
import { LuaUserdata } from '../object/userdata.ts';
import { LuaTable, LuaError, type Value } from '../value/index.ts';
import { gettable, settable } from './operations.ts';
import { hostError } from './guard.ts';
import { fromLuaString, toLuaString, isClass, type ConvertOptions } from './interop.ts';

/** What the proxies need from their state. */
export interface ProxyHost {
  /** The thread proxies run Lua operations on (the main thread). */
  readonly L: LuaThread;
  /** A JS value as a Lua value, objects by reference. */
  toLua(v: unknown): Value;
  /** A Lua value as a JS value. */
  toJS(v: Value, opts?: ConvertOptions): unknown;
  /** `fn` as a Lua function called with `this` = `self` (a leading `self` argument, as `obj:m()` passes, is dropped). */
  wrapFunction(name: string, fn: (...args: unknown[]) => unknown, self?: object): LuaNative;
  /** Keep a Lua value alive while JS holds it. */
  pin(v: Value): void;
  /** Undo one {@link pin}. */
  unpin(v: Value): void;
}

/** How a JS object is seen from Lua: each kind has its metatable. */
type Kind = 'JSObject' | 'JSArray' | 'JSMap' | 'JSClass';

function kindOf(o: object): Kind {
  if (Array.isArray(o)) return 'JSArray';
  if (o instanceof Map) return 'JSMap';
  if (isClass(o)) return 'JSClass';
  return 'JSObject';
}

/** A Lua key as a JS property name: strings decoded, numbers as JS writes them, other keys none. */
function propertyName(k: Value): string | number | undefined {
  if (typeof k === 'string') return fromLuaString(k);
  if (typeof k === 'number') return k;
  return undefined;
}

/** A JS property name as a Lua key: canonical integers ("1", "-2") become integers. */
function luaKey(prop: string): Value {
  if (/^(0|-?[1-9]\d{0,15})$/.test(prop) && Number.isSafeInteger(Number(prop))) return Number(prop);
  return toLuaString(prop);
}

/**
 * Can Lua see property `name` of `o`? Not when it comes from
 * `Object.prototype` or `Function.prototype` (nor `__proto__`): those lead
 * to every object's prototype and to the `Function` constructor
 * (`Point.constructor("return process")`), which would let Lua code out of
 * a sandbox. Own properties and those of the object's classes are visible.
 */
function visible(o: object, name: string | number): boolean {
  if (name === '__proto__') return false;
  for (let p: object | null = o; p !== null; p = Object.getPrototypeOf(p)) {
    if (Object.prototype.hasOwnProperty.call(p, name)) return p !== Object.prototype && p !== Function.prototype;
  }
  return false;
}

/** The proxies of one state (one per `LuaState`, never shared). */
export class Proxies {
  /** Each JS object's userdata, from its creation until its `__gc`. */
  private readonly live = new Map<object, LuaUserdata>();
  private readonly metatables = new Map<Kind, LuaTable>();
  private readonly kinds = new Set<LuaTable>();
  /** Each table Proxy's table (weak: the Proxy is what the host holds). */
  private readonly tables = new WeakMap<object, LuaTable>();
  /** Unpins a table once JS has collected its Proxy. */
  private readonly released = new FinalizationRegistry<LuaTable>((t) => this.host.unpin(t));

  constructor(private readonly host: ProxyHost, private readonly heap: LuaTable['heap']) {}

  /** The userdata standing for `o` in Lua (the same one while Lua holds it). */
  wrapObject(o: object): LuaUserdata {
    const known = this.live.get(o);
    if (known !== undefined) return known;
    const u = new LuaUserdata(this.heap, o, this.metatable(kindOf(o)), 0);
    this.live.set(o, u);
    return u;
  }

  /** The JS object behind `u`, if `u` is one of these proxies. */
  unwrapObject(u: LuaUserdata): object | undefined {
    return u.metatable !== undefined && this.kinds.has(u.metatable) ? u.data as object : undefined;
  }

  /** `t` as a JS Proxy: reads and writes run `t[k]` / `t[k] = v` in Lua. */
  proxyTable(t: LuaTable, opts: ConvertOptions): object {
    const { L, toLua } = this.host;
    const toJS = (v: Value) => this.host.toJS(v, { ...opts, proxy: true, deep: false });
    const get = (prop: string | symbol) => typeof prop === 'symbol' ? undefined : gettable(L, t, luaKey(prop));
    const p = new Proxy({}, {
      get: (_, prop) => toJS(get(prop)),
      set: (_, prop, value) => {
        if (typeof prop === 'symbol') return false;
        settable(L, t, luaKey(prop), toLua.call(this.host, value));
        return true;
      },
      has: (_, prop) => get(prop) !== undefined,
      deleteProperty: (_, prop) => {
        if (typeof prop !== 'symbol') settable(L, t, luaKey(prop), undefined);
        return true;
      },
      // the table's own keys (raw, as `next` sees them) that JS can name
      ownKeys: () => {
        const keys: string[] = [];
        for (let k = t.next(undefined); k !== undefined; k = t.next(k[0])) {
          const name = propertyName(k[0]);
          if (name !== undefined) keys.push(String(name));
        }
        return keys;
      },
      getOwnPropertyDescriptor: (_, prop) => {
        const v = get(prop);
        return v === undefined ? undefined : { value: toJS(v), writable: true, enumerable: true, configurable: true };
      },
    });
    this.host.pin(t);
    this.released.register(p, t);
    this.tables.set(p, t);
    return p;
  }

  /** The table behind a Proxy made by {@link proxyTable}. */
  unproxyTable(o: object): LuaTable | undefined {
    return this.tables.get(o);
  }

  /** The metatable of one kind, made on first use. */
  private metatable(kind: Kind): LuaTable {
    const known = this.metatables.get(kind);
    if (known !== undefined) return known;
    const mt = new LuaTable(this.heap);
    const set = (event: string, fn: (L: LuaThread, base: number, nargs: number) => number) =>
      mt.set(event, new LuaNative(event, fn));
    mt.set('__name', kind);
    set('__index', (L, base) => this.index(L, L.stack[base] as LuaUserdata, L.stack[base + 1]));
    set('__newindex', (L, base) => this.newindex(L, L.stack[base] as LuaUserdata, L.stack[base + 1], L.stack[base + 2]));
    set('__gc', (L, base) => {
      const u = L.stack[base] as LuaUserdata;
      if (this.live.get(u.data as object) === u) this.live.delete(u.data as object);
      return 0;
    });
    if (kind === 'JSArray' || kind === 'JSMap') {
      set('__len', (L, base) => {
        const o = (L.stack[base] as LuaUserdata).data;
        L.push(Array.isArray(o) ? o.length : (o as Map<unknown, unknown>).size);
        return 1;
      });
    }
    set('__pairs', (L, base) => this.pairs(L, L.stack[base] as LuaUserdata));
    if (kind === 'JSClass') {
      // `Point(1, 2)`: the class comes first (the userdata being called), then the arguments
      mt.set('__call', this.host.wrapFunction('__call', (cls, ...args) => new (cls as new (...a: unknown[]) => unknown)(...args)));
    }
    this.host.pin(mt);
    this.metatables.set(kind, mt);
    this.kinds.add(mt);
    return mt;
  }

  /** `__index`: an array's item, a Map's entry, or a property (methods bound to the object). */
  private index(L: LuaThread, u: LuaUserdata, k: Value): number {
    const o = u.data as Record<string | number, unknown>;
    const { host } = this;
    if (Array.isArray(o) && typeof k === 'number') { L.push(host.toLua(o[k - 1])); return 1; }
    if (o instanceof Map) {
      const key = host.toJS(k);
      if (o.has(key)) { L.push(host.toLua(o.get(key))); return 1; }
    }
    const name = propertyName(k);
    if (name === undefined) { L.push(undefined); return 1; }
    if (name === 'new' && isClass(o) && !('new' in o)) {
      const cls = o as unknown as new (...a: unknown[]) => unknown;
      L.push(host.wrapFunction('new', (...args) => new cls(...args)));
      return 1;
    }
    let v: unknown;
    try { v = visible(o, name) ? o[name] : undefined; } catch (e) { throw hostError(L, String(name), e); }
    L.push(typeof v === 'function' && !isClass(v)
      ? host.wrapFunction(String(name), v as (...args: unknown[]) => unknown, o)
      : host.toLua(v));
    return 1;
  }

  /** `__newindex`: set an array's item, a Map's entry or a property; nil deletes an entry or property. */
  private newindex(L: LuaThread, u: LuaUserdata, k: Value, v: Value): number {
    const o = u.data as Record<string | number, unknown>;
    const { host } = this;
    if (Array.isArray(o) && typeof k === 'number') { o[k - 1] = host.toJS(v); return 0; }
    if (o instanceof Map) {
      const key = host.toJS(k);
      if (v === undefined) o.delete(key); else o.set(key, host.toJS(v));
      return 0;
    }
    const name = propertyName(k);
    if (name === undefined) throw new LuaError(`cannot set a field of a ${kindOf(o)} with a key of this type`);
    if (name === '__proto__') throw new LuaError(`cannot set '__proto__' of a ${kindOf(o)}`);
    try {
      if (v === undefined) delete o[name]; else o[name] = host.toJS(v);
    } catch (e) { throw hostError(L, String(name), e); }
    return 0;
  }

  /** `__pairs`: an iterator over a snapshot of the keys (array indices from 1, Map keys, own enumerable properties). */
  private pairs(L: LuaThread, u: LuaUserdata): number {
    const o = u.data as Record<string, unknown>;
    const { host } = this;
    let entries: [unknown, unknown][];
    if (Array.isArray(o)) entries = o.map((x, i) => [i + 1, x]);
    else if (o instanceof Map) entries = [...o.entries()];
    else entries = Object.keys(o).map((k) => [k, o[k]]);
    let i = 0;
    L.push(new LuaNative('next', (T) => {
      if (i >= entries.length) { T.push(undefined); return 1; }
      const [k, v] = entries[i++];
      T.push(host.toLua(k));
      T.push(host.toLua(v));
      return 2;
    }));
    L.push(u);
    L.push(undefined);
    return 3;
  }
}
