/**
 * # lucid — the standalone interpreter (like `lua`)
 *
 * Responsibility: the command line of `bin/lucid.mjs`: run a script with
 * its arguments in the global `arg`, run `-e` statements, print the
 * version (`-v`), read a chunk from stdin (`-`); report uncaught errors on
 * stderr as `lua` does and exit with status 1.
 *
 * Manual: §7 (Lua standalone). PUC-Rio counterpart: `lua.c`.
 *
 * Invariants: files are read as bytes (latin1); everything Lua prints goes
 * through one buffer written with `Buffer.from(s, 'latin1')` and flushed
 * when it grows large and at exit, never one write per `print`.
 *
 * Read next: `src/vm/state.ts`, `src/lib/base.ts`.
 */
import * as fs from 'node:fs';
import { LuaState, LuaTable, LuaError, tostringMeta, type LuaClosure } from '../index.ts';
import { LUCID_VERSION, LUA_COPYRIGHT } from '../version.ts';
import { typeName } from '../vm/meta.ts';

const PROGNAME = 'lua';

/** Buffered stdout: Lua strings are bytes. */
let out: string[] = [];
let outLen = 0;
function write(s: string): void {
  out.push(s);
  outLen += s.length;
  if (outLen > 1 << 16) flush();
}
function flush(): void {
  if (out.length === 0) return;
  const data = Buffer.from(out.join(''), 'latin1');
  out = []; outLen = 0;
  let off = 0;
  while (off < data.length) {
    try {
      off += fs.writeSync(1, data, off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
    }
  }
}

function errorMessage(state: LuaState, e: unknown): string {
  if (!(e instanceof LuaError)) return String(e);
  const v = e.value;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  try {
    const s = tostringMeta(state.L, v);
    if (v instanceof LuaTable && v.metatable?.getStr('__tostring') !== undefined) return s;
  } catch { /* fall through */ }
  return `(error object is a ${typeName(undefined, v)} value)`;
}

/** ": No such file or directory", as strerror words a failed open. */
function systemReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return ': No such file or directory';
  if (code === 'EACCES') return ': Permission denied';
  if (code === 'EISDIR') return ': Is a directory';
  return '';
}

/** Print an uncaught error as lua.c does; load errors have no traceback. */
function report(state: LuaState, e: unknown, traceback: boolean): void {
  flush();
  const msg = errorMessage(state, e);
  const tb = traceback ? '\nstack traceback:\n\t[C]: in ?' : '';
  process.stderr.write(Buffer.from(`${PROGNAME}: ${msg}${tb}\n`, 'latin1'));
}

/** Load a chunk, or report its error (without traceback) and return undefined. */
function loadOrReport(state: LuaState, data: Uint8Array, name: string): LuaClosure | undefined {
  try {
    return state.load(data, name);
  } catch (e) {
    report(state, e, false);
    return undefined;
  }
}

function main(argv: string[]): number {
  const state = new LuaState({ write });
  state.global.flush = flush;
  let i = 0;
  const execs: string[] = [];
  let showVersion = false;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-e') { execs.push(argv[++i] ?? ''); continue; }
    if (a.startsWith('-e') && a.length > 2) { execs.push(a.slice(2)); continue; }
    if (a === '-v') { showVersion = true; continue; }
    if (a === '--') { i++; break; }
    break;
  }
  const script = i < argv.length ? argv[i] : undefined;
  // arg: script name at 0, its arguments at 1.., interpreter and options below 0
  const argTable = new LuaTable();
  argTable.set(-(i + 1), 'lucid');
  for (let j = 0; j < argv.length; j++) argTable.set(j - i, Buffer.from(argv[j], 'utf8').toString('latin1'));
  state.setGlobal('arg', argTable);
  if (showVersion) write(`${LUCID_VERSION}  ${LUA_COPYRIGHT}\n`);
  try {
    for (const stat of execs) {
      const f = loadOrReport(state, Buffer.from(stat, 'utf8'), '=(command line)');
      if (f === undefined) return 1;
      state.call(f);
    }
    if (script !== undefined || (execs.length === 0 && !showVersion)) {
      const file = script ?? '-';
      let data: Buffer;
      try {
        data = fs.readFileSync(file === '-' ? 0 : file);
      } catch (e) {
        report(state, new LuaError(`cannot open ${file}${systemReason(e)}`), false);
        return 1;
      }
      const f = loadOrReport(state, data, file === '-' ? '=stdin' : '@' + file);
      if (f === undefined) return 1;
      state.call(f, ...argv.slice(i + 1).map((s) => Buffer.from(s, 'utf8').toString('latin1')));
    }
  } catch (e) {
    // lua.c's message handler adds a traceback unless the error object has __tostring
    const v = e instanceof LuaError ? e.value : undefined;
    report(state, e, !(v instanceof LuaTable && v.metatable?.getStr('__tostring') !== undefined));
    return 1;
  }
  flush();
  return 0;
}

const status = main(process.argv.slice(2));
flush();
process.exitCode = status;
