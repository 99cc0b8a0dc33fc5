/**
 * # The debug interface: lua.h's window on running code
 *
 * Responsibility: what a debugger (and the `debug` library) may learn about
 * the machine and change behind a program's back, with the operations and
 * meanings of lua.h's debug interface:
 * - stack levels and activation records: {@link getStack} (lua_getstack),
 *   {@link getInfo} (lua_getinfo, option letters `nSltufrL`);
 * - local variables of a level: {@link getLocal} / {@link setLocal}
 *   (lua_getlocal / lua_setlocal), parameter names ({@link getParamName});
 * - upvalues of any function: {@link getUpvalue} / {@link setUpvalue},
 *   {@link upvalueId} / {@link upvalueJoin};
 * - hooks: {@link setHook} / {@link getHook} / {@link getHookMask} /
 *   {@link getHookCount};
 * - the tracebacks of {@link traceback} (luaL_traceback);
 * - what `debug` reaches without Lua's protections: raw metatables of any
 *   type, user values, light userdata, the registry.
 *
 * Manual: §4.7 (the debug interface), §4.3 (the registry), §6.10 (the debug
 * library, which is written on this). PUC-Rio counterpart: `ldebug.c`
 * (lua_getstack, lua_getinfo, luaG_findlocal, lua_getlocal, lua_setlocal),
 * `lapi.c` (lua_getupvalue, lua_upvalueid, lua_upvaluejoin,
 * lua_getiuservalue, lua_getmetatable), `ldo.c`/`ldebug.c` (lua_sethook),
 * `lauxlib.c` (luaL_traceback).
 *
 * Differences from C, all for a TypeScript reader: results are returned
 * instead of pushed on the stack (lua_getlocal returns the name and pushes
 * the value; {@link getLocal} returns both), functions are passed as values
 * instead of stack indices, and "no such thing" is `undefined` where C
 * returns NULL or 0. A hook is a Lua function called with the event name
 * and the line, as the debug library's hooks are in C (ldblib's hookf is
 * built into `src/vm/hooks.ts`).
 *
 * Invariant: reading never changes the machine; every write goes through
 * the collector's barriers (a black closure given another upvalue, a table
 * given a metatable) so the tri-colour invariant holds.
 *
 * Read next: `src/lib/debug.ts` and `src/lib/debug-values.ts` (the library
 * on top), `src/vm/traceback.ts` (how levels are numbered and named),
 * `src/vm/hooks.ts` (when hooks fire).
 */
import { LuaClosure, LuaNative, type LuaThread, type Frame, type UpVal } from '../object/objects.ts';
import { LuaUserdata } from '../object/userdata.ts';
import { stackLevels, funcName, levelSource, traceback as tracebackOf, type StackLevel } from '../vm/traceback.ts';
import { setHook as installHook, transferInfo, HookMask } from '../vm/hooks.ts';
import { getMetatable as metatableOf } from '../vm/meta.ts';
import { chunkid } from '../parser/errors.ts';
import { BLACK, FIXED } from '../value/collectable.ts';
import { LuaTable, type Value } from '../value/index.ts';
import { typeName } from '../value/types.ts';

/** A Lua function or a native one: what `type(f) == "function"` means. */
export type LuaFunction = LuaClosure | LuaNative;

/** Is `v` a function (Lua or native)? (lua_isfunction) */
export function isFunction(v: Value): v is LuaFunction {
  return v instanceof LuaClosure || v instanceof LuaNative;
}

// ---- activation records ---------------------------------------------------

/**
 * An activation record (lua_Debug). {@link getStack} makes one for a level
 * with only its private part set (C's `i_ci`: the level); {@link getInfo}
 * fills the public fields its options ask for and leaves the others as
 * they are. A record made for a function value (lua_getinfo with `>`) has
 * no level: no current line, no name, no tail call.
 */
export class LuaDebug {
  /** `n`: a name for the function, from the code that called it (undefined if none). */
  name: string | undefined = undefined;
  /** `n`: what `name` is: "global", "local", "method", "field", "upvalue", "metamethod", "for iterator", "hook" or "". */
  namewhat = '';
  /** `S`: "Lua", "C" (a native), "main" (a main chunk). */
  what = '';
  /** `S`: the chunk name the function was loaded with ("=[C]" for natives). */
  source = '';
  /** `S`: the chunk name as messages print it (luaO_chunkid). */
  short_src = '';
  /** `S`: first and last line of the definition (-1 for natives; 0 for a main chunk). */
  linedefined = -1;
  /** `S`: the line where the definition ends (-1 for natives; 0 for a main chunk). */
  lastlinedefined = -1;
  /** `l`: the line being run (-1 without a level or line information). */
  currentline = -1;
  /** `u`: number of upvalues, of fixed parameters, and whether it takes `...`. */
  nups = 0;
  /** `u`: number of fixed parameters (0 for natives). */
  nparams = 0;
  /** `u`: the function takes `...` (always true for natives). */
  isvararg = false;
  /** `t`: was the level entered by a tail call (its caller's frame is gone)? */
  istailcall = false;
  /** `r`: inside a call or return hook, the first and the number of values handed over; else 0, 0. */
  ftransfer = 0;
  /** `r`: how many values the call or return hook hands over (0 outside such a hook). */
  ntransfer = 0;
  /** `f`: the function itself (lua.h pushes it on the stack). */
  func: LuaFunction | undefined = undefined;
  /** `L`: the lines with code, ascending (lua.h pushes a set table); undefined for natives. */
  activelines: number[] | undefined = undefined;

  constructor(
    /** The level this record describes (C's private `i_ci`), or undefined for a function value. */
    readonly level: StackLevel | undefined,
    /** The function running at that level, or the function asked about. */
    readonly fn: LuaFunction,
  ) {}
}

/**
 * The activation record of level `level` of thread `L` (lua_getstack):
 * level 0 is the running function, level n+1 the one that called level n.
 * Undefined past the last level, for a negative level, and for the host
 * below the main thread (a level tracebacks show as `[C]: in ?` but that
 * runs no function Lua can inspect).
 */
export function getStack(L: LuaThread, level: number): LuaDebug | undefined {
  const lv = level >= 0 ? stackLevels(L)[level] : undefined;
  return lv === undefined || lv.fn === undefined ? undefined : new LuaDebug(lv, lv.fn);
}

/** The option letters lua_getinfo knows. */
const INFO_OPTIONS = /^[nSltufrL]*$/;

/**
 * Fill the fields of an activation record that the letters of `what` ask
 * for (lua_getinfo): `n` name/namewhat, `S` source/short_src/what/lines
 * defined, `l` currentline, `t` istailcall, `u` nups/nparams/isvararg,
 * `f` func, `r` ftransfer/ntransfer, `L` activelines. `target` is a record
 * from {@link getStack} (filled in place) or a function value (C's `>`
 * option: a fresh record without a level). `L` is the thread the record's
 * level belongs to. Undefined if `what` has another letter.
 */
export function getInfo(L: LuaThread, what: string, target: LuaDebug | LuaFunction): LuaDebug | undefined {
  if (!INFO_OPTIONS.test(what)) return undefined;
  const ar = target instanceof LuaDebug ? target : new LuaDebug(undefined, target);
  const { fn, level } = ar;
  const p = fn instanceof LuaClosure ? fn.proto : undefined;
  for (const option of what) {
    switch (option) {
      case 'S':
        if (p !== undefined) {
          ar.source = p.source ?? '=?';
          ar.short_src = chunkid(ar.source);
          ar.linedefined = p.linedefined;
          ar.lastlinedefined = p.lastlinedefined;
          ar.what = p.linedefined === 0 ? 'main' : 'Lua';
        } else {
          ar.source = '=[C]'; ar.short_src = '[C]';
          ar.linedefined = -1; ar.lastlinedefined = -1; ar.what = 'C';
        }
        break;
      case 'l': ar.currentline = level !== undefined ? levelSource(level).line : -1; break;
      case 'u':
        ar.nups = p !== undefined ? (fn as LuaClosure).upvals.length : (fn as LuaNative).upvalues.length;
        ar.nparams = p !== undefined ? p.numparams : 0;
        ar.isvararg = p !== undefined ? p.isVararg : true;
        break;
      case 'n': {
        const n = level !== undefined ? funcName(level) : undefined;
        ar.name = n?.[1];
        ar.namewhat = n !== undefined ? n[0] : '';
        break;
      }
      case 'r': [ar.ftransfer, ar.ntransfer] = level !== undefined ? transferInfo(L, level.ci) : [0, 0]; break;
      case 't': ar.istailcall = level !== undefined && level.tail; break;
      case 'L': ar.activelines = p !== undefined ? activeLines(p) : undefined; break;
      case 'f': ar.func = fn; break;
    }
  }
  return ar;
}

/**
 * The lines that have code (collectvalidlines): every instruction's line
 * but a vararg function's VARARGPREP, which only sets up the frame. Empty
 * for a stripped function (no line information).
 */
function activeLines(p: LuaClosure['proto']): number[] {
  const lines = new Set<number>();
  if (p.lines.length === 0) return [];
  for (let pc = p.isVararg ? 1 : 0; pc < p.code.length; pc++) lines.add(p.lineAt(pc));
  return [...lines].sort((a, b) => a - b);
}

// ---- local variables ------------------------------------------------------

/**
 * Where local `n` of a level lives and its name (luaG_findlocal): declared
 * locals by name; other slots the level uses as "(temporary)" (or "(C
 * temporary)" in a native); the extra arguments of a vararg function at
 * n = -1, -2, ... as "(vararg)". Undefined if there is no such slot.
 */
function findLocal(L: LuaThread, lv: StackLevel, n: number): { slot: number; name: string } | undefined {
  const ci = lv.ci;
  let base: number, limit: number;
  if (ci === undefined) {
    // the running plain native: its arguments from cfunc+1 up to top
    base = L.cfunc + 1;
    limit = L.top;
  } else {
    base = ci.base;
    limit = frameLimit(L, ci);
  }
  const fn = lv.fn;
  if (fn instanceof LuaClosure && ci !== undefined) {
    const p = fn.proto;
    if (n < 0) {
      if (!p.isVararg || n < -ci.nextra) return undefined;
      return { slot: ci.func + 1 + p.numparams + (-n - 1), name: '(vararg)' };
    }
    const name = p.localName(n, ci.pc - 1);
    if (name !== undefined) return { slot: base + n - 1, name };
  }
  if (n > 0 && limit - base >= n) {
    return { slot: base + n - 1, name: fn instanceof LuaClosure ? '(temporary)' : '(C temporary)' };
  }
  return undefined;
}

/** First slot past frame `ci`'s window: the next level's function slot, or the top. */
function frameLimit(L: LuaThread, ci: Frame): number {
  let d = L.depth;
  while (d >= 0 && L.frames[d] !== ci) d--;
  if (d >= 0 && d < L.depth) return L.frames[d + 1].func;
  if (L.ccall !== undefined) return L.cfunc;  // a plain native runs above it
  if (ci.closure === undefined) return ci.pc;  // a native frame keeps its top in pc
  return Math.max(L.top, ci.base);
}

/**
 * Name and value of local `n` of the level `ar` describes (lua_getlocal,
 * which pushes the value and returns the name). `L` is the thread of the
 * level. Undefined when there is no such local.
 */
export function getLocal(L: LuaThread, ar: LuaDebug, n: number): [name: string, value: Value] | undefined {
  const loc = ar.level !== undefined ? findLocal(L, ar.level, n) : undefined;
  return loc === undefined ? undefined : [loc.name, L.stack[loc.slot]];
}

/**
 * Give local `n` of the level `ar` describes the value `v` (lua_setlocal).
 * Returns the local's name, or undefined (and changes nothing) when there
 * is no such local.
 */
export function setLocal(L: LuaThread, ar: LuaDebug, n: number, v: Value): string | undefined {
  const loc = ar.level !== undefined ? findLocal(L, ar.level, n) : undefined;
  if (loc !== undefined) L.stack[loc.slot] = v;  // a stack slot: stacks are marked in the atomic phase, no barrier
  return loc?.name;
}

/**
 * The name of parameter `n` of function `f`, which is not running
 * (lua_getlocal with no record: the function on the stack top). Only Lua
 * functions have named parameters.
 */
export function getParamName(f: LuaFunction, n: number): string | undefined {
  return f instanceof LuaClosure ? f.proto.localName(n, 0) : undefined;
}

// ---- upvalues -------------------------------------------------------------

/**
 * Name of upvalue `n` of `f` (aux_upvalue): "" for a native's (C closures
 * have unnamed upvalues), "(no name)" when the function was stripped of
 * debug information, undefined if `n` is out of range.
 */
function upvalueName(f: LuaFunction, n: number): string | undefined {
  if (f instanceof LuaNative) return n >= 1 && n <= f.upvalues.length ? '' : undefined;
  if (n < 1 || n > f.upvals.length) return undefined;
  return f.proto.upvalues[n - 1]?.name ?? '(no name)';
}

/** Name and value of upvalue `n` of `f` (lua_getupvalue); undefined if there is none. */
export function getUpvalue(f: LuaFunction, n: number): [name: string, value: Value] | undefined {
  const name = upvalueName(f, n);
  if (name === undefined) return undefined;
  return [name, f instanceof LuaNative ? f.upvalues[n - 1] : f.upvals[n - 1].get()];
}

/**
 * Give upvalue `n` of `f` the value `v` (lua_setupvalue): its name, or
 * undefined (nothing changed) if there is none. The cell's own barrier
 * keeps a closed black upvalue from pointing at a white value.
 */
export function setUpvalue(f: LuaFunction, n: number, v: Value): string | undefined {
  const name = upvalueName(f, n);
  if (name === undefined) return undefined;
  if (f instanceof LuaNative) f.upvalues[n - 1] = v; else f.upvals[n - 1].set(v);
  return name;
}

/**
 * The identity of upvalue `n` of `f` (lua_upvalueid): two closures that
 * share a variable give equal identities. C hands out the cell's address
 * as a light userdata; lucid hands out one light userdata per cell (per
 * slot for a native), created on first request and kept by the state
 * while the cell lives, so equal identities are the same value. Undefined
 * if `n` is out of range.
 */
export function upvalueId(L: LuaThread, f: LuaFunction, n: number): LuaUserdata | undefined {
  if (upvalueName(f, n) === undefined) return undefined;
  return f instanceof LuaClosure ? identity(L, f.upvals[n - 1], 0) : identity(L, f, n - 1);
}

/** Slot `slot` of the identities kept for `owner` (an upvalue cell, or a native). */
function identity(L: LuaThread, owner: UpVal | LuaNative, slot: number): LuaUserdata {
  const ids = L.global.upvalueIds;
  let list = ids.get(owner);
  if (list === undefined) { list = []; ids.set(owner, list); }
  return list[slot] ??= LuaUserdata.light(L.global.heap, owner);
}

/**
 * Make upvalue `n1` of Lua closure `f1` refer to the cell of upvalue `n2`
 * of Lua closure `f2` (lua_upvaluejoin): from then on they share one
 * variable. Both indices must be valid ({@link getUpvalue} tells).
 */
export function upvalueJoin(f1: LuaClosure, n1: number, f2: LuaClosure, n2: number): void {
  const cell = f2.upvals[n2 - 1];
  f1.upvals[n1 - 1] = cell;
  if (f1.marked & BLACK) cell.heap.barrierForward(f1, cell);  // a black closure must not point at a white cell
}

// ---- hooks ----------------------------------------------------------------

/** Hook event masks (LUA_MASKCALL, LUA_MASKRET, LUA_MASKLINE, LUA_MASKCOUNT), to be or-ed. */
export const MASKCALL: number = HookMask.CALL;
/** Return events (LUA_MASKRET): when a function returns. */
export const MASKRET: number = HookMask.RET;
/** Line events (LUA_MASKLINE): when a Lua function reaches a new line. */
export const MASKLINE: number = HookMask.LINE;
/** Count events (LUA_MASKCOUNT): every `count` instructions. */
export const MASKCOUNT: number = HookMask.COUNT;

/**
 * Set the hook of thread `L` (lua_sethook): `f` is called as
 * `f(event, line)` at the events of `mask` — "call" or "tail call" when a
 * function starts, "return" when it returns, "line" when a Lua function
 * reaches a new line, "count" every `count` instructions (with MASKCOUNT).
 * `f` undefined or mask 0 turns hooks off. While a hook runs, no hook runs.
 */
export function setHook(L: LuaThread, f: Value, mask: number, count: number): void {
  installHook(L, f, mask, count);
}

/** The hook function of `L`, or undefined (lua_gethook). */
export function getHook(L: LuaThread): Value { return L.hook; }

/** The events `L`'s hook watches (lua_gethookmask). */
export function getHookMask(L: LuaThread): number { return L.hookmask; }

/** The instruction count of `L`'s count hook (lua_gethookcount). */
export function getHookCount(L: LuaThread): number { return L.basehookcount; }

// ---- tracebacks -----------------------------------------------------------

/**
 * The traceback of thread `L1` from level `level` down, after `msg` if
 * given (luaL_traceback, which pushes it): "stack traceback:", then one
 * line per level, long stacks shortened with "...(skipping n levels)".
 */
export function traceback(L1: LuaThread, msg: string | undefined, level: number): string {
  return tracebackOf(L1, msg, level);
}

// ---- behind Lua's back: metatables, user values, the registry -------------

/**
 * The metatable of any value, ignoring `__metatable` (lua_getmetatable):
 * a table's or full userdata's own, else the one shared by the value's
 * type (strings get theirs from the string library).
 */
export function getMetatable(L: LuaThread, v: Value): LuaTable | undefined {
  return metatableOf(L.global, v);
}

/**
 * Set the metatable of any value (lua_setmetatable), ignoring
 * `__metatable`: tables and full userdata have their own (the collector's
 * barrier runs, and a `__gc` field registers the object for finalization);
 * the other types share one per type, which `mt` undefined removes.
 */
export function setMetatable(L: LuaThread, v: Value, mt: LuaTable | undefined): void {
  if (v instanceof LuaTable) { v.setMetatable(mt); return; }
  if (v instanceof LuaUserdata) { v.setMetatable(mt); return; }
  const types = L.global.typeMetatables;
  if (mt === undefined) types.delete(typeName(v)); else types.set(typeName(v), mt);
}

/**
 * Is `v` a light userdata (a plain pointer value in C: no metatable of its
 * own, no user values, never collected)? {@link upvalueId} hands these out.
 */
export function isLightUserdata(v: Value): v is LuaUserdata {
  return v instanceof LuaUserdata && (v.marked & FIXED) !== 0;
}

/** Is `v` a full userdata (lua_type LUA_TUSERDATA, not a light one)? */
export function isFullUserdata(v: Value): v is LuaUserdata {
  return v instanceof LuaUserdata && (v.marked & FIXED) === 0;
}

/**
 * User value `n` of full userdata `u` (lua_getiuservalue): wrapped in an
 * array so that a nil user value differs from "no such user value"
 * (undefined, where C pushes nil and returns LUA_TNONE).
 */
export function getUserValue(u: LuaUserdata, n: number): [value: Value] | undefined {
  return n >= 1 && n <= u.uservalues.length ? [u.uservalues[n - 1]] : undefined;
}

/** Set user value `n` of full userdata `u` (lua_setiuservalue); false if it has no such slot. */
export function setUserValue(u: LuaUserdata, n: number, v: Value): boolean {
  return u.setUserValue(n, v);
}

/** Field `key` of the registry (lua_getfield(L, LUA_REGISTRYINDEX, key)). */
export function getRegistryField(L: LuaThread, key: string): Value {
  return L.global.registry.get(key);
}

/** Set field `key` of the registry (lua_setfield(L, LUA_REGISTRYINDEX, key)). */
export function setRegistryField(L: LuaThread, key: string, v: Value): void {
  L.global.registry.set(key, v);
}

/**
 * The registry as a Lua table (LUA_REGISTRYINDEX; what debug.getregistry
 * returns): the main thread at 1, the globals at 2 and the named fields,
 * as in PUC-Rio. lucid keeps the registry as a JS map; the table is a view
 * refreshed at each request and kept under `_REGISTRY`, so Lua always gets
 * the same table.
 */
export function registryTable(L: LuaThread): LuaTable {
  const G = L.global;
  let t = G.registry.get('_REGISTRY') as LuaTable | undefined;
  if (t === undefined) {
    t = new LuaTable(G.heap);
    G.registry.set('_REGISTRY', t);
  }
  t.setInt(1, G.mainThread);
  t.setInt(2, G.globals);
  for (const [k, v] of G.registry) if (k !== '_REGISTRY') t.set(k, v);
  return t;
}
