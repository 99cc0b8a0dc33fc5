/**
 * # The instructions of `T.testC`: the stack, values, tables, operators
 *
 * Responsibility: one handler per instruction of the `T.testC` language
 * that works on the stack window and its values — moving values
 * (settop, rotate, copy, xmove), pushing them, converting and testing
 * them (tonumber, isstring, objsize), tables and metatables (getfield,
 * rawseti, next) and the operators (arith, compare, concat, len). The
 * instructions that call, raise, yield or close are in
 * `testc-calls.ts`; this module merges both into {@link COMMANDS}.
 *
 * Each handler reads its arguments from the script (`num`, `word`,
 * `index` of `testc.ts`) and performs one lua.h operation of `src/api`;
 * it returns undefined to go on, or the number of results for `return`.
 *
 * Manual: §4.6 (the functions these instructions stand for). PUC-Rio
 * counterpart: the instruction table of `ltests.c`'s runC.
 *
 * Invariant: a handler does what its lua.h function does on the window,
 * no more: argument checks are the API's own (an invalid index reads as
 * none, a bad operand raises the API's error).
 *
 * Read next: `src/lib/testc-calls.ts`, `src/lib/testc.ts`.
 */
import {
  settop, rotate, insert, remove, copy, checkstack, absindex, xmove, gettable, getfield, settable,
  setfield, geti, seti, getglobal, setglobal, rawget, rawset, rawgeti, rawseti, rawlen, next,
  getmetatable, setmetatable, createtable, newuserdata, tonumber, tointeger, toboolean, tostring,
  typeName, isnumber, isstring, isfunction, iscfunction, istable, isuserdata, topointer, tocfunction,
  lightuserdata, arith, compare, concat, len, warning, LuaTable, LuaUserdata, REGISTRYINDEX,
  CompareOp, ArithOp, isthread, type LuaThread, type Value,
} from '../api/lua.ts';
import { isLightUserdata } from '../api/debug.ts';
import { chargeBlock } from '../api/introspect.ts';
import { checkStack, tolstring, integerLength, newmetatable, luaError, writestring } from '../api/auxlib.ts';
import { mkfloat, tofloat } from '../value/index.ts';
import { type CFrame, type Step, num, word, index, get, put, pop, popValues, gettop, isValid, closeSlotsFrom, mayGrowStack, STATUS_NAMES } from './testc.ts';
import { CALL_COMMANDS } from './testc-calls.ts';

/** A handler: undefined to go on with the script, how many values to return, or (for an instruction that calls) a {@link Step}. */
export type Command = (f: CFrame) => number | undefined | Step;

const push = (f: CFrame, v: Value): undefined => { f.L1.push(v); return undefined; };

/** A C pointer as Lua sees it: the light userdata of an object's address, of NULL (0) for other values. */
function pointerOf(f: CFrame, v: Value): LuaUserdata {
  if (typeof v === 'string') return lightuserdata(f.L1, `string:${v}`);   // strings have no identity: equal text, equal pointer
  if (isLightUserdata(v)) return v;
  const p = topointer(f.L1, v);
  return lightuserdata(f.L1, p === undefined ? 0 : parseInt(p, 16));
}

// ---- the stack window ------------------------------------------------------------

const stack: [string, Command][] = [
  ['absindex', (f) => {
    const i = index(f);
    return push(f, mkfloat(i > 0 || i <= REGISTRYINDEX ? i : absindex(f.L1, f.base, i)));
  }],
  ['gettop', (f) => push(f, gettop(f))],
  ['settop', (f) => {
    const n = num(f);
    if (n > 0 && !checkstack(f.L1, n - gettop(f))) luaError(f.L, 'stack overflow');
    closeSlotsFrom(f, n >= 0 ? n + 1 : gettop(f) + n + 2);
    settop(f.L1, f.base, n);
    return undefined;
  }],
  ['pop', (f) => { const n = num(f); closeSlotsFrom(f, gettop(f) - n + 1); settop(f.L1, f.base, -n - 1); return undefined; }],
  ['pushvalue', (f) => push(f, get(f, index(f)))],
  ['insert', (f) => { insert(f.L1, f.base, num(f)); return undefined; }],
  ['remove', (f) => { remove(f.L1, f.base, num(f)); return undefined; }],
  ['replace', (f) => { const i = index(f); put(f, i, get(f, -1)); pop(f); return undefined; }],
  ['rotate', (f) => { const i = index(f); rotate(f.L1, f.base, i, num(f)); return undefined; }],
  ['copy', (f) => {
    const from = index(f), to = index(f);
    if (from > REGISTRYINDEX && to > REGISTRYINDEX) copy(f.L1, f.base, from, to); else put(f, to, get(f, from));
    return undefined;
  }],
  ['checkstack', (f) => {
    const n = num(f), msg = word(f);
    if (msg === '' && !checkstack(f.L1, n)) luaError(f.L1, 'stack overflow');
    checkStack(f.L1, n, msg);
    return undefined;
  }],
  ['rawcheckstack', (f) => { const n = num(f); return push(f, mayGrowStack(f, n) && checkstack(f.L1, n)); }],
  ['xmove', (f) => {
    const from = threadAt(f, index(f)), to = threadAt(f, index(f));
    let n = num(f);
    // all of the other thread's values: those its last resume left, or its whole stack
    if (n === 0) n = from === f.L1 ? gettop(f) : from.top - (f.resumed?.get(from) ?? 0);
    xmove(from, to, n);
    return undefined;
  }],
];

// ---- pushing values ----------------------------------------------------------------

/**
 * lua_pushfstring with the format at -2 and the argument at -1 of the
 * caller's window: `%%`, and one conversion of the argument (`%d`, `%I`,
 * `%c`, `%s`, `%p`) wherever the format asks for it.
 */
function pushfstring(f: CFrame): undefined {
  const fmt = tostring(f.L.stack[f.L.top - 2]) ?? '', arg = f.L.stack[f.L.top - 1];
  return push(f, fmt.replace(/%([%dIcsp])/g, (_m, c: string) => {
    switch (c) {
      case '%': return '%';
      case 'c': return String.fromCharCode(Number(tointeger(arg) ?? 0) & 0xff);
      case 's': return tostring(arg) ?? '(null)';
      case 'p': return topointer(f.L, arg) ?? '(nil)';
      default: return String(tointeger(arg) ?? 0);
    }
  }));
}

const pushes: [string, Command][] = [
  ['pushnil', (f) => push(f, undefined)],
  ['pushbool', (f) => push(f, num(f) !== 0)],
  ['pushint', (f) => push(f, num(f))],
  ['pushnum', (f) => push(f, mkfloat(num(f)))],
  ['pushstring', (f) => push(f, word(f))],
  ['pushupvalueindex', (f) => push(f, REGISTRYINDEX - num(f))],
  ['pushstatus', (f) => push(f, STATUS_NAMES[f.status])],
  ['pushfstringI', pushfstring],
  ['pushfstringS', pushfstring],
  ['pushfstringP', pushfstring],
  ['newtable', (f) => push(f, createtable(f.L1))],
  ['newuserdata', (f) => {
    const n = num(f);
    if (n < 0 || n > 2 ** 31) luaError(f.L1, 'memory allocation error: block too big');
    const u = newuserdata(f.L1, new Uint8Array(n), 1);
    f.L1.push(u);
    chargeBlock(f.L1, u, n);   // its block counts against the memory limit, as C's allocator's would
    return undefined;
  }],
  ['newmetatable', (f) => { const r = newmetatable(f.L1, word(f)); f.L1.push(r.mt); return push(f, r.created); }],
];

// ---- converting and testing values -------------------------------------------------

const value = (op: (v: Value, f: CFrame) => Value): Command => (f) => push(f, op(get(f, index(f)), f));
const test = (op: (v: Value) => boolean): Command => (f) => { const i = index(f); return push(f, isValid(f, i) && op(get(f, i))); };

const values: [string, Command][] = [
  ['tobool', value(toboolean)],
  ['tonumber', value((v) => mkfloat(tofloat(tonumber(v) ?? 0)))],
  ['tointeger', value((v) => tointeger(v) ?? 0)],
  ['tostring', (f) => {
    // lua_tolstring turns a number into a string in place
    const i = index(f), v = get(f, i), s = tostring(v);
    if (s !== undefined && typeof v !== 'string') put(f, i, s);
    return push(f, s);
  }],
  ['Ltolstring', value((v, f) => tolstring(f.L1, v))],
  ['type', (f) => { const i = num(f); return push(f, isValid(f, i) ? typeName(get(f, i)) : 'no value'); }],
  ['objsize', value((v) => rawlen(v))],
  ['len', value((v, f) => len(f.L1, v))],
  ['Llen', value((v, f) => integerLength(f.L1, v))],
  ['topointer', value((v, f) => pointerOf(f, v))],
  ['touserdata', value((v, f) => v instanceof LuaUserdata ? pointerOf(f, v) : lightuserdata(f.L1, 0))],
  ['tocfunction', value((v) => tocfunction(v))],
  ['func2num', value((v, f) => { const c = tocfunction(v); return c === undefined ? 0 : parseInt(topointer(f.L1, c) ?? '0', 16); })],
  ['isnumber', test(isnumber)],
  ['isstring', test(isstring)],
  ['isfunction', test(isfunction)],
  ['iscfunction', test(iscfunction)],
  ['istable', test(istable)],
  ['isuserdata', test(isuserdata)],
  ['isudataval', test(isLightUserdata)],
  ['isnil', test((v) => v === undefined)],
  ['isnull', (f) => push(f, !isValid(f, index(f)))],
  ['testudata', (f) => {
    const v = get(f, index(f)), mt = f.L1.global.registry.get(word(f));
    return push(f, v instanceof LuaUserdata && mt !== undefined && (v as LuaUserdata).metatable === mt);
  }],
];

// ---- tables, globals and metatables ---------------------------------------------------

/** The table at `idx` for a raw access; C's api_check would abort on anything else, lucid raises. */
function tableAt(f: CFrame, idx: number): LuaTable {
  const t = get(f, idx);
  if (!(t instanceof LuaTable)) luaError(f.L, `table expected at index ${idx}`);
  return t;
}

/** The thread at `idx` (0: the script's own), for xmove. */
function threadAt(f: CFrame, idx: number): LuaThread {
  const t = idx === 0 ? f.L1 : get(f, idx);
  if (!isthread(t)) luaError(f.L, `thread expected at index ${idx}`);
  return t;
}

const tables: [string, Command][] = [
  ['getglobal', (f) => push(f, getglobal(f.L1, word(f)))],
  ['setglobal', (f) => { const name = word(f); setglobal(f.L1, name, pop(f)); return undefined; }],
  ['getfield', (f) => { const t = get(f, index(f)); return push(f, getfield(f.L1, t, word(f))); }],
  ['setfield', (f) => { const t = get(f, index(f)), k = word(f); setfield(f.L1, t, k, pop(f)); return undefined; }],
  ['gettable', (f) => { const t = get(f, index(f)); return push(f, gettable(f.L1, t, pop(f))); }],
  ['settable', (f) => { const t = get(f, index(f)); const [k, v] = popValues(f, 2); settable(f.L1, t, k, v); return undefined; }],
  ['seti', (f) => { const t = get(f, index(f)), i = num(f); seti(f.L1, t, i, pop(f)); return undefined; }],
  ['rawget', (f) => { const t = tableAt(f, index(f)); return push(f, rawget(t, pop(f))); }],
  ['rawset', (f) => { const t = tableAt(f, index(f)); const [k, v] = popValues(f, 2); rawset(t, k, v); return undefined; }],
  ['rawgeti', (f) => { const t = tableAt(f, index(f)); return push(f, rawgeti(t, num(f))); }],
  ['rawseti', (f) => { const t = tableAt(f, index(f)), i = num(f); rawseti(t, i, pop(f)); return undefined; }],
  ['rawgetp', (f) => { const t = tableAt(f, index(f)); return push(f, rawget(t, lightuserdata(f.L1, num(f)))); }],
  ['rawsetp', (f) => { const t = tableAt(f, index(f)), p = lightuserdata(f.L1, num(f)); rawset(t, p, pop(f)); return undefined; }],
  ['append', (f) => { const t = tableAt(f, index(f)); rawseti(t, rawlen(t) + 1, pop(f)); return undefined; }],
  ['next', (f) => {
    const k = pop(f), r = next(tableAt(f, -1), k);
    if (r !== undefined) { f.L1.push(r[0]); f.L1.push(r[1]); }
    return undefined;
  }],
  ['getmetatable', (f) => push(f, getmetatable(f.L1, get(f, index(f))))],
  ['setmetatable', (f) => {
    const v = get(f, index(f)), mt = pop(f);
    if (mt !== undefined && !(mt instanceof LuaTable)) luaError(f.L, 'table expected for setmetatable');
    setmetatable(f.L1, v, mt);
    return undefined;
  }],
  ['geti', (f) => { const t = get(f, index(f)); return push(f, geti(f.L1, t, num(f))); }],
];

// ---- operators ------------------------------------------------------------------------

/** The operator characters of `arith`, in ArithOp's order (`\` is //, `_` unary minus, `!` bnot). */
const ARITH_OPS = '+-*%^/\\&|~<>_!';

const operators: [string, Command][] = [
  ['arith', (f) => {
    const op = ARITH_OPS.indexOf(f.script.char()) as ArithOp;
    if (op < 0) luaError(f.L, 'unknown arith operator');
    const unary = op === ArithOp.UNM || op === ArithOp.BNOT;
    const [a, b] = popValues(f, unary ? 1 : 2);
    return push(f, arith(f.L1, op, a, b));
  }],
  ['compare', (f) => {
    const name = word(f), a = index(f), b = index(f);
    const op = name[0] === 'E' ? CompareOp.EQ : name[1] === 'T' ? CompareOp.LT : CompareOp.LE;
    return push(f, isValid(f, a) && isValid(f, b) && compare(f.L1, get(f, a), get(f, b), op));
  }],
  ['concat', (f) => push(f, concat(f.L1, popValues(f, num(f))))],
  ['gsub', (f) => {
    const [s, p, r] = [num(f), num(f), num(f)].map((i) => tostring(get(f, i)) ?? '');
    return push(f, s.split(p).join(r));
  }],
];

// ---- output ---------------------------------------------------------------------------------

const output: [string, Command][] = [
  ['print', (f) => { writestring(f.L1, word(f) + '\n'); return undefined; }],
  ['printstack', (f) => {
    const n = num(f);
    const lines = n !== 0 ? [tolstring(f.L1, get(f, n))]
      : Array.from({ length: gettop(f) }, (_, i) => `${i + 1}: ${tolstring(f.L1, get(f, i + 1))}`);
    writestring(f.L1, lines.join('\n') + '\n');
    return undefined;
  }],
  ['warning', (f) => { warning(f.L1, word(f), false); return undefined; }],
  ['warningC', (f) => { warning(f.L1, word(f), true); return undefined; }],
];

/** Every instruction of the language, by name. */
export const COMMANDS: ReadonlyMap<string, Command> = new Map([
  ...stack, ...pushes, ...values, ...tables, ...operators, ...output, ...CALL_COMMANDS,
]);
