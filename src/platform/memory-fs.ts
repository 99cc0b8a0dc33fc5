/**
 * # Files in memory
 *
 * Responsibility: a small file system held in JS memory — named files of
 * bytes, streams on them with C stdio's operations (read, write, seek,
 * lines), removing and renaming — for a host without a disk of its own
 * (a browser page). The host fills it before Lua runs (`writeFile`) and
 * reads what Lua wrote afterwards (`readFile`, `list`).
 *
 * Manual: §6.8 (what io does with files), §6.9 (os.remove, os.rename,
 * os.tmpname). PUC-Rio counterpart: none — C's stdio over a disk.
 *
 * Invariants:
 * - Names are Lua bytes, made absolute against "/" and normalised ("a",
 *   "./a" and "/x/../a" are one file, "/a"); directories exist implicitly
 *   as the folders of the files' names.
 * - A file's bytes are `data[0 .. size)`. Streams write straight into it
 *   (no write buffer), so every handle on a file sees every write at once.
 * - Failures throw `HostError`s with C's errno names, as a disk would.
 *
 * Read next: `browser.ts`, `src/api/platform.ts`.
 */
import {
  hostError, type Buffering, type HostStream, type OpenMode, type Whence,
} from '../api/platform.ts';
import { bytesToLua, luaToBytes, toLuaString } from '../api/interop.ts';

/** One file: its bytes, grown by doubling. */
class MemoryFile {
  data = new Uint8Array(64);
  size = 0;

  /** Make room for `n` bytes. */
  reserve(n: number): void {
    if (n <= this.data.length) return;
    const next = new Uint8Array(Math.max(n, this.data.length * 2));
    next.set(this.data.subarray(0, this.size));
    this.data = next;
  }
}

/** A stream on a memory file: one position shared by reads and writes. */
class MemoryStream implements HostStream {
  private pos = 0;
  private closed = false;

  constructor(
    private readonly file: MemoryFile,
    readonly readable: boolean,
    readonly writable: boolean,
    private readonly append: boolean,
  ) {}

  private check(): void {
    if (this.closed) throw hostError('EBADF', 'Bad file descriptor');
  }

  peek(): number {
    this.check();
    return this.pos < this.file.size ? this.file.data[this.pos] : -1;
  }

  getc(): number {
    const c = this.peek();
    if (c >= 0) this.pos++;
    return c;
  }

  read(n: number): string {
    this.check();
    const end = Math.min(this.file.size, this.pos + n);
    const s = bytesToLua(this.file.data.subarray(this.pos, end));
    this.pos = Math.max(this.pos, end);
    return s;
  }

  readLine(keepNewline: boolean): string | undefined {
    this.check();
    const { data, size } = this.file;
    if (this.pos >= size) return undefined;
    let nl = data.subarray(0, size).indexOf(10, this.pos);
    if (nl < 0) nl = size;
    const line = bytesToLua(data.subarray(this.pos, nl));
    const found = nl < size;
    this.pos = found ? nl + 1 : nl;
    return found && keepNewline ? line + '\n' : line;
  }

  readAll(): string {
    return this.read(Math.max(0, this.file.size - this.pos));
  }

  write(bytes: string): void {
    this.check();
    if (!this.writable) throw hostError('EBADF', 'Bad file descriptor');
    const f = this.file;
    if (this.append) this.pos = f.size;
    const end = this.pos + bytes.length;
    f.reserve(end);
    if (this.pos > f.size) f.data.fill(0, f.size, this.pos);   // a hole seek made reads as zeros
    f.data.set(luaToBytes(bytes), this.pos);
    this.pos = end;
    if (end > f.size) f.size = end;
  }

  flush(): void { this.check(); }

  setvbuf(_mode: Buffering): void { this.check(); }   // nothing is buffered

  seek(whence: Whence, offset: number): number {
    this.check();
    const base = whence === 'set' ? 0 : whence === 'cur' ? this.pos : this.file.size;
    const target = base + offset;
    if (target < 0) throw hostError('EINVAL', 'Invalid argument');
    this.pos = target;
    return target;
  }

  close(): void { this.closed = true; }
}

/** A file system in memory (see the module comment). */
export class MemoryFileSystem {
  private readonly files = new Map<string, MemoryFile>();

  /** The absolute, normalised form of `name` (bytes). */
  static normalize(name: string): string {
    const parts: string[] = [];
    for (const p of name.split('/')) {
      if (p === '' || p === '.') continue;
      if (p === '..') parts.pop(); else parts.push(p);
    }
    return '/' + parts.join('/');
  }

  /** Is `path` (normalised) a folder of some file? */
  private isDirectory(path: string): boolean {
    if (path === '/') return true;
    for (const name of this.files.keys()) if (name.startsWith(path + '/')) return true;
    return false;
  }

  // ---- for the host: names and contents as JS text, Uint8Array or bytes

  /** Create or replace a file: `data` as text (stored as UTF-8) or bytes. */
  writeFile(name: string, data: string | Uint8Array): void {
    const f = new MemoryFile();
    const bytes = typeof data === 'string' ? luaToBytes(toLuaString(data)) : data;
    f.reserve(bytes.length);
    f.data.set(bytes);
    f.size = bytes.length;
    this.files.set(MemoryFileSystem.normalize(toLuaString(name)), f);
  }

  /** A file's bytes, or undefined if there is no such file. */
  readFile(name: string): Uint8Array | undefined {
    const f = this.files.get(MemoryFileSystem.normalize(toLuaString(name)));
    return f === undefined ? undefined : f.data.slice(0, f.size);
  }

  /** Does the file exist? */
  exists(name: string): boolean {
    return this.files.has(MemoryFileSystem.normalize(toLuaString(name)));
  }

  /** The names of all files (absolute, as the file system spells them). */
  list(): string[] {
    return [...this.files.keys()];
  }

  // ---- for the platform: names and contents as Lua bytes

  /** fopen(name, mode). */
  open(name: string, mode: OpenMode): HostStream {
    const path = MemoryFileSystem.normalize(name);
    if (this.isDirectory(path)) throw hostError('EISDIR', 'Is a directory');
    let f = this.files.get(path);
    if (mode[0] === 'r') {
      if (f === undefined) throw hostError('ENOENT', 'No such file or directory');
    } else if (f === undefined) {
      f = new MemoryFile();
      this.files.set(path, f);
    } else if (mode[0] === 'w') {
      f.size = 0;   // truncated in place: other handles on it see it emptied, as on a disk
    }
    return new MemoryStream(f, mode[0] === 'r' || mode.includes('+'), mode[0] !== 'r' || mode.includes('+'), mode[0] === 'a');
  }

  /** A stream on a file that has no name (tmpfile). */
  anonymous(): HostStream {
    return new MemoryStream(new MemoryFile(), true, true, false);
  }

  /** A file's bytes. */
  read(name: string): string {
    const path = MemoryFileSystem.normalize(name);
    const f = this.files.get(path);
    if (f === undefined) {
      throw this.isDirectory(path) ? hostError('EISDIR', 'Is a directory') : hostError('ENOENT', 'No such file or directory');
    }
    return bytesToLua(f.data.subarray(0, f.size));
  }

  /** Is there a file (not a folder) by this name? */
  isFile(name: string): boolean {
    return this.files.has(MemoryFileSystem.normalize(name));
  }

  /** C's remove: a file, or a folder with no files. */
  remove(name: string): void {
    const path = MemoryFileSystem.normalize(name);
    if (this.files.delete(path)) return;
    throw this.isDirectory(path) ? hostError('ENOTEMPTY', 'Directory not empty') : hostError('ENOENT', 'No such file or directory');
  }

  /** C's rename: a file (replacing `to`), or a folder with everything in it. */
  rename(from: string, to: string): void {
    const src = MemoryFileSystem.normalize(from);
    const dst = MemoryFileSystem.normalize(to);
    const f = this.files.get(src);
    if (f !== undefined) {
      this.files.delete(src);
      this.files.set(dst, f);
      return;
    }
    if (!this.isDirectory(src) || src === '/') throw hostError('ENOENT', 'No such file or directory');
    for (const [name, file] of [...this.files]) {
      if (!name.startsWith(src + '/')) continue;
      this.files.delete(name);
      this.files.set(dst + name.slice(src.length), file);
    }
  }
}
