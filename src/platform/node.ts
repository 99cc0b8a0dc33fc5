/**
 * # The Node platform: a state on a real machine
 *
 * Responsibility: the `Platform` of a state running in Node.js — files
 * through `node:fs` (streams in `node-stream.ts`), commands through
 * `/bin/sh` (`node-popen.ts`), JavaScript modules in the place of C
 * libraries (`node-modules.ts`), the process's environment, clocks,
 * standard streams and exit. `src/index.ts` gives every `new LuaState()`
 * one of these unless told otherwise.
 *
 * Manual: §6.8, §6.9, §6.3 (what io, os and package ask of it).
 * PUC-Rio counterpart: a POSIX build of Lua (`LUA_USE_POSIX`: popen,
 * mkstemp) over the C library.
 *
 * Invariants:
 * - Lua bytes meet Node at this edge only: names and commands are
 *   decoded as UTF-8 (file names reach `node:fs` as byte Buffers, so any
 *   bytes work); environment values are encoded back to UTF-8 bytes.
 * - Each platform keeps the streams it opened that may hold buffered
 *   writes; `exit`, and the process's own end, flush them as C's `exit`
 *   flushes every `FILE*`. The process hears of a platform (an 'exit'
 *   listener) only while it has such streams.
 *
 * Read next: `node-stream.ts`, `src/api/platform.ts`, `browser.ts`.
 */
import { accessSync, closeSync, constants as fsConstants, openSync, readFileSync, renameSync, rmdirSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostError, type HostStream, type Platform } from '../api/platform.ts';
import { SinkStream } from '../lib/io-stream.ts';
import { dateZone } from '../lib/date.ts';
import { NodeStream, openFile, type OpenStreams } from './node-stream.ts';
import { nodeProcesses } from './node-popen.ts';
import { nodeModules } from './node-modules.ts';

/** Options of {@link nodePlatform}. */
export interface NodePlatformOptions {
  /**
   * Standard output: 'direct' hands each write to `process.stdout` (the
   * default: a host program's own output interleaves with Lua's);
   * 'buffered' keeps it until 64 KiB, a `flush` or exit and then writes
   * it synchronously (the `lucid` command: one system call per buffer,
   * not per `print`).
   */
  stdout?: 'direct' | 'buffered';
  /** Environment variables hidden from Lua (`lucid -E` hides LUA_PATH and its kin). */
  hideEnv?: readonly string[];
  /** The shell that runs `os.execute` and `io.popen` commands. Default: `/bin/sh`, as C's system and popen. */
  shell?: string;
}

/** Bytes → a `latin1` Buffer (the bytes themselves). */
const bytesOf = (s: string): Buffer => Buffer.from(s, 'latin1');
/** JS text (a name Node gave) → Lua bytes, UTF-8 encoded. */
const fromText = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');

/** Write all of `data` to descriptor `fd`, waiting out a full non-blocking pipe; a reader gone away ends it quietly. */
function writeAll(fd: number, data: Buffer): void {
  let off = 0;
  while (off < data.length) {
    try {
      off += writeSync(fd, data, off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return;            // the reader went away: nothing more to say
      if (code !== 'EAGAIN') throw e;
    }
  }
}

/** Standard output kept in memory until 64 KiB, `flush` or exit (C's buffered stdout). */
function bufferedStdout(): HostStream {
  let out: string[] = [];
  let outLen = 0;
  const flush = () => {
    if (out.length === 0) return;
    const data = bytesOf(out.join(''));
    out = []; outLen = 0;
    writeAll(1, data);
  };
  return new SinkStream((s) => {
    out.push(s);
    outLen += s.length;
    if (outLen > 1 << 16) flush();
  }, flush);
}

/** The streams a platform must flush at exit, and the process listener that does it while there are any. */
function openStreams(): OpenStreams & { flushAll(): void } {
  const streams = new Set<NodeStream>();
  const flushAll = () => {
    for (const s of streams) { try { s.flush(); } catch { /* as C's exit: nothing to report */ } }
  };
  return {
    add(s) {
      if (streams.size === 0) process.on('exit', flushAll);
      streams.add(s);
    },
    delete(s) {
      if (streams.delete(s) && streams.size === 0) process.off('exit', flushAll);
    },
    flushAll,
  };
}

/** A new Node platform (each state gets its own: open streams and buffers are per state). */
export function nodePlatform(options: NodePlatformOptions = {}): Platform {
  const open = openStreams();
  const hidden = new Set(options.hideEnv ?? []);
  const stdout = options.stdout === 'buffered'
    ? bufferedStdout()
    : new SinkStream((s) => { process.stdout.write(bytesOf(s)); });
  // C's stderr is unbuffered
  const stderr = new SinkStream((s) => writeAll(2, bytesOf(s)), () => {}, 'no');
  /** A temporary file name in the system's folder (text, as Node gives it), `lua_XXXXXX` as lua5.4's mkstemp template. */
  const tempName = () => {
    const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    let tail = '';
    for (let i = 0; i < 6; i++) tail += chars[Math.floor(Math.random() * chars.length)];
    return join(tmpdir(), `lua_${tail}`);
  };
  return {
    stdin: new NodeStream(0, true, false, false, false, undefined),
    stdout,
    stderr,

    open: (name, mode) => openFile(name, mode, open),
    tmpfile() {
      const name = tempName();
      const s = openFile(fromText(name), 'w+', open);
      unlinkSync(name);   // like C's tmpfile: gone once closed
      return s;
    },
    readFile: (name) => readFileSync(bytesOf(name)).toString('latin1'),
    readable(name) {
      try {
        accessSync(bytesOf(name), fsConstants.R_OK);
        return statSync(bytesOf(name)).isFile();
      } catch {
        return false;
      }
    },
    remove(name) {
      // C's remove(): unlink, and rmdir when that is a directory (a symbolic link is unlinked, never followed)
      try {
        unlinkSync(bytesOf(name));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'EISDIR' && code !== 'EPERM') throw e;   // unlink(2) of a directory: EISDIR on Linux, EPERM elsewhere
        rmdirSync(bytesOf(name));
      }
    },
    rename: (from, to) => renameSync(bytesOf(from), bytesOf(to)),
    tmpname() {
      // mkstemp: create the file (mode 0600), trying other names while one exists
      for (let tries = 0; tries < 100; tries++) {
        const name = tempName();
        try {
          closeSync(openSync(name, 'wx', 0o600));
          return fromText(name);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST') break;
        }
      }
      throw hostError('EEXIST', 'unable to generate a unique filename');
    },

    processes: nodeProcesses(open, options.shell),
    getenv(name) {
      const key = Buffer.from(name, 'latin1').toString('utf8');
      const v = hidden.has(key) ? undefined : process.env[key];
      return v === undefined ? undefined : fromText(v);
    },
    clock() {
      // processor time of this process, as C's clock() measures it
      const u = process.cpuUsage();
      return (u.user + u.system) / 1e6;
    },
    now: () => Date.now(),
    zone: dateZone,
    pause: () => new Promise<void>((resolve) => setImmediate(resolve)),

    modules: nodeModules,
    exit(status) {
      open.flushAll();
      stdout.flush();
      process.exit(status);
    },
  };
}
