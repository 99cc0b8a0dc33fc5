/**
 * # The io library
 *
 * Responsibility: Lua's files — `io.open`, `io.lines`, `io.read`,
 * `io.write`, the default input and output, `io.popen`, `io.tmpfile` — and
 * the methods of file handles (`read`, `write`, `lines`, `seek`,
 * `setvbuf`, `flush`, `close`). A file handle is a full userdata whose
 * metatable is named "FILE*" and whose payload is an `LStream`: a
 * `HostStream` the state's platform opened (src/api/platform.ts) and how
 * it closes; it is closed by `close`, by `__close` at the end of a
 * `local f <close>` block, and by `__gc` when it is collected.
 *
 * Manual: §6.8. PUC-Rio counterpart: `liolib.c`.
 *
 * Invariants:
 * - Failures that C reports through errno come back as `nil, message,
 *   errno` (errno.ts); misuse (a closed file, a bad format) is an error.
 * - The number scanner of `read("n")` follows liolib's: at most 200
 *   characters, what a numeral can hold, then one conversion.
 * - `io.stdout` writes through the state's output (`GlobalState.write`),
 *   as `print` does, so the two keep their order; buffered writes of
 *   other files are the platform's to flush at exit, as C's `exit`
 *   flushes stdio.
 * - Without processes (a browser), `io.popen` is the error "'popen' not
 *   supported", as in a C build without popen.
 *
 * Read next: `src/api/platform.ts` (HostStream), `errno.ts`.
 */
import { native, type LuaState } from '../api/state.ts';
import { LuaNative, LuaUserdata, type LuaThread } from '../api/lua.ts';
import {
  arg, argError, checkAny, checkInteger, checkString, luaError, optInteger, optString, typeArgError,
  checkCString, optCString, cString,
} from '../api/auxlib.ts';
import { isHostError, platformOf, type HostPipe, type HostStream, type OpenMode } from '../api/platform.ts';
import { LuaTable, LuaFloat, str2number, type Value } from '../value/index.ts';
import { fmtG14 } from '../value/convert.ts';
import { addressOf } from './base.ts';
import { SinkStream } from './io-stream.ts';
import { failResult, strerror } from './errno.ts';

type Fn = (L: LuaThread, base: number, nargs: number) => number;

/**
 * The payload of a file handle (liolib's LStream): the stream, how it
 * closes — a standard file cannot be closed, a pipe's close waits for its
 * command — and whether it is closed.
 */
interface LStream {
  readonly stream: HostStream;
  readonly kind: 'file' | 'std' | 'popen';
  closed: boolean;
}

// ---- file handles ------------------------------------------------------

/** The FILE* metatable of a state. */
function fileMeta(L: LuaThread): LuaTable {
  return L.global.registry.get('FILE*') as LuaTable;
}

/** A new file handle around `stream`. */
function newFile(L: LuaThread, stream: HostStream, kind: LStream['kind'] = 'file'): LuaUserdata {
  const p: LStream = { stream, kind, closed: false };
  return new LuaUserdata(L.global.heap, p, fileMeta(L), 0);
}

/** The payload of `v` if it is a file handle (open or not), else undefined. */
function streamOf(L: LuaThread, v: Value): LStream | undefined {
  return v instanceof LuaUserdata && v.metatable === fileMeta(L) ? v.data as LStream : undefined;
}

/** Argument 1 as an open file (liolib's tofile). */
function toFile(L: LuaThread, base: number, nargs: number): LStream {
  const s = streamOf(L, arg(L, base, nargs, 1));
  if (s === undefined) typeArgError(L, base, nargs, 1, 'FILE*');
  if (s.closed) luaError(L, 'attempt to use a closed file');
  return s;
}

function push(L: LuaThread, values: Value[]): number {
  for (const v of values) L.push(v);
  return values.length;
}

/** fopen's mode check: [rwa] then an optional '+', then only 'b's. */
function validMode(mode: string): boolean {
  return /^[rwa]\+?b*$/.test(mode);
}

/** Open `name` as fopen(name, mode) would, through the platform; throws its HostError on failure. */
function openStream(L: LuaThread, name: string, mode: string): HostStream {
  return platformOf(L).open(name, mode.replace(/b/g, '') as OpenMode);
}

/** Close a file as its kind requires; returns what `close` returns. */
function closeStream(p: LStream): Value[] {
  if (p.kind === 'std') return [undefined, 'cannot close standard file'];
  p.closed = true;
  if (p.kind === 'popen') {
    const st = (p.stream as HostPipe).closePipe();
    return [st.how === 'exit' && st.code === 0 ? true : undefined, st.how, st.code];
  }
  try {
    p.stream.close();
    return [true];
  } catch (e) {
    return failResult(e);
  }
}

// ---- reading -----------------------------------------------------------

const L_MAXLENNUM = 200;

/** read("n"): liolib's numeral scanner, then one conversion (fail if it is not a number). */
function readNumber(s: HostStream): Value {
  let buf = '';
  let ok = true;
  let c = s.peek();
  const next = (): void => {
    if (buf.length >= L_MAXLENNUM) { ok = false; return; }
    buf += String.fromCharCode(c);
    s.getc();
    c = s.peek();
  };
  const test2 = (set: string): boolean => {
    if (ok && c >= 0 && (c === set.charCodeAt(0) || c === set.charCodeAt(1))) { next(); return ok; }
    return false;
  };
  const isDigit = (hex: boolean) => c >= 0 && (hex ? /[0-9a-fA-F]/ : /[0-9]/).test(String.fromCharCode(c));
  const readDigits = (hex: boolean): number => {
    let n = 0;
    while (ok && isDigit(hex)) { next(); if (ok) n++; }
    return n;
  };
  while (c >= 0 && /[ \f\n\r\t\v]/.test(String.fromCharCode(c))) { s.getc(); c = s.peek(); }
  let count = 0;
  let hex = false;
  test2('-+');
  if (test2('00')) {
    if (test2('xX')) hex = true; else count = 1;
  }
  count += readDigits(hex);
  if (test2('..')) count += readDigits(hex);
  if (count > 0 && test2(hex ? 'pP' : 'eE')) {
    test2('-+');
    readDigits(false);
  }
  if (!ok) return undefined;
  return str2number(buf);
}

/** g_read: the values the formats ask for, fail for the first one that fails (and nothing after it). */
function readFormats(L: LuaThread, s: HostStream, base: number, nargs: number, first: number): Value[] {
  if (!s.readable) return failResult('EBADF');
  const out: Value[] = [];
  if (first > nargs) {
    out.push(s.readLine(false));
    return out;
  }
  for (let n = first; n <= nargs; n++) {
    const f = L.stack[base + n - 1];
    let v: Value;
    if (typeof f === 'number' || typeof f === 'bigint' || f instanceof LuaFloat) {
      const count = Number(checkInteger(L, base, nargs, n));
      if (count <= 0) v = s.peek() >= 0 ? '' : undefined;
      else { const r = s.read(count); v = r.length > 0 ? r : undefined; }
    } else {
      let p = checkString(L, base, nargs, n);
      if (p[0] === '*') p = p.slice(1);
      switch (p[0]) {
        case 'n': v = readNumber(s); break;
        case 'l': v = s.readLine(false); break;
        case 'L': v = s.readLine(true); break;
        case 'a': v = s.readAll(); break;
        default: argError(L, n, 'invalid format');
      }
    }
    out.push(v);
    if (v === undefined) break;
  }
  return out;
}

/** Read with the formats of `base+first..`, turning read errors into `nil, message, errno`. */
function gRead(L: LuaThread, s: HostStream, base: number, nargs: number, first: number): number {
  try {
    return push(L, readFormats(L, s, base, nargs, first));
  } catch (e) {
    if (!isHostError(e)) throw e;
    return push(L, failResult(e));
  }
}

// ---- writing -----------------------------------------------------------

function gWrite(L: LuaThread, s: HostStream, self: Value, base: number, nargs: number, first: number): number {
  for (let n = first; n <= nargs; n++) {
    const v = L.stack[base + n - 1];
    let bytes: string;
    if (typeof v === 'number' && Number.isSafeInteger(v)) bytes = String(v);
    else if (typeof v === 'bigint') bytes = v.toString();
    else if (typeof v === 'number') bytes = fmtG14(v);
    else if (v instanceof LuaFloat) bytes = fmtG14(v.n);
    else bytes = checkString(L, base, nargs, n);
    if (!s.writable) return push(L, failResult('EBADF'));
    try {
      s.write(bytes);
    } catch (e) {
      return push(L, failResult(e));
    }
  }
  L.push(self);
  return 1;
}

// ---- default files -----------------------------------------------------

function defaultFile(L: LuaThread, which: 'input' | 'output'): [HostStream, LuaUserdata] {
  const u = L.global.registry.get(`_IO_${which}`) as LuaUserdata;
  const p = u.data as LStream;
  if (p.closed) luaError(L, `default ${which} file is closed`);
  return [p.stream, u];
}

function ioFile(which: 'input' | 'output', mode: string): Fn {
  return (L, base, nargs) => {
    const v = arg(L, base, nargs, 1);
    if (v !== undefined) {
      let u: LuaUserdata;
      if (typeof v === 'string' || typeof v === 'number' || v instanceof LuaFloat) {
        const name = typeof v === 'string' ? cString(v) : String(v instanceof LuaFloat ? v.n : v);   // a C file name
        try {
          u = newFile(L, openStream(L, name, mode));
        } catch (e) {
          luaError(L, `cannot open file '${name}' (${strerror(e)[0]})`);
        }
      } else {
        toFile(L, base, nargs);
        u = v as LuaUserdata;
      }
      L.global.registry.set(`_IO_${which}`, u);
    }
    L.push(L.global.registry.get(`_IO_${which}`));
    return 1;
  };
}

// ---- lines -------------------------------------------------------------

const MAXARGLINE = 250;

/** The iterator of `lines`: a native whose upvalues are the file, the close flag and the formats. */
function linesIterator(L: LuaThread, file: LuaUserdata, toclose: boolean, formats: Value[]): LuaNative {
  if (formats.length > MAXARGLINE) argError(L, MAXARGLINE + 2, 'too many arguments');
  const it: LuaNative = new LuaNative('lines_iter', (L2) => {
    const [u, close, ...fmts] = it.upvalues as [LuaUserdata, boolean, ...Value[]];
    const p = u.data as LStream;
    if (p.closed) luaError(L2, 'file is already closed');
    // the formats go on the stack, where read's argument checks look for them
    const slot = L2.top;
    for (const f of fmts) L2.push(f);
    let values: Value[];
    try {
      values = readFormats(L2, p.stream, slot, fmts.length, 1);
    } catch (e) {
      if (!isHostError(e)) throw e;
      values = failResult(e);
    }
    L2.top = slot;
    if (values[0] !== undefined) return push(L2, values);
    if (values.length > 1 && typeof values[1] === 'string') luaError(L2, values[1]);
    if (close) closeStream(p);
    return 0;
  }, false, [file, toclose, ...formats], L.global.heap);
  return it;
}

// ---- the library ---------------------------------------------------------

const io: Record<string, Fn> = {
  open(L, base, nargs) {
    // file name and mode go to fopen as C strings: each ends at a NUL
    const name = checkCString(L, base, nargs, 1);
    const mode = optCString(L, base, nargs, 2, 'r');
    if (!validMode(mode)) argError(L, 2, 'invalid mode');
    try {
      L.push(newFile(L, openStream(L, name, mode)));
      return 1;
    } catch (e) {
      return push(L, failResult(e, name));
    }
  },
  close(L, base, nargs) {
    if (nargs === 0) { L.push(L.global.registry.get('_IO_output')); base = L.top - 1; nargs = 1; }
    const s = toFile(L, base, nargs);
    return push(L, closeStream(s));
  },
  read(L, base, nargs) {
    return gRead(L, defaultFile(L, 'input')[0], base, nargs, 1);
  },
  write(L, base, nargs) {
    const [s, u] = defaultFile(L, 'output');
    return gWrite(L, s, u, base, nargs, 1);
  },
  lines(L, base, nargs) {
    const name = arg(L, base, nargs, 1);
    const formats = L.stack.slice(base + 1, base + Math.max(nargs, 1));
    if (name === undefined) {
      const u = L.global.registry.get('_IO_input') as LuaUserdata;
      if ((u.data as LStream).closed) luaError(L, 'attempt to use a closed file');
      L.push(linesIterator(L, u, false, formats));
      return 1;
    }
    const fname = checkCString(L, base, nargs, 1);
    let u: LuaUserdata;
    try {
      u = newFile(L, openStream(L, fname, 'r'));
    } catch (e) {
      luaError(L, `cannot open file '${fname}' (${strerror(e)[0]})`);
    }
    L.push(linesIterator(L, u, true, formats));
    L.push(undefined); L.push(undefined); L.push(u);
    return 4;
  },
  input: ioFile('input', 'r'),
  output: ioFile('output', 'w'),
  flush(L) {
    const [s] = defaultFile(L, 'output');
    try { s.flush(); L.push(true); return 1; } catch (e) { return push(L, failResult(e)); }
  },
  type(L, base, nargs) {
    checkAny(L, base, nargs, 1);
    const s = streamOf(L, arg(L, base, nargs, 1));
    L.push(s === undefined ? undefined : s.closed ? 'closed file' : 'file');
    return 1;
  },
  tmpfile(L) {
    try {
      L.push(newFile(L, platformOf(L).tmpfile()));
      return 1;
    } catch (e) {
      return push(L, failResult(e));
    }
  },
  popen(L, base, nargs) {
    const prog = checkCString(L, base, nargs, 1);
    const mode = optCString(L, base, nargs, 2, 'r');
    if (mode !== 'r' && mode !== 'w') argError(L, 2, 'invalid mode');
    const processes = platformOf(L).processes;
    if (processes === undefined) luaError(L, "'popen' not supported");
    L.global.flush();   // what Lua printed comes before what the command prints
    try {
      L.push(newFile(L, processes.popen(prog, mode), 'popen'));
      return 1;
    } catch (e) {
      return push(L, failResult(e, prog));   // luaL_fileresult(L, 0, prog)
    }
  },
};

const methods: Record<string, Fn> = {
  close(L, base, nargs) { return push(L, closeStream(toFile(L, base, nargs))); },
  read(L, base, nargs) { return gRead(L, toFile(L, base, nargs).stream, base, nargs, 2); },
  write(L, base, nargs) {
    const s = toFile(L, base, nargs).stream;
    return gWrite(L, s, L.stack[base], base, nargs, 2);
  },
  lines(L, base, nargs) {
    toFile(L, base, nargs);
    L.push(linesIterator(L, L.stack[base] as LuaUserdata, false, L.stack.slice(base + 1, base + nargs)));
    return 1;
  },
  flush(L, base, nargs) {
    const s = toFile(L, base, nargs).stream;
    try { s.flush(); L.push(true); return 1; } catch (e) { return push(L, failResult(e)); }
  },
  seek(L, base, nargs) {
    const s = toFile(L, base, nargs).stream;
    const whence = optCString(L, base, nargs, 2, 'cur');   // luaL_checkoption: a C string
    if (whence !== 'set' && whence !== 'cur' && whence !== 'end') argError(L, 2, `invalid option '${whence}'`);
    const offset = Number(optInteger(L, base, nargs, 3, 0));
    try {
      L.push(s.seek(whence, offset));
      return 1;
    } catch (e) {
      return push(L, failResult(e));
    }
  },
  setvbuf(L, base, nargs) {
    const s = toFile(L, base, nargs).stream;
    const mode = checkCString(L, base, nargs, 2);   // luaL_checkoption: a C string
    if (mode !== 'no' && mode !== 'full' && mode !== 'line') argError(L, 2, `invalid option '${mode}'`);
    optInteger(L, base, nargs, 3, 1024);
    s.setvbuf(mode);
    L.push(true);
    return 1;
  },
};

const meta: Record<string, Fn> = {
  __tostring(L, base, nargs) {
    const u = arg(L, base, nargs, 1);
    const s = streamOf(L, u);
    if (s === undefined) typeArgError(L, base, nargs, 1, 'FILE*');
    L.push(s.closed ? 'file (closed)' : `file (${addressOf(L, u as object)})`);
    return 1;
  },
  // collection and `<close>` close an open file; standard files stay open
  __gc(L, base, nargs) {
    const s = streamOf(L, arg(L, base, nargs, 1));
    if (s === undefined) typeArgError(L, base, nargs, 1, 'FILE*');   // f_gc checks its argument
    if (!s.closed && s.kind !== 'std') closeStream(s);
    return 0;
  },
};

/** Install the io library: the FILE* metatable, the standard files, the functions. */
export function openIo(state: LuaState): void {
  const G = state.global;
  const mt = new LuaTable(state.global.heap);
  const index = new LuaTable(state.global.heap);
  for (const [name, fn] of Object.entries(methods)) index.set(name, native(name, fn));
  for (const [name, fn] of Object.entries(meta)) mt.set(name, native(name, fn));
  mt.set('__close', mt.get('__gc'));
  mt.set('__index', index);
  mt.set('__name', 'FILE*');
  G.registry.set('FILE*', mt);
  const lib = new LuaTable(state.global.heap);
  for (const [name, fn] of Object.entries(io)) lib.set(name, native(name, fn));
  const L = state.L;
  const platform = state.platform;
  const stdin = newFile(L, platform.stdin, 'std');
  // print's sink: io.write and print keep their order
  const stdout = newFile(L, new SinkStream((s) => G.write(s), () => G.flush()), 'std');
  const stderr = newFile(L, platform.stderr, 'std');
  lib.set('stdin', stdin);
  lib.set('stdout', stdout);
  lib.set('stderr', stderr);
  G.registry.set('_IO_input', stdin);
  G.registry.set('_IO_output', stdout);
  state.globals.set('io', lib);
}
