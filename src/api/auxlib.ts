/**
 * # The auxiliary library: lauxlib in TypeScript
 *
 * Responsibility: the one argument vocabulary of the libraries, and the
 * helpers lauxlib offers on top of the core (`lua.ts`): argument checks
 * and optional arguments with PUC-Rio's messages (`bad argument #1 to
 * 'setmetatable' (table expected, got nil)`), errors with the caller's
 * position, `tostring` with metamethods, the length as an integer,
 * metafields, named metatables for userdata, library tables, and output.
 * Buffers are in `buffer.ts`, opening and requiring libraries in
 * `libraries.ts`.
 *
 * Manual: §4.6 / §5 (the auxiliary library). PUC-Rio counterpart:
 * `lauxlib.c` (luaL_argerror, luaL_typeerror, luaL_check*, luaL_opt*,
 * luaL_checkoption, luaL_error, luaL_where, luaL_tolstring, luaL_len,
 * luaL_getmetafield, luaL_callmeta, luaL_newmetatable, luaL_checkudata,
 * luaL_newlib, luaL_setfuncs).
 *
 * The vocabulary: a native is called as `fn(L, base, nargs)`; every check
 * takes `(L, base, nargs, n)` where `n` is the 1-based argument number,
 * and reads `L.stack[base + n - 1]` when `n <= nargs`; a larger `n` is
 * "no value" (nil, but reported as "got no value"). A check returns the
 * argument as the JS type the library computes with, or raises the
 * "bad argument" error. The function's name in messages is the one the
 * calling code used (`obj:m()` does not count `self`), else the name under
 * which the loaded libraries hold it, else `L.cname`. The computational
 * cores (patterns, utf8, dates, random) receive values already checked
 * here and report with `LibError` (src/lib/guard.ts turns it into these
 * messages). Read the arguments of a generator native before its first
 * `yield`.
 *
 * Read next: `lua.ts` (the core these build on), `src/lib/math.ts` (a
 * library written with them), docs/vm.md ("Native functions").
 */
import {
  LuaNative, type LuaThread, type NativeFn, type NativeGen,
} from '../object/objects.ts';
import { LuaUserdata } from '../object/userdata.ts';
import { LuaError } from '../value/index.ts';
import {
  LuaTable, LuaFloat, tointeger, tonumber, F2I, isNumber, number2string, cString, type Value,
} from '../value/index.ts';

export { cString };
import { typeName, metafield } from '../vm/meta.ts';
import { libWhere } from '../vm/errors.ts';
import { globalName, stackLevels, funcName } from '../vm/traceback.ts';
import { call, topointer, len, createtable, isGeneratorFunction } from './lua.ts';

// ---------------------------------------------------------------------------
// Errors (luaL_error, luaL_argerror, luaL_typeerror)
// ---------------------------------------------------------------------------

/** Argument `n` (1-based) as it is, undefined when absent (lua_toXXX(L, n) without a check). */
export function arg(L: LuaThread, base: number, nargs: number, n: number): Value {
  return n <= nargs ? L.stack[base + n - 1] : undefined;
}

/**
 * `luaL_where`: "chunk:line: " of the function at stack level `level`
 * (0: the running native, 1: the code that called it), or "" when it is
 * not Lua code or its line is unknown. A plain native has no frame (level
 * 1 is the frame on top); a generator native runs in a frame of its own.
 */
export function where(L: LuaThread, level = 1): string {
  let d = L.depth;
  if (L.ccall === undefined && d >= 0 && L.frames[d].closure === undefined) d--;   // a generator's own frame
  d -= level - 1;
  return d >= 0 && d <= L.depth ? libWhere(L.frames[d]) : '';
}

/** `luaL_error`: raise `msg` with the position of the Lua code that called the native. */
export function luaError(L: LuaThread, msg: string): never {
  throw new LuaError(where(L) + msg);
}

/**
 * `luaL_argerror`: raise "bad argument #n to 'f' (msg)". The function is
 * named as the calling code names it (lua_getinfo's "n": `string.rep(...)`
 * is 'rep', a `for` iterator 'for iterator', a metamethod by its event); a
 * method call (`obj:m(...)`) does not count `self` (and a bad `self` is
 * "calling 'm' on bad self"); a function called from a native (pcall,
 * sort, ...) is named by where the loaded libraries keep it
 * ("string.rep"), else '?'.
 */
export function argError(L: LuaThread, n: number, msg: string): never {
  const level = stackLevels(L)[0];   // the running native
  const named = level !== undefined ? funcName(level) : undefined;
  let name = named?.[1];
  if (named !== undefined && named[0] === 'method') {
    n--;
    if (n === 0) luaError(L, `calling '${name}' on bad self (${msg})`);
  }
  if (name === undefined) {
    const fn = level?.fn;
    name = (fn !== undefined ? globalName(L, fn) : undefined) ?? '?';
  }
  luaError(L, `bad argument #${n} to '${name}' (${msg})`);
}

/** The type name luaL_typeerror shows: `__name` of the metatable if it is a string (up to a NUL, as C reads it). */
function shownType(L: LuaThread, v: Value): string {
  const name = metafield(L.global, v, '__name');
  return typeof name === 'string' ? cString(name) : typeName(L.global, v);
}

/** `luaL_typeerror`: "bad argument #n to 'f' (<expected> expected, got <type>)"; an absent argument is "no value". */
export function typeArgError(L: LuaThread, base: number, nargs: number, n: number, expected: string): never {
  const got = n > nargs ? 'no value' : shownType(L, L.stack[base + n - 1]);
  argError(L, n, `${expected} expected, got ${got}`);
}

/** `luaL_argcheck`: raise "bad argument #n to 'f' (msg)" unless `cond`. */
export function argCheck(L: LuaThread, cond: boolean, n: number, msg: string): void {
  if (!cond) argError(L, n, msg);
}

/** `luaL_argexpected`: raise "<tname> expected, got <type>" for argument `n` unless `cond`. */
export function argExpected(L: LuaThread, cond: boolean, base: number, nargs: number, n: number, tname: string): void {
  if (!cond) typeArgError(L, base, nargs, n, tname);
}

// ---------------------------------------------------------------------------
// Checks and optional arguments (luaL_check*, luaL_opt*)
// ---------------------------------------------------------------------------

/** `luaL_checkany`: any value, nil included; only an absent argument is "value expected". */
export function checkAny(L: LuaThread, base: number, nargs: number, n: number): Value {
  if (n > nargs) argError(L, n, 'value expected');
  return L.stack[base + n - 1];
}

/** `luaL_checktype(L, n, LUA_TTABLE)`: a table, else "bad argument #n to 'f' (table expected, got <type>)". */
export function checkTable(L: LuaThread, base: number, nargs: number, n: number): LuaTable {
  const v = arg(L, base, nargs, n);
  if (!(v instanceof LuaTable)) typeArgError(L, base, nargs, n, 'table');
  return v;
}

/**
 * `luaL_checkinteger`: an integer (a number in the safe range, a bigint
 * beyond it); floats with an integral value and numeric strings convert;
 * 3.5 is "number has no integer representation"; a non-number is
 * "bad argument #n to 'f' (number expected, got <type>)".
 */
export function checkInteger(L: LuaThread, base: number, nargs: number, n: number): number | bigint {
  const v = arg(L, base, nargs, n);
  const i = tointeger(v, F2I.EQ, true);
  if (i !== undefined) return i;
  if (isNumber(v) || (typeof v === 'string' && tonumber(v) !== undefined)) {
    argError(L, n, 'number has no integer representation');
  }
  typeArgError(L, base, nargs, n, 'number');
}

/** `luaL_optinteger`: `def` when the argument is absent or nil, else checked as an integer (same errors as {@link checkInteger}). */
export function optInteger(L: LuaThread, base: number, nargs: number, n: number, def: number): number | bigint {
  const v = arg(L, base, nargs, n);
  return v === undefined ? def : checkInteger(L, base, nargs, n);
}

/** `luaL_checknumber`: a number of either subtype (numeric strings convert), else "number expected, got <type>". */
export function checkNumber(L: LuaThread, base: number, nargs: number, n: number): number | bigint | LuaFloat {
  const v = tonumber(arg(L, base, nargs, n));
  if (v === undefined) typeArgError(L, base, nargs, n, 'number');
  return v;
}

/** `luaL_optnumber`: `def` when absent or nil, else checked as a number ("number expected, got <type>"). */
export function optNumber(L: LuaThread, base: number, nargs: number, n: number, def: number | LuaFloat): number | bigint | LuaFloat {
  return arg(L, base, nargs, n) === undefined ? def : checkNumber(L, base, nargs, n);
}

/** `luaL_checklstring`: a byte string; numbers are converted; anything else is "string expected, got <type>". */
export function checkString(L: LuaThread, base: number, nargs: number, n: number): string {
  const v = arg(L, base, nargs, n);
  if (typeof v === 'string') return v;
  if (isNumber(v)) return number2string(v);
  typeArgError(L, base, nargs, n, 'string');
}

/** `luaL_optlstring`: `def` when absent or nil, else checked as a string ("string expected, got <type>"). */
export function optString(L: LuaThread, base: number, nargs: number, n: number, def: string): string {
  const v = arg(L, base, nargs, n);
  return v === undefined ? def : checkString(L, base, nargs, n);
}

/**
 * `luaL_checkstring` where the C side keeps only the `const char*`: a file
 * name, a chunk name, a format or an option, cut at its first NUL byte
 * ({@link cString}) as PUC-Rio's C functions see it.
 */
export function checkCString(L: LuaThread, base: number, nargs: number, n: number): string {
  return cString(checkString(L, base, nargs, n));
}

/** `luaL_optstring` seen through a `const char*`: `def` when absent or nil, else cut at its first NUL. */
export function optCString(L: LuaThread, base: number, nargs: number, n: number, def: string): string {
  return cString(optString(L, base, nargs, n, def));
}

/** `luaL_checktype`: argument `n` has Lua type `t` ('function', 'table', ...), else "<t> expected, got <type>" ("no value" when absent). */
export function checkType(L: LuaThread, base: number, nargs: number, n: number, t: string): Value {
  const v = arg(L, base, nargs, n);
  if (n > nargs || typeName(L.global, v) !== t) typeArgError(L, base, nargs, n, t);
  return v;
}

/**
 * `luaL_checkoption`: a string argument that must be one of `options`
 * (`def` when absent); returns its position in `options`, or raises
 * "invalid option 'x'".
 */
export function checkOption(L: LuaThread, base: number, nargs: number, n: number, def: string | undefined, options: readonly string[]): number {
  // compared (and reported) as a C string: "count\0x" is "count"
  const name = def !== undefined ? optCString(L, base, nargs, n, def) : checkCString(L, base, nargs, n);
  const i = options.indexOf(name);
  if (i < 0) argError(L, n, `invalid option '${name}'`);
  return i;
}

/** `luaL_checkstack`: room for `n` more values, else "stack overflow (msg)". */
export function checkStack(L: LuaThread, n: number, msg: string): void {
  if (L.top + n > L.stackLimit) luaError(L, `stack overflow (${msg})`);
  L.ensure(L.top + n);
}

// ---------------------------------------------------------------------------
// Values with metamethods (luaL_tolstring, luaL_len, luaL_getmetafield, luaL_callmeta)
// ---------------------------------------------------------------------------

/**
 * `luaL_tolstring`: any value as `tostring` shows it: `__tostring` (which
 * must return a string), else numbers and strings as they are, else
 * "<__name or type>: 0x...".
 */
export function tolstring(L: LuaThread, v: Value): string {
  const h = metafield(L.global, v, '__tostring');
  if (h !== undefined) {
    const r = call(L, h, [v])[0];
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
  const t = typeof name === 'string' ? cString(name) : typeName(L.global, v);   // "%s: %p" reads a C string
  return `${t}: ${topointer(L, v)}`;
}

/** `luaL_len`: `#v` with `__len`, which must be an integer ("object length is not an integer"). */
export function integerLength(L: LuaThread, v: Value): number | bigint {
  if (v instanceof LuaTable && v.metatable === undefined) return v.length();
  const n = tointeger(len(L, v), F2I.EQ);   // lua_tointegerx: "2" counts
  if (n === undefined) luaError(L, 'object length is not an integer');
  return n;
}

/** `luaL_getmetafield`: field `event` of the metatable of `v` (raw), or undefined. */
export function getmetafield(L: LuaThread, v: Value, event: string): Value {
  return metafield(L.global, v, event);
}

/** `luaL_callmeta`: `[result]` of metamethod `event` called on `v`, or undefined when there is none. */
export function callmeta(L: LuaThread, v: Value, event: string): [Value] | undefined {
  const h = metafield(L.global, v, event);
  return h === undefined ? undefined : [call(L, h, [v])[0]];
}

// ---------------------------------------------------------------------------
// Userdata with named metatables (luaL_newmetatable, luaL_checkudata)
// ---------------------------------------------------------------------------

/**
 * `luaL_newmetatable`: the metatable registered under `tname` (a new one
 * with `__name = tname` the first time); `created` says which.
 */
export function newmetatable(L: LuaThread, tname: string): { mt: LuaTable; created: boolean } {
  const old = L.global.registry.get(tname);
  if (old instanceof LuaTable) return { mt: old, created: false };
  const mt = createtable(L);
  mt.setStr('__name', tname);
  L.global.registry.set(tname, mt);
  return { mt, created: true };
}

/** `luaL_testudata`: argument `n` if it is a userdata with the metatable registered as `tname`. */
export function testudata(L: LuaThread, base: number, nargs: number, n: number, tname: string): LuaUserdata | undefined {
  const v = arg(L, base, nargs, n);
  const mt = L.global.registry.get(tname);
  return v instanceof LuaUserdata && mt !== undefined && v.metatable === mt ? v : undefined;
}

/** `luaL_checkudata`: as {@link testudata}, else "<tname> expected, got <type>". */
export function checkudata(L: LuaThread, base: number, nargs: number, n: number, tname: string): LuaUserdata {
  const u = testudata(L, base, nargs, n, tname);
  if (u === undefined) typeArgError(L, base, nargs, n, tname);
  return u;
}

// ---------------------------------------------------------------------------
// Library tables (luaL_newlib, luaL_setfuncs) and output
// ---------------------------------------------------------------------------

/** What a library lists: plain natives, generator natives (`function*`), or natives already made. */
export type LibFunctions = Record<string, NativeFn | NativeGen | LuaNative>;

/**
 * `luaL_setfuncs`: store in `t` a native for each entry of `fns`, named by
 * its key in messages ("bad argument #1 to 'insert'"). A generator
 * function (`function*`) becomes a generator native, which may call Lua
 * by yielding call requests (see `calls.ts`).
 */
export function setfuncs(L: LuaThread, t: LuaTable, fns: LibFunctions): void {
  void L;
  for (const name of Object.keys(fns)) {
    const fn = fns[name];
    t.setStr(name, fn instanceof LuaNative ? fn
      : new LuaNative(name, fn, isGeneratorFunction(fn)));
  }
}

/** `luaL_newlib`: a new table holding the functions of `fns` (see {@link setfuncs}). */
export function newlib(L: LuaThread, fns: LibFunctions): LuaTable {
  const t = createtable(L);
  setfuncs(L, t, fns);
  return t;
}

/** Requiring and opening libraries (luaL_requiref, luaL_openlibs): see `libraries.ts`. */
export { requiref, openLibraries, type Library, type LibOpener } from './libraries.ts';

/** `lua_writestring`: bytes (a latin1 string) to the state's standard output (print's destination). */
export function writestring(L: LuaThread, s: string): void {
  L.global.write(s);
}
