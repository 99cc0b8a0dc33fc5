/**
 * # Node streams: a C `FILE*` on a file descriptor
 *
 * Responsibility: the io library's streams on Node's synchronous file
 * calls — a descriptor with a read buffer, a write buffer and its
 * buffering mode, a position that reads, writes and `seek` share, and the
 * reading primitives the io library's formats are made of (a byte, a
 * peek, a line, n bytes, everything).
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
 * - A stream with pending writes is in its platform's set of open streams
 *   (`OpenStreams`) until it is closed, so that `exit` can flush it.
 *
 * Read next: `node.ts` (the platform that opens these), `node-popen.ts`.
 */
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { hostError, type Buffering, type HostStream, type Whence } from '../api/platform.ts';

const CHUNK = 1 << 16;

/** The streams a platform flushes when the program exits (C's exit flushes every FILE*). */
export interface OpenStreams {
  /** Remember a stream that has pending writes. */
  add(s: NodeStream): void;
  /** Forget a stream: its writes were flushed, or it was closed. */
  delete(s: NodeStream): void;
}

/** A C stdio stream on descriptor `fd`. */
export class NodeStream implements HostStream {
  /** The stream was closed; `close` does nothing a second time. */
  closed = false;
  /** Unread bytes: `rbuf[rpos .. rlen)`. */
  private rbuf: Buffer = Buffer.alloc(0);
  private rpos = 0;
  private rlen = 0;
  /** Bytes written and not yet handed to the descriptor. */
  private wbuf: string[] = [];
  private wlen = 0;
  /** Offset of the next fill (seekable files), see the module invariant. */
  private pos = 0;
  private buffering: Buffering = 'full';

  constructor(
    /** The descriptor. */
    readonly fd: number,
    readonly readable: boolean,
    readonly writable: boolean,
    /** Whether `seek` works (a regular file). */
    private readonly seekable: boolean,
    /** Opened in "a" mode: every write goes to the end. */
    private readonly append: boolean,
    /** The platform's open streams (flushed at exit). */
    private readonly open: OpenStreams | undefined,
  ) {
    open?.add(this);
  }

  // ---- reading -------------------------------------------------------

  /** Refill the read buffer; false at the end of the stream. */
  private fill(): boolean {
    if (this.rpos < this.rlen) return true;
    this.flush();
    if (this.rbuf.length < CHUNK) this.rbuf = Buffer.alloc(CHUNK);
    let n: number;
    for (;;) {
      try {
        n = readSync(this.fd, this.rbuf, 0, CHUNK, this.seekable ? this.pos : null);
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
    return n > 0;
  }

  peek(): number {
    return this.fill() ? this.rbuf[this.rpos] : -1;
  }

  getc(): number {
    return this.fill() ? this.rbuf[this.rpos++] : -1;
  }

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

  readAll(): string {
    const parts: string[] = [];
    while (this.fill()) {
      parts.push(this.rbuf.toString('latin1', this.rpos, this.rlen));
      this.rpos = this.rlen;
    }
    return parts.join('');
  }

  // ---- writing -------------------------------------------------------

  write(s: string): void {
    if (this.rpos < this.rlen) this.dropReadBuffer();   // writes go where Lua's position is
    this.wbuf.push(s);
    this.wlen += s.length;
    if (this.buffering === 'no' || this.wlen >= CHUNK || (this.buffering === 'line' && s.includes('\n'))) {
      this.flush();
    }
  }

  flush(): void {
    if (this.wlen === 0) return;
    const data = Buffer.from(this.wbuf.join(''), 'latin1');
    this.wbuf = []; this.wlen = 0;
    if (this.append && this.seekable) this.pos = fstatSync(this.fd).size;
    let off = 0;
    while (off < data.length) {
      const n = writeSync(this.fd, data, off, data.length - off, this.seekable ? this.pos : null);
      off += n;
      if (this.seekable) this.pos += n;
    }
  }

  setvbuf(mode: Buffering): void {
    this.flush();
    this.buffering = mode;
  }

  // ---- position ------------------------------------------------------

  /** Forget unread bytes, moving the descriptor offset back to Lua's position. */
  private dropReadBuffer(): void {
    if (this.seekable) this.pos -= this.rlen - this.rpos;
    this.rpos = this.rlen = 0;
  }

  seek(whence: Whence, offset: number): number {
    if (!this.seekable) throw hostError('ESPIPE', 'Illegal seek');
    this.flush();
    this.dropReadBuffer();
    const base = whence === 'set' ? 0 : whence === 'cur' ? this.pos : fstatSync(this.fd).size;
    const target = base + offset;
    if (target < 0) throw hostError('EINVAL', 'Invalid argument');
    this.pos = target;
    return target;
  }

  /** Flush and close the descriptor (the standard ones stay open). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.open?.delete(this);
    try {
      this.flush();
    } finally {
      if (this.fd > 2) closeSync(this.fd);
    }
  }
}

/** Open `name` (bytes) as fopen(name, mode); throws Node's error on failure. */
export function openFile(name: string, mode: string, open: OpenStreams): NodeStream {
  const fd = openSync(Buffer.from(name, 'latin1'), mode);
  const seekable = fstatSync(fd).isFile();
  return new NodeStream(fd, mode[0] === 'r' || mode.includes('+'), mode[0] !== 'r' || mode.includes('+'), seekable, mode[0] === 'a', open);
}
