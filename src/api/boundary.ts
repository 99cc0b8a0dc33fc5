/**
 * # The state's side of the boundary
 *
 * Responsibility: the conversions as one `LuaState` applies them. It is
 * the `Bridge` the conversion rules (`interop.ts`) call back into:
 * JS functions become Lua functions that convert their arguments and
 * await a returned Promise; Lua functions become JS functions that keep
 * their Lua function alive while JS holds them; objects cross through
 * the state's proxies (`proxy.ts`). It also gives the host its results
 * and errors in JS terms: values converted with the state's `strings`
 * choice, a Lua error's message decoded from UTF-8.
 *
 * Manual: §4 (the C API: lua_pushcclosure, lua_call and their values).
 * PUC-Rio counterpart: none; the C API hands raw values to the host.
 *
 * Invariant: every value it gives JS is in the JS shape of
 * docs/embedding.md ("The conversion rules"); every Lua function or table
 * JS can still reach is pinned (a root of the collector).
 *
 * Read next: `state.ts` (the methods that use it), `proxy.ts`, `interop.ts`.
 */
import { LuaClosure, LuaNative, type LuaThread } from '../object/objects.ts';
import type { LuaUserdata } from '../object/userdata.ts';
import { LuaError, LuaTable, type Value } from '../value/index.ts';
import { toLuaValue, toJSValue, fromLuaString, type Bridge, type ConvertOptions } from './interop.ts';
import { Proxies, type ProxyHost } from './proxy.ts';
import { nativeGen } from './lua.ts';
import { awaitValue } from './task.ts';
import { hostError } from './guard.ts';
import type { LuaState } from './state.ts';

/** The conversions of one state. */
export class Boundary implements Bridge, ProxyHost {
  private readonly proxies: Proxies;
  /** Unpins the Lua function behind a JS wrapper once JS has collected the wrapper. */
  private readonly released = new FinalizationRegistry<Value>((fn) => this.state.unpin(fn));
  /** Each JS wrapper's Lua function, so that the wrapper given back to Lua is that function again. */
  private readonly luaFunctions = new WeakMap<object, LuaClosure | LuaNative>();

  constructor(private readonly state: LuaState, private readonly strings: 'text' | 'bytes') {
    this.proxies = new Proxies(this, state.global.heap);
  }

  get heap(): LuaState['global']['heap'] { return this.state.global.heap; }
  get L(): LuaThread { return this.state.L; }

  /** A JS value as a Lua value (objects by reference unless `deep`). */
  toLua(v: unknown, opts?: ConvertOptions): Value {
    return toLuaValue(this, v, opts);
  }

  /** A Lua value as a JS value, strings as the state's `strings` option says unless `opts` does. */
  toJS(v: Value, opts?: ConvertOptions): unknown {
    return toJSValue(this, v, opts === undefined ? { strings: this.strings } : { strings: this.strings, ...opts });
  }

  /**
   * Results for the host: strings, numbers and proxy userdata through
   * {@link toJS}; functions, tables, threads and other userdata stay the
   * Lua objects they are (handles the host can call, index or give back).
   */
  results(values: Value[]): any[] {
    return values.map((v) => v instanceof LuaClosure || v instanceof LuaNative || v instanceof LuaTable ? v : this.toJS(v));
  }

  /** A Lua function as a JS function (synchronous; one result as itself, several as an array). */
  wrapLuaFunction(fn: LuaClosure | LuaNative): (...args: unknown[]) => unknown {
    const wrapper = (...args: unknown[]): unknown => {
      const r = this.state.call(fn, ...args);
      return r.length <= 1 ? r[0] : r;
    };
    // the Lua function stays a root for as long as JS can call it
    this.state.pin(fn);
    this.released.register(wrapper, fn);
    this.luaFunctions.set(wrapper, fn);
    return wrapper;
  }

  /** The Lua function behind a wrapper made by {@link wrapLuaFunction}. */
  unwrapLuaFunction(f: object): LuaClosure | LuaNative | undefined {
    return this.luaFunctions.get(f);
  }

  /**
   * A JS function as a Lua function: arguments through {@link toJS}; the
   * result through {@link toLua} (an array is several results, a Promise
   * is awaited). With `self`, it is called with `this` = `self`, and a
   * first argument that is `self` (as `obj:m(x)` passes) is dropped.
   */
  wrapFunction(name: string, fn: (...args: unknown[]) => unknown, self?: object): LuaNative {
    const boundary = this;
    return nativeGen(name, function* (L, base, nargs) {
      let args = L.stack.slice(base, base + nargs).map((v) => boundary.toJS(v));
      if (self !== undefined && args.length > 0 && args[0] === self) args = args.slice(1);
      let r: unknown;
      try { r = fn.apply(self, args); } catch (e) { throw hostError(L, name, e); }
      if (r !== null && typeof r === 'object' && typeof (r as PromiseLike<unknown>).then === 'function') {
        r = (yield* awaitValue(r as PromiseLike<unknown>))[0];
      }
      if (r === undefined) return [];
      if (Array.isArray(r)) return r.map((v) => boundary.toLua(v));
      return [boundary.toLua(r)];
    });
  }

  wrapObject(o: object): LuaUserdata { return this.proxies.wrapObject(o); }
  unwrapObject(u: LuaUserdata): object | undefined { return this.proxies.unwrapObject(u); }
  proxyTable(t: LuaTable, opts: ConvertOptions): object { return this.proxies.proxyTable(t, opts); }
  unproxyTable(o: object): LuaTable | undefined { return this.proxies.unproxyTable(o); }

  pin(v: Value): void { this.state.pin(v); }
  unpin(v: Value): void { this.state.unpin(v); }
}

/**
 * `e` as the host sees it: a LuaError whose value is a string gets that
 * string decoded from UTF-8 as its `message` (and its traceback too); its
 * `value` stays the Lua value.
 */
export function hostFacing(e: unknown): unknown {
  if (e instanceof LuaError) {
    if (typeof e.value === 'string') e.message = fromLuaString(e.value);
    // an error may leave several nested host calls: decode its traceback once
    const marked = e as LuaError & { [DECODED]?: string };
    if (e.traceback !== undefined && marked[DECODED] !== e.traceback) {
      e.traceback = fromLuaString(e.traceback);
      marked[DECODED] = e.traceback;
    }
  }
  return e;
}

/** Marks the traceback {@link hostFacing} decoded (a key, not state). */
const DECODED = Symbol('decoded traceback');
