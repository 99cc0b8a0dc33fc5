/**
 * # The string library
 *
 * Responsibility: the functions of manual §6.4 on byte strings, and the
 * string metatable: `__index` (so that `("x"):upper()` works) and the
 * arithmetic metamethods through which Lua 5.4 converts strings to numbers
 * in arithmetic (`"10" + 1`), with lstrlib's errors ("attempt to add a
 * 'string' with a 'table'").
 *
 * Manual: §6.4 (and §3.4.3 for the coercions). PUC-Rio counterpart:
 * lstrlib.c. The larger parts live apart: patterns (src/lib/pattern/, a
 * core tested on its own), `format` (format.ts) and `pack` (pack.ts).
 *
 * How to add a function: write a native `(L, base, nargs) => number of
 * results` that reads its arguments with src/api/auxlib.ts's checks and
 * pushes its results, and list it in `openString`'s `newlib`.
 *
 * Invariants:
 * - Strings are byte strings; `upper`/`lower` act on ASCII letters only
 *   (the C locale).
 * - Arguments are read with auxlib's checks (format and pack read theirs
 *   as their format string asks). The pattern and pack cores report their
 *   own problems with a `LibError`; `guard` turns it into Lua's "bad
 *   argument" or plain error, so every message is PUC-Rio's.
 * - Function replacements of `gsub` and `__tostring` in `format` are called
 *   synchronously (PUC-Rio's lua_call in a C function: they cannot yield).
 *
 * Read next: src/lib/math.ts for the shape of a library module,
 * src/lib/pattern/index.ts.
 */
import type { LuaState } from '../api/state.ts';
import {
  cclosure, isfunction, typeName, gettable, call, rawarith, dump as dumpFunction, setmetatable, createtable, reserve,
  type LuaThread,
} from '../api/lua.ts';
import {
  arg, argError, checkInteger, checkString, checkCString, optInteger, luaError, typeArgError, getmetafield,
  newlib, setfuncs,
} from '../api/auxlib.ts';
import { LuaTable, ArithOp, isNumber, number2string } from '../value/index.ts';
import { find, match, gmatch, gsub, startPosition, type CaptureValue } from './pattern/index.ts';
import { format } from './format.ts';
import { pack, packsize, unpack } from './pack.ts';
import { guard } from './guard.ts';

/** Largest string `rep` builds (MAXSIZE in spirit: JS strings stop near 2^29). */
const MAX_STRING = 0x1fffffe8;


function optInt(L: LuaThread, base: number, nargs: number, n: number, def: number): number {
  return Number(optInteger(L, base, nargs, n, def));
}

/** A position as lstrlib's posrelatI / getendpos read it. */
function endPosition(pos: number, len: number): number {
  if (pos > len) return len;
  if (pos >= 0) return pos;
  if (pos < -len) return 0;
  return len + pos + 1;
}

function len(L: LuaThread, base: number, nargs: number): number {
  L.push(checkString(L, base, nargs, 1).length);
  return 1;
}

function sub(L: LuaThread, base: number, nargs: number): number {
  const s = checkString(L, base, nargs, 1);
  const i = startPosition(checkInteger(L, base, nargs, 2), s.length);
  const j = endPosition(optInt(L, base, nargs, 3, -1), s.length);
  L.push(i <= j ? s.slice(i - 1, j) : '');
  return 1;
}

function upper(L: LuaThread, base: number, nargs: number): number {
  L.push(checkString(L, base, nargs, 1).replace(/[a-z]+/g, (m) => m.toUpperCase()));
  return 1;
}

function lower(L: LuaThread, base: number, nargs: number): number {
  L.push(checkString(L, base, nargs, 1).replace(/[A-Z]+/g, (m) => m.toLowerCase()));
  return 1;
}

function rep(L: LuaThread, base: number, nargs: number): number {
  const s = checkString(L, base, nargs, 1);
  const n = Number(checkInteger(L, base, nargs, 2));
  const sep = arg(L, base, nargs, 3) === undefined ? '' : checkString(L, base, nargs, 3);
  if (n <= 0) { L.push(''); return 1; }
  reserve(L, (s.length + sep.length) * n);   // under a memory limit, fail before building it
  if ((s.length + sep.length) * n > MAX_STRING) luaError(L, 'resulting string too large');
  L.push(sep === '' ? s.repeat(n) : (s + sep).repeat(n - 1) + s);
  return 1;
}

function reverse(L: LuaThread, base: number, nargs: number): number {
  const s = checkString(L, base, nargs, 1);
  let r = '';
  for (let i = s.length - 1; i >= 0; i--) r += s[i];
  L.push(r);
  return 1;
}

function byte(L: LuaThread, base: number, nargs: number): number {
  const s = checkString(L, base, nargs, 1);
  const pi = arg(L, base, nargs, 2) === undefined ? 1 : Number(checkInteger(L, base, nargs, 2));
  const i = startPosition(pi, s.length);
  const j = endPosition(optInt(L, base, nargs, 3, pi), s.length);
  if (i > j) return 0;
  if (j - i >= 1000000) luaError(L, 'string slice too long');
  for (let k = i; k <= j; k++) L.push(s.charCodeAt(k - 1));
  return j - i + 1;
}

function char(L: LuaThread, base: number, nargs: number): number {
  let r = '';
  for (let i = 1; i <= nargs; i++) {
    const c = checkInteger(L, base, nargs, i);
    if (!(c >= 0 && c <= 255)) argError(L, i, 'value out of range');
    r += String.fromCharCode(Number(c));
  }
  L.push(r);
  return 1;
}

function pushCaptures(L: LuaThread, caps: CaptureValue[]): number {
  for (const c of caps) L.push(c);
  return caps.length;
}

function strFind(L: LuaThread, base: number, nargs: number, isFind: boolean): number {
  const s = checkString(L, base, nargs, 1);
  const p = checkString(L, base, nargs, 2);
  const init = optInteger(L, base, nargs, 3, 1);
  if (isFind) {
    const plain = arg(L, base, nargs, 4);
    const r = guard(L, () => find(s, p, init, plain !== undefined && plain !== false));
    if (r === null) { L.push(undefined); return 1; }
    L.push(r.start);
    L.push(r.end);
    return 2 + pushCaptures(L, r.captures);
  }
  const caps = guard(L, () => match(s, p, init));
  if (caps === null) { L.push(undefined); return 1; }
  return pushCaptures(L, caps);
}

function gmatchFn(L: LuaThread, base: number, nargs: number): number {
  const s = checkString(L, base, nargs, 1);
  const p = checkString(L, base, nargs, 2);
  const next = guard(L, () => gmatch(s, p, optInteger(L, base, nargs, 3, 1)));
  // the subject and the pattern are the iterator's upvalues, as in lstrlib
  L.push(cclosure(L, 'gmatch_aux', (L2) => {
    const caps = guard(L2, next);
    if (caps === undefined) return 0;
    return pushCaptures(L2, caps);
  }, [s, p]));
  return 1;
}

function gsubFn(L: LuaThread, base: number, nargs: number): number {
  const src = checkString(L, base, nargs, 1);
  const p = checkString(L, base, nargs, 2);
  const repl = arg(L, base, nargs, 3);
  const max = arg(L, base, nargs, 4) === undefined ? undefined : checkInteger(L, base, nargs, 4);
  let replacement: string | ((caps: CaptureValue[]) => string | undefined);
  if (typeof repl === 'string' || isNumber(repl)) {
    replacement = checkString(L, base, nargs, 3);
  } else if (repl instanceof LuaTable || isfunction(repl)) {
    replacement = (caps) => {
      const v = repl instanceof LuaTable ? gettable(L, repl, caps[0]) : call(L, repl, caps)[0];
      if (v === undefined || v === false) return undefined;  // keep the original match
      if (typeof v === 'string') return v;
      if (isNumber(v)) return number2string(v);
      luaError(L, `invalid replacement value (a ${typeName(v)})`);
    };
  } else {
    typeArgError(L, base, nargs, 3, 'string/function/table');
  }
  const [r, n] = guard(L, () => gsub(src, p, replacement, max, (length) => reserve(L, length)));
  L.push(r);
  L.push(n);
  return 2;
}

function formatFn(L: LuaThread, base: number, nargs: number): number {
  L.push(format(L, base, nargs));
  return 1;
}

function packFn(L: LuaThread, base: number, nargs: number): number {
  L.push(guard(L, () => pack(L, base, nargs)));
  return 1;
}

function packsizeFn(L: LuaThread, base: number, nargs: number): number {
  L.push(guard(L, () => packsize(checkCString(L, base, nargs, 1))));   // formats end at a NUL (C strings)
  return 1;
}

function unpackFn(L: LuaThread, base: number, nargs: number): number {
  const fmt = checkCString(L, base, nargs, 1);
  const data = checkString(L, base, nargs, 2);
  const r = guard(L, () => unpack(fmt, data, optInteger(L, base, nargs, 3, 1)));
  for (const v of r) L.push(v);
  return r.length;
}

function dump(L: LuaThread, base: number, nargs: number): number {
  const f = arg(L, base, nargs, 1);
  if (!isfunction(f)) typeArgError(L, base, nargs, 1, 'function');
  const strip = arg(L, base, nargs, 2);
  const chunk = dumpFunction(f, strip !== undefined && strip !== false);
  if (chunk === undefined) luaError(L, 'unable to dump given function');
  L.push(chunk);
  return 1;
}

// ---------------------------------------------------------------------------
// The string metatable's arithmetic (lstrlib's stringmetamethods)
// ---------------------------------------------------------------------------

function stringArith(op: ArithOp, event: string) {
  return (L: LuaThread, base: number, nargs: number): number => {
    const x = arg(L, base, nargs, 1);
    const y = arg(L, base, nargs, 2);
    const r = rawarith(op, x, y);
    if (r !== undefined) { L.push(r); return 1; }
    // trymt: the second operand's own metamethod, unless it is a string
    const h = typeof y === 'string' ? undefined : getmetafield(L, y, '__' + event);
    if (h === undefined) {
      luaError(L, `attempt to ${event} a '${typeName(x)}' with a '${typeName(y)}'`);
    }
    L.push(call(L, h, [x, y])[0]);
    return 1;
  };
}

/** Install the string library and the string metatable. */
export function openString(state: LuaState): LuaTable {
  const L = state.L;
  const S = newlib(L, {
    byte, char, dump, find: (L, b, n) => strFind(L, b, n, true), format: formatFn,
    gmatch: gmatchFn, gsub: gsubFn, len, lower, match: (L, b, n) => strFind(L, b, n, false),
    rep, reverse, sub, upper, pack: packFn, packsize: packsizeFn, unpack: unpackFn,
  });
  // the metatable of strings: methods (`s:upper()`) and arithmetic on numeric strings
  const mt = createtable(L);
  const ops: [string, ArithOp][] = [
    ['add', ArithOp.ADD], ['sub', ArithOp.SUB], ['mul', ArithOp.MUL], ['mod', ArithOp.MOD],
    ['pow', ArithOp.POW], ['div', ArithOp.DIV], ['idiv', ArithOp.IDIV], ['unm', ArithOp.UNM],
  ];
  for (const [event, op] of ops) setfuncs(L, mt, { ['__' + event]: stringArith(op, event) });
  mt.setStr('__index', S);
  setmetatable(L, '', mt);
  return S;
}
