/**
 * # The interpreter's standard output
 *
 * Responsibility: one buffer for everything Lua prints (`print`,
 * `io.write` to stdout), written as bytes and flushed when it grows large,
 * before anything goes to stderr, before a command runs, and at exit —
 * never one system call per `print`.
 *
 * Manual: §7. PUC-Rio counterpart: C's buffered `stdout` in `lua.c`.
 *
 * Invariant: Lua strings are bytes: chunks are latin1 strings, written
 * with `Buffer.from(s, 'latin1')`.
 *
 * Read next: `lucid.ts`.
 */
import * as fs from 'node:fs';

let out: string[] = [];
let outLen = 0;

/** Queue bytes for stdout. */
export function write(s: string): void {
  out.push(s);
  outLen += s.length;
  if (outLen > 1 << 16) flush();
}

/** Write what is queued. */
export function flush(): void {
  if (out.length === 0) return;
  const data = Buffer.from(out.join(''), 'latin1');
  out = []; outLen = 0;
  let off = 0;
  while (off < data.length) {
    try {
      off += fs.writeSync(1, data, off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return;            // the reader went away: nothing more to say
      if (code !== 'EAGAIN') throw e;
    }
  }
}

/** Write bytes to stderr at once (after flushing stdout, so the order holds). */
export function writeError(s: string): void {
  flush();
  fs.writeSync(2, Buffer.from(s, 'latin1'));
}
