/**
 * # The door: lua.h in TypeScript
 *
 * Responsibility: every operation a library or a host may perform on the
 * machine, with lua.h's meanings: the stack window of a native, reading and
 * converting values, making objects, raw and metamethod-aware table access,
 * metatables, arithmetic, comparison, concatenation, length, calls,
 * errors, coroutines, loading and the collector. Libraries reach the
 * machine through this module and `auxlib.ts` (lauxlib) only, never through
 * `src/vm`, `src/object`, `src/gc` or `src/bytecode`.
 *
 * Manual: §4 (the application program interface). PUC-Rio counterpart:
 * `lua.h` / `lapi.c`.
 *
 * ## A native and lua.h's stack
 *
 * A native is `(L, base, nargs) => number of results` (lua_CFunction). Its
 * stack window is `L.stack`, from `base` up to `L.top`:
 *
 * | lua.h                         | lucid                                        |
 * |-------------------------------|----------------------------------------------|
 * | index `i` (1 ≤ i ≤ top)       | `L.stack[base + i - 1]`; argument `i` is there when `i <= nargs` |
 * | index `-k`                    | `L.stack[L.top - k]`                         |
 * | `lua_gettop(L)`               | `nargs` on entry; {@link gettop}`(L, base)`  |
 * | `lua_push*(L, v)`             | `L.push(v)` (one function: values are JS values) |
 * | `return n` (results on top)   | `return n`: the last `n` values pushed       |
 * | `lua_upvalueindex(i)`         | the native's `upvalues[i - 1]` (values the JS closure also holds, listed for the collector) |
 * | `LUA_REGISTRYINDEX`           | `L.global.registry`, a Map by name           |
 * | `lua_callk` with a continuation | a generator native (`nativeGen`): `yield [f, ...args]` returns the results; the rest of the generator is the continuation |
 *
 * Most lucid operations take and return values rather than stack indices:
 * `lua_getfield(L, 1, "x")` pushes `t.x`; here `getfield(L, t, 'x')`
 * returns it (push it with `L.push` if it is a result). The stack-index
 * functions ({@link valueAt}, {@link settop}, {@link pushvalue},
 * {@link rotate}, ...) are for code that follows C closely (`T.testC`).
 *
 * Errors: operations raise `LuaError`s worded as PUC-Rio's do when a C
 * function performs them: without a position and without naming a
 * variable ("attempt to index a nil value"); lauxlib's `luaError` adds
 * the position of the calling Lua code.
 *
 * Invariant: what this module (and `auxlib.ts`) exports is the whole of
 * what `src/lib` may touch below the api layer (`.dependency-cruiser.cjs`
 * checks it). Objects are made through the functions here
 * ({@link createtable}, {@link native}, {@link newuserdata}, ...), so a
 * change in how the object layer builds them stays inside `src/api`.
 *
 * Read next: `operations.ts` (index, arith, compare, concat, len),
 * `calls.ts` (call, pcall, error, yield, load), `auxlib.ts` (argument
 * checks), docs/vm.md ("Native functions").
 */
import {
  LuaNative, LuaClosure, LuaThread,
  type NativeFn, type NativeGen,
} from '../object/objects.ts';
import { LuaUserdata } from '../object/userdata.ts';
import { typeName as valueTypeName, type LuaValue } from '../value/types.ts';
import { objTypeName as vmObjTypeName } from '../vm/meta.ts';
import { warning as emitWarning } from './warn.ts';
import {
  LuaTable, LuaFloat, tonumber as valueToNumber, tointeger as valueToInteger, F2I,
  isInteger, number2string, rawEquals, type LuaNumber, type LuaInteger, type Value,
} from '../value/index.ts';

// The object types a native meets, and machine entries some libraries still call directly
// (callSync is lua_call without the checks of `call`; closeAllTbc and closeHeap serve os.exit).
export {
  LuaNative, LuaClosure, LuaThread, FrameFlag,
  type CallRequest, type NativeFn, type NativeGen, type Frame, type GlobalState,
} from '../object/objects.ts';
export { LuaUserdata } from '../object/userdata.ts';
export { callSync, closeAllTbc } from '../vm/call.ts';
export { closeHeap } from '../gc/collector.ts';
export { LuaTable, LuaError, LuaFloat, ArithOp, type Value, type LuaNumber, type LuaInteger } from '../value/index.ts';
export type { LuaValue } from '../value/types.ts';

export * from './operations.ts';
export * from './calls.ts';
export * from './gc.ts';
export * from './capi.ts';

// ---------------------------------------------------------------------------
// The stack window (lua_gettop, lua_settop, lua_pushvalue, lua_rotate, ...)
// ---------------------------------------------------------------------------

/** `lua_gettop`: how many values the native's window holds (its arguments and what it pushed). */
export function gettop(L: LuaThread, base: number): number {
  return L.top - base;
}

/**
 * `lua_settop`: make the window hold `n` values (n ≥ 0), dropping the top
 * ones or filling with nil; a negative `n` counts from the top (-1 keeps
 * everything, -2 pops one).
 */
export function settop(L: LuaThread, base: number, n: number): void {
  const newTop = n >= 0 ? base + n : L.top + n + 1;
  L.ensure(newTop);
  for (let i = L.top; i < newTop; i++) L.stack[i] = undefined;
  L.top = newTop;
}

/** `lua_absindex`: the positive index of a stack index. */
export function absindex(L: LuaThread, base: number, idx: number): number {
  return idx > 0 ? idx : L.top - base + idx + 1;
}

/**
 * The value at a lua.h stack index (lapi's index2value): positive indices
 * count from the first argument, negative ones from the top; an index
 * above the top is "none", read as nil.
 */
export function valueAt(L: LuaThread, base: number, idx: number): Value {
  const i = idx > 0 ? base + idx - 1 : L.top + idx;
  return i < L.top && i >= base ? L.stack[i] : undefined;
}

/** `lua_pushvalue`: push a copy of the value at `idx`. */
export function pushvalue(L: LuaThread, base: number, idx: number): void {
  L.push(valueAt(L, base, idx));
}

/**
 * `lua_rotate`: rotate the values from `idx` to the top by `n` positions
 * towards the top (negative `n`: towards `idx`). lua_insert, lua_remove and
 * lua_replace are rotations (see {@link insert}, {@link remove}).
 */
export function rotate(L: LuaThread, base: number, idx: number, n: number): void {
  const s = L.stack;
  const start = base + absindex(L, base, idx) - 1, end = L.top - 1;
  const m = n >= 0 ? end - n : start - n - 1;   // the end of the prefix that moves up
  reverse(s, start, m);
  reverse(s, m + 1, end);
  reverse(s, start, end);
}

function reverse(s: Value[], from: number, to: number): void {
  for (; from < to; from++, to--) { const t = s[from]; s[from] = s[to]; s[to] = t; }
}

/** `lua_insert`: move the top value to `idx`, shifting the ones above up. */
export function insert(L: LuaThread, base: number, idx: number): void {
  rotate(L, base, idx, 1);
}

/** `lua_remove`: remove the value at `idx`, shifting the ones above down. */
export function remove(L: LuaThread, base: number, idx: number): void {
  rotate(L, base, idx, -1);
  L.top--;
}

/** `lua_replace`: pop the top value into `idx`. */
export function replace(L: LuaThread, base: number, idx: number): void {
  copy(L, base, -1, idx);
  L.top--;
}

/** `lua_copy`: copy the value at `from` into `to`. */
export function copy(L: LuaThread, base: number, from: number, to: number): void {
  L.stack[base + absindex(L, base, to) - 1] = valueAt(L, base, from);
}

/** `lua_checkstack`: can `n` more values be pushed? (the stack grows as needed up to its limit) */
export function checkstack(L: LuaThread, n: number): boolean {
  if (L.top + n > L.stackLimit) return false;
  L.ensure(L.top + n);
  return true;
}

// ---------------------------------------------------------------------------
// Types and conversions (lua_type, lua_typename, lua_is*, lua_to*)
// ---------------------------------------------------------------------------

/** `lua_typename(L, lua_type(L, i))`: Lua's `type(v)`. */
export function typeName(v: Value): string {
  return valueTypeName(v as LuaValue);
}

/**
 * The type name errors show (luaT_objtypename): a table or full userdata
 * whose metatable has a string `__name` goes by it ("FILE*").
 */
export function objTypeName(v: Value): string {
  return vmObjTypeName(v);
}

/** Is `v` a function (Lua or native)? `lua_isfunction`. */
export function isfunction(v: Value): v is LuaClosure | LuaNative {
  return v instanceof LuaClosure || v instanceof LuaNative;
}

/** `lua_iscfunction`: a native (JS) function. */
export function iscfunction(v: Value): v is LuaNative {
  return v instanceof LuaNative;
}

/** `lua_istable`. */
export function istable(v: Value): v is LuaTable {
  return v instanceof LuaTable;
}

/** `lua_isuserdata`. */
export function isuserdata(v: Value): v is LuaUserdata {
  return v instanceof LuaUserdata;
}

/** `lua_isthread`. */
export function isthread(v: Value): v is LuaThread {
  return v instanceof LuaThread;
}

/** `lua_isnumber`: a number, or a string convertible to one. */
export function isnumber(v: Value): boolean {
  return valueToNumber(v) !== undefined;
}

/** `lua_isinteger`: a number of the integer subtype (no conversion). */
export function isinteger(v: Value): v is LuaInteger {
  return isInteger(v);
}

/** `lua_isstring`: a string or a number (numbers convert). */
export function isstring(v: Value): boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' || v instanceof LuaFloat;
}

/** `lua_tonumberx`: the number `v` is or converts to, else undefined. */
export function tonumber(v: Value): LuaNumber | undefined {
  return valueToNumber(v);
}

/** `lua_tointegerx`: the integer `v` is or converts to exactly ("3", 3.0), else undefined. */
export function tointeger(v: Value): LuaInteger | undefined {
  return valueToInteger(v, F2I.EQ, true);
}

/** `lua_toboolean`: Lua's truth (only nil and false are false). */
export function toboolean(v: Value): boolean {
  return v !== undefined && v !== false;
}

/** `lua_tolstring`: a string, or a number as a string; undefined for any other value (no `__tostring`: that is auxlib's `tolstring`). */
export function tostring(v: Value): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof LuaFloat) return number2string(v);
  return undefined;
}

/** `lua_touserdata`: the host payload of a full or light userdata, else undefined. */
export function touserdata(v: Value): unknown {
  return v instanceof LuaUserdata ? v.data : undefined;
}

/** `lua_rawequal`: equality without `__eq` (numbers by value). */
export function rawequal(a: Value, b: Value): boolean {
  return rawEquals(a, b);
}

/**
 * `lua_topointer` as text: the address `%p` and `tostring` show for a
 * collectable object ("0x0055550000a0"), or undefined for other values
 * (strings have no identity in lucid). An object gets its address the
 * first time one is asked of it, from a counter of `L`'s state
 * (`GlobalState.addresses`), and keeps it for its lifetime. The counter is
 * the state's, not the process's, so what one state prints never depends
 * on what another state did: a program shows the same addresses whether
 * it runs alone or beside other states.
 */
export function topointer(L: LuaThread, v: Value): string | undefined {
  if (typeof v !== 'object' || v === null || v instanceof LuaFloat) return undefined;
  const G = L.global;
  let id = G.addresses.get(v);
  if (id === undefined) { id = G.nextAddress; G.nextAddress += 0x40; G.addresses.set(v, id); }
  return '0x' + id.toString(16).padStart(12, '0');
}

// ---------------------------------------------------------------------------
// Making objects (lua_createtable, lua_pushcclosure, lua_newuserdatauv, lua_newthread)
// ---------------------------------------------------------------------------

/** `lua_createtable`: a new empty table of `L`'s state; `narr`/`nrec` are size hints. */
export function createtable(L: LuaThread, narr = 0, nrec = 0): LuaTable {
  return new LuaTable(L.global.heap, narr, nrec);
}

/**
 * `lua_pushcfunction` (without the push): a plain native named `name` for
 * messages ("bad argument #1 to 'name'"). It holds no Lua values (a light
 * C function: a value of no state, never collected); a native that does is
 * a {@link cclosure}.
 */
export function native(name: string, fn: NativeFn): LuaNative {
  return new LuaNative(name, fn, false);
}

/** A native that calls back into Lua by yielding call requests (see the table above). */
export function nativeGen(name: string, fn: NativeGen): LuaNative {
  return new LuaNative(name, fn, true);
}

const GeneratorFunction = (function* () { /* only its constructor is used */ }).constructor;

/** Is `fn` a generator function (`function*`), to be made a generator native? */
export function isGeneratorFunction(fn: NativeFn | NativeGen): fn is NativeGen {
  return fn instanceof GeneratorFunction;
}

/**
 * `lua_pushcclosure` (without the push): a native of `L`'s state whose JS
 * function captured the Lua values `upvalues` (its C upvalues): listed
 * here, the collector keeps them alive as long as the native. A generator
 * function (`function*`) makes a generator native.
 */
export function cclosure(L: LuaThread, name: string, fn: NativeFn | NativeGen, upvalues: Value[]): LuaNative {
  return new LuaNative(name, fn, isGeneratorFunction(fn), upvalues, L.global.heap);
}

/** `lua_newuserdatauv`: a full userdata of `L`'s state carrying `data`, with `nuvalue` user values. */
export function newuserdata(L: LuaThread, data: unknown, nuvalue = 1, metatable?: LuaTable): LuaUserdata {
  return new LuaUserdata(L.global.heap, data, metatable, nuvalue);
}

/** `lua_newthread` plus the function it will run (coroutine.create): a suspended coroutine. */
export function newthread(L: LuaThread, body: Value): LuaThread {
  const co = new LuaThread(L.global);
  co.status = 'suspended';
  co.body = body;
  return co;
}

// ---------------------------------------------------------------------------
// Raw access (lua_rawget, lua_rawset, lua_rawlen, lua_next)
// ---------------------------------------------------------------------------

/** `lua_rawget`: `t[k]` without metamethods. */
export function rawget(t: LuaTable, k: Value): Value {
  return t.get(k);
}

/** `lua_rawgeti`. */
export function rawgeti(t: LuaTable, i: LuaInteger): Value {
  return typeof i === 'number' ? t.getInt(i) : t.get(i);
}

/** `lua_rawset`: `t[k] = v` without metamethods; raises "table index is nil" / "table index is NaN". */
export function rawset(t: LuaTable, k: Value, v: Value): void {
  t.set(k, v);
}

/** `lua_rawseti`. */
export function rawseti(t: LuaTable, i: LuaInteger, v: Value): void {
  if (typeof i === 'number') t.setInt(i, v); else t.set(i, v);
}

/** `lua_rawlen`: the length of a string, the border of a table, the bytes of a full userdata's block (a `Uint8Array` payload), 0 for anything else. */
export function rawlen(v: Value): number {
  if (typeof v === 'string') return v.length;
  if (v instanceof LuaTable) return v.length();
  if (v instanceof LuaUserdata && v.data instanceof Uint8Array) return v.data.length;
  return 0;
}

/** `lua_next`: the entry after key `k` (nil: the first) as `[key, value]`, undefined at the end; raises "invalid key to 'next'". */
export function next(t: LuaTable, k: Value): [Value, Value] | undefined {
  return t.next(k);
}

// ---------------------------------------------------------------------------
// Metatables (lua_getmetatable, lua_setmetatable)
// ---------------------------------------------------------------------------

/**
 * `lua_getmetatable(L, v)`: the metatable of any value (per object for
 * tables and userdata, per type otherwise), raw (no `__metatable`).
 * `lua_setmetatable(L, v, mt)`: set or (with undefined) remove it; the
 * collector learns of `__gc` and `__mode` there. One implementation,
 * shared with the debug interface (`debug.ts`).
 */
export { getMetatable as getmetatable, setMetatable as setmetatable } from './debug.ts';

// ---------------------------------------------------------------------------
// Globals and warnings (lua_getglobal/lua_setglobal are in operations.ts)
// ---------------------------------------------------------------------------

/** The global table (`lua_pushglobaltable`). */
export function globals(L: LuaThread): LuaTable {
  return L.global.globals;
}

/** `lua_warning`: emit a piece of a warning; `tocont` says more pieces follow. */
export function warning(L: LuaThread, msg: string, tocont: boolean): void {
  emitWarning(L.global, msg, tocont);
}
