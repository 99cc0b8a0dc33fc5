/**
 * # The platform: everything a state asks of its host system
 *
 * Responsibility: the one interface through which the libraries reach
 * outside the machine — files and the standard streams (io, loadfile,
 * dofile, require, package.searchpath), processes (io.popen,
 * os.execute), the environment (os.getenv, package.path), clocks and the
 * local time zone (os.clock, os.time, os.date), host modules in the place
 * of C libraries (require, package.loadlib) and ending the program
 * (os.exit). A state is given one when it is made; `src/platform/` holds
 * the implementations: Node's (real files and processes) and a browser's
 * (files in memory, output to callbacks, no processes).
 *
 * Manual: §6.3, §6.8, §6.9 (the libraries that use it). PUC-Rio
 * counterpart: the C library itself (stdio, stdlib's getenv/system/exit,
 * time.h) and POSIX's popen/mkstemp/dlopen, which liolib.c, loslib.c and
 * loadlib.c call; `luaconf.h` chooses among them as this interface does.
 *
 * Invariants:
 * - Everything that crosses it is a Lua string: file names, contents,
 *   commands, environment values are JS strings of char codes 0–255
 *   (bytes). The platform converts at its edge (to UTF-8 text, Buffers,
 *   `Uint8Array`s); nothing above it decodes.
 * - A failed operation throws a `HostError` whose `code` is the errno
 *   name C would set ('ENOENT', 'EACCES', ...); `src/lib/errno.ts` turns it
 *   into Lua's `nil, message, errno`. Nothing else is thrown.
 *
 * Read next: `src/platform/node.ts`, `src/platform/browser.ts`,
 * `src/lib/io.ts` (the main user).
 */
import { LuaThread, type GlobalState } from '../object/objects.ts';
import { LuaError } from '../value/index.ts';

/** A buffering mode, as `setvbuf` names them. */
export type Buffering = 'no' | 'full' | 'line';

/** Where `seek` counts from. */
export type Whence = 'set' | 'cur' | 'end';

/** An `fopen` mode without its 'b's (the io library checks and strips them). */
export type OpenMode = 'r' | 'w' | 'a' | 'r+' | 'w+' | 'a+';

/**
 * A byte stream as C's `FILE*` offers it: reads and writes share one
 * position; writes may be buffered until `flush`. Bytes are Lua strings.
 * Operations that fail throw a {@link HostError}.
 */
export interface HostStream {
  /** The stream was opened for reading; io's read functions fail with EBADF otherwise. */
  readonly readable: boolean;
  /** The stream was opened for writing. */
  readonly writable: boolean;
  /** The next byte without consuming it (-1 at the end). */
  peek(): number;
  /** The next byte (-1 at the end). */
  getc(): number;
  /** Up to `n` bytes (fewer at the end). */
  read(n: number): string;
  /** A line, without or with its "\n"; undefined at the end with nothing read. */
  readLine(keepNewline: boolean): string | undefined;
  /** Everything up to the end. */
  readAll(): string;
  /** Write bytes, buffered as the mode of `setvbuf` says. */
  write(bytes: string): void;
  /** Hand buffered writes to the host (fflush). */
  flush(): void;
  /** Move the position (fseek) and return the new one (ftell). */
  seek(whence: Whence, offset: number): number;
  /** Change the buffering mode (after flushing). */
  setvbuf(mode: Buffering): void;
  /** Flush and release the stream (fclose). */
  close(): void;
}

/** How a command ended: `exit` with its status, or killed by `signal` number `code`. */
export interface ExitStatus {
  /**
   * Whether the command exited on its own or was killed by a signal (what `io.close` and
   * `os.execute` return as their second value).
   */
  readonly how: 'exit' | 'signal';
  /** The exit status, or the signal number. */
  readonly code: number;
}

/** A stream connected to a running command (popen); closing it waits for the command (pclose). */
export interface HostPipe extends HostStream {
  /** Close our end, then wait until the command ends: its status. */
  closePipe(): ExitStatus;
}

/** Running commands through the system's shell. */
export interface HostProcesses {
  /** Start `command`, its output ('r') or input ('w') connected to the pipe returned. */
  popen(command: string, mode: 'r' | 'w'): HostPipe;
  /** Run `command` and wait for it (C's `system`); the standard streams are shared. */
  execute(command: string): ExitStatus;
  /** Is there a shell to run commands (C's `system(NULL)`)? Absent: yes. */
  available?(): boolean;
}

/** The local time zone, as C's `localtime`/`mktime` see it (times in seconds since the epoch). */
export interface LocalZone {
  /** Seconds east of UTC at time `t`. */
  offset(t: number): number;
  /**
   * The standard (winter) offset of the year containing `t`, and its daylight-saving shift.
   *
   * @returns `standard`: seconds east of UTC outside daylight saving; `shift`: the seconds daylight saving adds (0 if none).
   */
  rule(t: number): { standard: number; shift: number };
  /** The zone's abbreviation at `t` (strftime's `%Z`). */
  name(t: number): string;
}

/**
 * Host modules loaded in the place of C libraries (`require` along
 * `package.cpath`, `package.loadlib`); see `src/lib/jsmodule.ts`.
 */
export interface HostModules {
  /** Is `file` a module this host loads (Node: a `.js`, `.cjs` or `.mjs` file)? */
  isModule(file: string): boolean;
  /** The module's exports, or a Promise of them; throws (or rejects) with the reason it cannot load. */
  load(file: string): Record<string, unknown> | PromiseLike<Record<string, unknown>>;
}

/** What a state may ask of its host (see the module comment). */
export interface Platform {
  // ---- standard streams
  /** Standard input: `io.stdin`, `io.read` by default, the REPL. */
  readonly stdin: HostStream;
  /** Standard output: where `print` goes unless the state was given its own `write`. */
  readonly stdout: HostStream;
  /** Standard error: warnings, io.stderr. */
  readonly stderr: HostStream;

  // ---- files by name
  /** Open a file as `fopen(name, mode)` does. */
  open(name: string, mode: OpenMode): HostStream;
  /** A new temporary file opened "w+", gone once closed (C's `tmpfile`). */
  tmpfile(): HostStream;
  /** A whole file's bytes (luaL_loadfilex, the Lua searcher). */
  readFile(name: string): string;
  /** Does `name` exist as a file that can be read? (package.searchpath) */
  readable(name: string): boolean;
  /** Remove a file or an empty directory (C's `remove`). */
  remove(name: string): void;
  /** Rename a file (C's `rename`). */
  rename(from: string, to: string): void;
  /** The name of a new, empty temporary file (mkstemp). */
  tmpname(): string;

  // ---- processes, environment, time
  /** Running commands; undefined on a host without processes. */
  readonly processes: HostProcesses | undefined;
  /** An environment variable (C's `getenv`); undefined when unset. */
  getenv(name: string): string | undefined;
  /** Processor time used so far, in seconds (C's `clock`). */
  clock(): number;
  /** The current time, in milliseconds since the epoch. */
  now(): number;
  /** The local time zone of `os.date` and `os.time`. */
  readonly zone: LocalZone;
  /**
   * Let the host's event loop run — timers, I/O, an interrupt — before
   * the next slice of an asynchronous run (`LuaTask.run`); resolves as
   * soon as it has.
   */
  pause(): Promise<void>;

  // ---- modules, exit
  /** Host modules in the place of C libraries; undefined on a host without them. */
  readonly modules: HostModules | undefined;
  /**
   * End the program with `status` after flushing every open stream, as
   * C's `exit` does; it does not return. A host that cannot end its
   * program (a browser page) reports the status and throws a
   * {@link LuaExit}, which ends the Lua code and the host's call.
   */
  exit(status: number): never;
}

/** A failure of the host, named as C's errno names it. */
export interface HostError extends Error {
  /**
   * The errno name (`ENOENT`, `EACCES`...), from which the Lua message "name: No such file or
   * directory" is made.
   */
  readonly code: string;
  /** The errno number, when the host gave one. */
  readonly errno?: number;
}

/** A new HostError (`message` is C's strerror text, or what the host says). */
export function hostError(code: string, message: string): HostError {
  return Object.assign(new Error(message), { code });
}

/** Is `e` a failure of the host (rather than a Lua error or a bug)? */
export function isHostError(e: unknown): e is HostError {
  return e instanceof Error && typeof (e as { code?: unknown }).code === 'string';
}

/**
 * What `exit` throws on a host that cannot end its program (`os.exit` in
 * a browser): an error carrying the exit status, which ends the host's
 * call (`doString`, `run`, ...) like any Lua error. A `pcall` on the way
 * catches it, as it catches every error.
 */
export class LuaExit extends LuaError {
  /** @param status - The exit status `os.exit` asked for (true is 0, false is 1). */
  constructor(readonly status: number) {
    super(`exit (status ${status})`);
    this.name = 'LuaExit';
  }
}

/** The platform of the state that thread `L` (or global state `G`) belongs to: the one given to `new LuaState`. */
export function platformOf(L: LuaThread | GlobalState): Platform {
  const G = L instanceof LuaThread ? L.global : L;
  return (G.host as { readonly platform: Platform }).platform;
}
