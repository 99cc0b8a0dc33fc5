/**
 * # Streams: what a Lua file handle holds
 *
 * Responsibility: a C `FILE*` rebuilt on Node's synchronous file calls — a
 * descriptor with a read buffer, a write buffer and its buffering mode,
 * a position that reads, writes and `seek` share, and the reading
 * primitives the io library's formats are made of (a byte, a peek, a
 * line, n bytes, everything). Standard output writes through the state's
 * output sink, so `print` and `io.write` keep their order.
 *
 * Manual: §6.8. PUC-Rio counterpart: the C library's stdio, as `liolib.c`
 * uses it (fopen, getc/ungetc, fread, fwrite, fseek, setvbuf, fflush).
 *
 * Invariants:
 * - Bytes are Lua bytes: JS strings of char codes 0–255 in, `latin1`
 *   Buffers out; nothing is decoded.
 * - For a seekable file, `pos` is the descriptor offset where the next
 *   fill of the read buffer starts (reads use explicit positions); the
 *   position Lua sees is `pos` minus the unread bytes in the buffer.
 *   Pending writes are flushed before any read, seek or close.
 * - A popen stream is the descriptor of a pipe to a running command
 *   (`popen.ts`), read or written as any unseekable descriptor.
 *
 * Read next: `io.ts` (the library on top of this).
 */
import * as fs from 'node:fs';
import type { PipedCommand } from './popen.ts';

export type Buffering = 'no' | 'full' | 'line';
export type StreamKind = 'file' | 'std' | 'popen';

const CHUNK = 1 << 16;

/** A C stdio stream, the payload of an io library userdata. */
export class Stream {
  closed = false;
  /** Unread bytes: `rbuf[rpos .. rlen)`. */
  private rbuf: Buffer = Buffer.alloc(0);
  private rpos = 0;
  private rlen = 0;
  /** Bytes written and not yet handed to the descriptor. */
  private wbuf: string[] = [];
  private wlen = 0;
  /** Offset of the next fill (seekable files), see the module invariant. */
  pos = 0;
  /** The stream hit its end (a read found nothing). */
  eof = false;
  buffering: Buffering = 'full';
  /** Opened in "a" mode: every write goes to the end. */
  append = false;
  /** popen: the command at the other end of the pipe. */
  piped: PipedCommand | undefined = undefined;

  constructor(
    /** The descriptor. */
    readonly fd: number,
    readonly kind: StreamKind,
    readonly readable: boolean,
    readonly writable: boolean,
    /** Where writes go instead of the descriptor (standard output: the state's sink). */
    private readonly sink?: { write: (s: string) => void; flush: () => void },
  ) {
    this.seekable = kind === 'file' && fs.fstatSync(fd).isFile();
  }

  /** Whether `seek` works (a regular file). */
  readonly seekable: boolean;

  // ---- reading -------------------------------------------------------

  /** Refill the read buffer; false at the end of the stream. */
  private fill(): boolean {
    if (this.rpos < this.rlen) return true;
    this.flushWrites();
    if (this.rbuf.length < CHUNK) this.rbuf = Buffer.alloc(CHUNK);
    let n: number;
    for (;;) {
      try {
        n = fs.readSync(this.fd, this.rbuf, 0, CHUNK, this.seekable ? this.pos : null);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;   // a non-blocking stdin: wait
        if ((e as NodeJS.ErrnoException).code === 'EOF') { n = 0; break; }
        throw e;
      }
    }
    this.rpos = 0;
    this.rlen = n;
    if (this.seekable) this.pos += n;
    if (n === 0) this.eof = true;
    return n > 0;
  }

  /** The next byte without consuming it (-1 at the end). */
  peek(): number {
    return this.fill() ? this.rbuf[this.rpos] : -1;
  }

  /** The next byte (-1 at the end). */
  getc(): number {
    return this.fill() ? this.rbuf[this.rpos++] : -1;
  }

  /** Up to `n` bytes (fewer at the end). */
  read(n: number): string {
    const parts: string[] = [];
    let left = n;
    while (left > 0 && this.fill()) {
      const take = Math.min(left, this.rlen - this.rpos);
      parts.push(this.rbuf.toString('latin1', this.rpos, this.rpos + take));
      this.rpos += take;
      left -= take;
    }
    return parts.join('');
  }

  /** A line without (`keepNewline` false) or with its "\n"; undefined at the end with nothing read. */
  readLine(keepNewline: boolean): string | undefined {
    const parts: string[] = [];
    let found = false;
    while (this.fill()) {
      const nl = this.rbuf.indexOf(10, this.rpos);
      const end = nl >= 0 && nl < this.rlen ? nl : this.rlen;
      parts.push(this.rbuf.toString('latin1', this.rpos, end));
      this.rpos = end;
      if (end < this.rlen) {   // the newline
        this.rpos++;
        if (keepNewline) parts.push('\n');
        found = true;
        break;
      }
    }
    const s = parts.join('');
    return found || s.length > 0 ? s : undefined;
  }

  /** Everything up to the end. */
  readAll(): string {
    const parts: string[] = [];
    while (this.fill()) {
      parts.push(this.rbuf.toString('latin1', this.rpos, this.rlen));
      this.rpos = this.rlen;
    }
    return parts.join('');
  }

  // ---- writing -------------------------------------------------------

  /** Write bytes (a latin1 string), buffered as `setvbuf` says. */
  write(s: string): void {
    if (this.sink !== undefined) {
      this.sink.write(s);
      if (this.buffering === 'no' || (this.buffering === 'line' && s.includes('\n'))) this.sink.flush();
      return;
    }
    if (this.rpos < this.rlen) this.dropReadBuffer();   // writes go where Lua's position is
    this.wbuf.push(s);
    this.wlen += s.length;
    if (this.buffering === 'no' || this.wlen >= CHUNK || (this.buffering === 'line' && s.includes('\n'))) {
      this.flushWrites();
    }
  }

  /** Hand buffered writes to the descriptor (fflush). */
  flushWrites(): void {
    if (this.sink !== undefined) { this.sink.flush(); return; }
    if (this.wlen === 0) return;
    const data = Buffer.from(this.wbuf.join(''), 'latin1');
    this.wbuf = []; this.wlen = 0;
    if (this.append && this.seekable) this.pos = fs.fstatSync(this.fd).size;
    let off = 0;
    while (off < data.length) {
      const n = fs.writeSync(this.fd, data, off, data.length - off, this.seekable ? this.pos : null);
      off += n;
      if (this.seekable) this.pos += n;
    }
  }

  // ---- position ------------------------------------------------------

  /** Forget unread bytes, moving the descriptor offset back to Lua's position. */
  private dropReadBuffer(): void {
    if (this.seekable) this.pos -= this.rlen - this.rpos;
    this.rpos = this.rlen = 0;
  }

  /** fseek + ftell: the new position (throws a Node error on failure). */
  seek(whence: 'set' | 'cur' | 'end', offset: number): number {
    if (!this.seekable) throw Object.assign(new Error('Illegal seek'), { code: 'ESPIPE' });
    this.flushWrites();
    this.dropReadBuffer();
    const base = whence === 'set' ? 0 : whence === 'cur' ? this.pos : fs.fstatSync(this.fd).size;
    const target = base + offset;
    if (target < 0) throw Object.assign(new Error('Invalid argument'), { code: 'EINVAL' });
    this.pos = target;
    this.eof = false;
    return target;
  }

  /** Close the descriptor (after flushing). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.flushWrites();
    if (this.fd > 2) fs.closeSync(this.fd);
  }
}
