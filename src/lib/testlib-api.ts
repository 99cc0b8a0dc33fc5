/**
 * # The `T` functions for the C API tests
 *
 * Responsibility: the part of the `T` testing library that api.lua (and
 * the T parts of other official files) use besides the compiled-code and
 * collector functions of `testlib.ts`: the `T.testC` interpreter and
 * `T.makeCfunc` (`testc.ts`), references in the registry (`T.ref`,
 * `T.getref`, `T.unref`), raw doubles (`T.d2s`, `T.s2d`), light userdata
 * (`T.pushuserdata`, `T.udataval`), C upvalues (`T.upvalue`), other states
 * in the same process (`T.newstate`, `T.closestate`, `T.doremote`,
 * `T.loadlib`, `T.checkpanic`), a thread of its own (`T.doonnewstack`), a
 * hook written in the script language (`T.sethook`), resuming a
 * coroutine from C (`T.resume`), and the counters
 * lucid can give a meaning to (`T.stacklevel`, `T.querystr`,
 * `T.alloccount`).
 *
 * Manual: none (PUC-Rio's ltests.c, test builds only; off by default).
 * PUC-Rio counterpart: `ltests.c` (tref, getref, unref, d2s, s2d,
 * pushuserdata, udataval, upvalue, newstate, closestate, doremote,
 * loadlib, checkpanic, doonnewstack, sethook, stacklevel, string_query,
 * alloc_count).
 *
 * A second state is a `LuaState` of the same platform with no libraries
 * (lua_newstate); Lua holds it through a userdata, as C through its `lua_State*`.
 * Values never cross between states: `T.doremote` and a script's
 * `return` on another state hand back strings, as the C functions do.
 *
 * Invariant: like `testlib.ts`, these functions only use `src/api`.
 *
 * Read next: `src/lib/testc.ts`, `src/lib/testlib.ts`, `src/api/capi.ts`.
 */
import {
  LuaState, native, nativeGen, type Library,
} from '../api/state.ts';
import {
  load, pcallh, lightuserdata, topointer, tostring, closeAllTbc, closeHeap, rawgeti, rawseti,
  rawlen, newthread, newuserdata, isfunction, resume, LuaTable, LuaUserdata, LuaError, LuaThread, Status, type Value,
} from '../api/lua.ts';
import { arg, argError, checkAny, checkInteger, checkNumber, checkString, optInteger, luaError, requiref } from '../api/auxlib.ts';
import { registryTable, getUpvalue, setUpvalue, isLightUserdata } from '../api/debug.ts';
import { errorStatus } from '../api/capi.ts';
import { memoryLimit, setMemoryLimit, totalMemory } from '../api/introspect.ts';
import { mkfloat, tofloat } from '../value/index.ts';
import { runC, newFrame, ALLOCCOUNT } from './testc.ts';
import { testC, makeCfunc } from './testc-entry.ts';
import { installHook } from './testc-calls.ts';

type Native = (L: LuaThread, base: number, nargs: number) => number;

// ---- references (luaL_ref on the registry) --------------------------------------

/** The registry slot that heads the free list of references (luaL_ref's `freelist`). */
const FREELIST = 3;

/** T.ref(v): a reference to `v` in the registry (-1 for nil). */
function ref(L: LuaThread, base: number, nargs: number): number {
  const v = checkAny(L, base, nargs, 1);
  if (v === undefined) { L.push(-1); return 1; }
  const t = registryTable(L);
  const free = Number(rawgeti(t, FREELIST) ?? 0);
  let r: number;
  if (free !== 0) { r = free; rawseti(t, FREELIST, rawgeti(t, free)); }
  else { if (rawgeti(t, FREELIST) === undefined) rawseti(t, FREELIST, 0); r = rawlen(t) + 1; }
  rawseti(t, r, v);
  L.push(r);
  return 1;
}

/** T.getref(r): the value referred to. */
function getref(L: LuaThread, base: number, nargs: number): number {
  L.push(rawgeti(registryTable(L), checkInteger(L, base, nargs, 1)));
  return 1;
}

/** T.unref(r): free a reference (a negative one is ignored). */
function unref(L: LuaThread, base: number, nargs: number): number {
  const r = Number(checkInteger(L, base, nargs, 1));
  if (r >= 0) {
    const t = registryTable(L);
    rawseti(t, r, rawgeti(t, FREELIST));
    rawseti(t, FREELIST, r);
  }
  return 0;
}

// ---- raw values ----------------------------------------------------------------------

/** T.d2s(x): the 8 bytes of the double `x` (little-endian, as string.pack("d")). */
function d2s(L: LuaThread, base: number, nargs: number): number {
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, tofloat(checkNumber(L, base, nargs, 1)), true);
  L.push(String.fromCharCode(...new Uint8Array(b.buffer)));
  return 1;
}

/** T.s2d(s): the double whose bytes are the first 8 of `s`. */
function s2d(L: LuaThread, base: number, nargs: number): number {
  const s = checkString(L, base, nargs, 1);
  const b = new DataView(new ArrayBuffer(8));
  for (let i = 0; i < 8; i++) b.setUint8(i, s.charCodeAt(i) || 0);
  L.push(mkfloat(b.getFloat64(0, true)));
  return 1;
}

/** T.pushuserdata(n): the light userdata of pointer value n. */
function pushuserdata(L: LuaThread, base: number, nargs: number): number {
  L.push(lightuserdata(L, Number(checkInteger(L, base, nargs, 1))));
  return 1;
}

/** T.udataval(u): the pointer value of a userdata (0 for anything else). */
function udataval(L: LuaThread, base: number, nargs: number): number {
  const u = arg(L, base, nargs, 1);
  if (isLightUserdata(u) && typeof u.data === 'number') L.push(u.data);
  else L.push(u instanceof LuaUserdata ? parseInt(topointer(L, u) ?? '0', 16) : 0);
  return 1;
}

/** T.upvalue(f, n): name and value of upvalue n; T.upvalue(f, n, v): set it, returning its name. */
function upvalue(L: LuaThread, base: number, nargs: number): number {
  const n = Number(checkInteger(L, base, nargs, 2));
  const f = arg(L, base, nargs, 1);
  if (!isfunction(f)) argError(L, 1, 'function expected');
  if (nargs < 3) {
    const r = getUpvalue(f, n);
    if (r === undefined) return 0;
    L.push(r[1]); L.push(r[0]);
    return 2;
  }
  L.push(setUpvalue(f, n, arg(L, base, nargs, 3)));
  return 1;
}

// ---- other states -------------------------------------------------------------------------

/** The state behind a `T.newstate` handle. */
function stateArg(L: LuaThread, base: number, nargs: number): LuaState {
  const u = arg(L, base, nargs, 1);
  if (!(u instanceof LuaUserdata) || !(u.data instanceof LuaState)) argError(L, 1, 'state expected');
  return u.data;
}

/** A new state on the same platform, without libraries (lua_newstate). */
function bareState(L: LuaThread): LuaState {
  const S = new LuaState({ platform: (L.global.host as LuaState).platform, libraries: [] });
  // C's states share one allocator and its limit: the new one gets what is left of it
  const limit = memoryLimit(L);
  if (limit > 0) setMemoryLimit(S.L, Math.max(1, limit - totalMemory(L) + totalMemory(S.L)));
  return S;
}

/**
 * T.newstate(): a new state. C hands out a light userdata (the
 * `lua_State*`); here a full userdata carries the state, so the handle
 * is collected with the last reference to it instead of being interned.
 */
function newstate(L: LuaThread): number {
  L.push(newuserdata(L, bareState(L), 0));
  return 1;
}

/** lua_close: close the main thread's pending variables, then run the finalizers. */
function closeState(S: LuaState): void {
  closeAllTbc(S.L, undefined);
  closeHeap(S.global, S.L);
}

/** T.closestate(s). */
function closestate(L: LuaThread, base: number, nargs: number): number {
  closeState(stateArg(L, base, nargs));
  return 0;
}

/** T.doremote(s, code): run `code` in state s; its results as strings, or nil, message, status. */
function doremote(L: LuaThread, base: number, nargs: number): number {
  const S = stateArg(L, base, nargs);
  const code = checkString(L, base, nargs, 2);
  const L1 = S.L;
  L1.top = 0;
  const fn = load(L1, code, code);
  const r = typeof fn === 'string' ? { status: Status.ERRSYNTAX, values: [fn] } : pcallh(L1, fn, [], undefined);
  if (r.status !== Status.OK) {
    L.push(undefined); L.push(tostring(r.values[0])); L.push(r.status);
    return 3;
  }
  for (const v of r.values) L.push(tostring(v));
  return r.values.length;
}

/** T.loadlib(s, libs): open `package` in state s and put the other standard libraries in package.preload. */
function loadlib(libraries: readonly Library[]): Native {
  return (L, base, nargs) => {
    const S = stateArg(L, base, nargs);
    const pkg = libraries.find((l) => l.name === 'package');
    if (pkg !== undefined) requiref(S, pkg);
    const loaded = S.global.registry.get('_LOADED') as LuaTable | undefined;
    const preload = (loaded?.get('package') as LuaTable | undefined)?.get('preload') as LuaTable | undefined;
    if (preload === undefined) luaError(L, 'no package.preload in the new state');
    for (const lib of libraries) {
      if (lib.name === 'package' || lib.name === 'utf8') continue;
      preload.set(lib.name, native(lib.name, (L1) => { L1.push(lib.open(S) ?? S.global.globals.get(lib.name)); return 1; }));
    }
    return 0;
  };
}

/**
 * T.checkpanic(code [, paniccode]): run `code` unprotected on a new state;
 * an error there reaches its panic function, which runs `paniccode` with
 * the error on the stack. Returns "no errors", or the value on top after
 * the panic code, as a string.
 */
function checkpanic(L: LuaThread, base: number, nargs: number): number {
  const code = checkString(L, base, nargs, 1);
  const panic = nargs >= 2 ? checkString(L, base, nargs, 2) : '';
  const S = bareState(L);
  const L1 = S.L;
  try {
    runC(newFrame(L, L1, 0, code));
    L.push('no errors');
  } catch (e) {
    if (!(e instanceof LuaError)) throw e;
    L1.push(e.value);
    const f = newFrame(L, L1, 0, panic);
    f.panicStatus = errorStatus(e);
    runC(f);
    L.push(tostring(L1.stack[L1.top - 1]));
  } finally {
    closeState(S);
  }
  return 1;
}

/** T.doonnewstack(code): run `code` in a new thread; the status. */
function doonnewstack(L: LuaThread, base: number, nargs: number): number {
  const code = checkString(L, base, nargs, 1);
  const L1 = newthread(L, undefined);
  const fn = load(L1, code, code);
  L.push(typeof fn === 'string' ? Status.ERRSYNTAX : pcallh(L1, fn, [], undefined).status);
  return 1;
}

/** T.sethook(script, mask [, count]): a hook that runs a testC script (no script: hooks off). */
function sethook(L: LuaThread, base: number, nargs: number): number {
  const script = arg(L, base, nargs, 1);
  if (script === undefined) { installHook(L, 0, 0, ''); return 0; }
  const smask = checkString(L, base, nargs, 2);
  const count = Number(optInteger(L, base, nargs, 3, 0));
  const mask = (smask.includes('c') ? 1 : 0) | (smask.includes('r') ? 2 : 0) | (smask.includes('l') ? 4 : 0) | (count > 0 ? 8 : 0);
  installHook(L, mask, count, checkString(L, base, nargs, 1));
  return 0;
}

/** T.resume(co): resume `co` with no arguments; true, or false and the error (ltests' coresume). */
function coresume(L: LuaThread, base: number, nargs: number): number {
  const co = arg(L, base, nargs, 1);
  if (!(co instanceof LuaThread)) argError(L, 1, 'coroutine expected');
  const r = resume(L, co, []);
  if (r[0] === true) { L.push(true); return 1; }
  L.push(false); L.push(r[1]);
  return 2;
}

// ---- counters ---------------------------------------------------------------------------------

/** T.stacklevel(): stack top, stack size, C calls, frames, and a stand-in for a C address. */
function stacklevel(L: LuaThread): number {
  for (const v of [L.top, L.stack.length, L.nCcalls, L.depth + 1, 0]) L.push(v);
  return 5;
}

/** T.querystr(): the string table's size and use; lucid interns no strings (JS strings), so 0, 0. */
function querystr(L: LuaThread): number {
  L.push(0); L.push(0);
  return 2;
}

/**
 * T.alloccount([n]): PUC-Rio fails every allocation after the next `n`.
 * lucid's heap counts bytes, not allocations, and checks its limit at
 * its safe points, not at each allocation, so the count cannot apply to
 * everything. It is kept (in the registry of the state that set it, no
 * argument: no count) for the one allocation the T functions make
 * themselves: the stack growth of `rawcheckstack` (see `testc-commands.ts`).
 */
function alloccount(L: LuaThread, base: number, nargs: number): number {
  const n = arg(L, base, nargs, 1);
  L.global.registry.set(ALLOCCOUNT, n === undefined ? undefined : checkInteger(L, base, nargs, 1));
  return 0;
}

/**
 * T.allocfailnext(): PUC-Rio fails the next allocation. lucid's heap
 * cannot fail one allocation on demand (it checks a byte limit at safe
 * points), so the request is accepted and ignored; the suite uses it to
 * check that nothing crashes, which holds either way.
 */
function allocfailnext(): number {
  return 0;
}

/** Add the C-API test functions to `T`; `libraries` are what T.loadlib preloads. */
export function addApiTestFunctions(T: LuaTable, libraries: readonly Library[]): void {
  const fns: [string, Native][] = [
    ['makeCfunc', makeCfunc], ['ref', ref], ['getref', getref], ['unref', unref],
    ['d2s', d2s], ['s2d', s2d], ['pushuserdata', pushuserdata], ['udataval', udataval], ['upvalue', upvalue],
    ['newstate', newstate], ['closestate', closestate], ['doremote', doremote], ['loadlib', loadlib(libraries)],
    ['checkpanic', checkpanic], ['doonnewstack', doonnewstack], ['sethook', sethook], ['resume', coresume],
    ['stacklevel', stacklevel], ['querystr', querystr], ['alloccount', alloccount], ['allocfailnext', allocfailnext],
  ];
  for (const [name, fn] of fns) T.set(name, native(name, fn));
  T.set('testC', nativeGen('testC', testC));   // a generator native: its calls may yield
}
