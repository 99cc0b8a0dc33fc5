/**
 * # The browser platform: a state without a host system
 *
 * Responsibility: the `Platform` of a state in a web page (or any
 * JavaScript host with no files or processes of its own): files in memory
 * (`memory-fs.ts`), standard output and error handed to callbacks as
 * text, standard input from a string, environment variables from a
 * record, no processes and no host modules. `src/browser.ts` gives every
 * `new LuaState()` one of these unless told otherwise.
 *
 * ```ts
 * import { LuaState, browserPlatform } from 'lucid-lua/browser';
 * const platform = browserPlatform({ stdout: (text) => console.log(text), files: { 'm.lua': 'return 42' } });
 * const lua = new LuaState({ platform });
 * lua.doString('print(require("m"))');   // stdout receives "42\n"
 * ```
 *
 * Manual: §6.8, §6.9, §6.3. PUC-Rio counterpart: an ISO C build of Lua
 * (no `LUA_USE_POSIX`): `io.popen` is "'popen' not supported", a command
 * processor is absent, `os.exit` cannot end anything but the Lua program.
 *
 * Invariants:
 * - Output callbacks receive JS text: the bytes Lua wrote, decoded as
 *   UTF-8 as they come (a character split across two writes arrives
 *   whole, with the second).
 * - Without a callback, output goes to the console a line at a time.
 * - Nothing here touches a global of the host but `performance`,
 *   `Date`, `console` and `MessageChannel`.
 *
 * Read next: `memory-fs.ts`, `node.ts` (the other platform).
 */
import { LuaExit, type HostStream, type Platform } from '../api/platform.ts';
import { luaToBytes, toLuaString } from '../api/interop.ts';
import { SinkStream } from '../lib/io-stream.ts';
import { dateZone } from '../lib/date.ts';
import { MemoryFileSystem } from './memory-fs.ts';

/** Options of {@link browserPlatform}. */
export interface BrowserPlatformOptions {
  /** Files there before Lua runs: name → text (stored as UTF-8) or bytes. */
  files?: Record<string, string | Uint8Array>;
  /** Receives what Lua writes to standard output (print, io.write), as text. Default: the console, by lines. */
  stdout?: (text: string) => void;
  /** Receives what Lua writes to standard error (warnings, io.stderr), as text. Default: the console, by lines. */
  stderr?: (text: string) => void;
  /** The standard input's contents (io.read). Default: empty. */
  stdin?: string | Uint8Array;
  /** Environment variables (os.getenv, LUA_PATH). Default: none. */
  env?: Record<string, string>;
  /** Called with the status when Lua calls os.exit (which then ends the Lua program, see LuaExit). */
  onExit?: (status: number) => void;
}

/** A browser platform, with its in-memory files at hand for the host. */
export interface BrowserPlatform extends Platform {
  /** The files Lua sees: fill them before running, read them after. */
  readonly files: MemoryFileSystem;
}

/** Text to `log` a line at a time (what the console can show), the rest kept until its newline. */
function byLines(log: (line: string) => void): (text: string) => void {
  let pending = '';
  return (text) => {
    const lines = (pending + text).split('\n');
    pending = lines.pop()!;
    for (const line of lines) log(line);
  };
}

/** A write-only stream that decodes the bytes written as UTF-8 and hands the text to `out`. */
function textSink(out: (text: string) => void, buffering: 'no' | 'full'): HostStream {
  const decoder = new TextDecoder();
  return new SinkStream((bytes) => {
    const text = decoder.decode(luaToBytes(bytes), { stream: true });
    if (text !== '') out(text);
  }, () => {}, buffering);
}

/**
 * A promise that settles in a new task of the event loop, after what is
 * waiting (rendering, input, timers): a message to ourselves, which
 * browsers do not delay as they delay nested `setTimeout(0)`s.
 */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel() as unknown as WebChannel;
    channel.port1.onmessage = () => { channel.port1.close(); resolve(); };
    channel.port2.postMessage(null);
  });
}

/** What `nextTask` uses of a `MessageChannel`, in the web's terms (Node's typings describe its own). */
interface WebChannel {
  port1: { onmessage: (() => void) | null; close(): void };
  port2: { postMessage(message: unknown): void };
}

/** A new browser platform (see {@link BrowserPlatformOptions}). */
export function browserPlatform(options: BrowserPlatformOptions = {}): BrowserPlatform {
  const files = new MemoryFileSystem();
  for (const [name, data] of Object.entries(options.files ?? {})) files.writeFile(name, data);
  const env = new Map<string, string>();
  for (const [k, v] of Object.entries(options.env ?? {})) env.set(toLuaString(k), toLuaString(v));
  // the standard input is an unnamed memory file holding the given bytes
  const stdin = new MemoryFileSystem();
  stdin.writeFile('stdin', options.stdin ?? '');
  const started = performance.now();
  let temps = 0;
  return {
    files,
    stdin: stdin.open('stdin', 'r'),
    stdout: textSink(options.stdout ?? byLines((line) => console.log(line)), 'full'),
    stderr: textSink(options.stderr ?? byLines((line) => console.error(line)), 'no'),

    open: (name, mode) => files.open(name, mode),
    tmpfile: () => files.anonymous(),
    readFile: (name) => files.read(name),
    readable: (name) => files.isFile(name),
    remove: (name) => files.remove(name),
    rename: (from, to) => files.rename(from, to),
    tmpname() {
      for (;;) {
        const name = `/tmp/lua_${(++temps).toString(36)}${Math.random().toString(36).slice(2, 8)}`;
        if (files.isFile(name)) continue;
        files.open(name, 'w').close();   // mkstemp creates the file
        return name;
      }
    },

    processes: undefined,
    getenv: (name) => env.get(name),
    // no processor time to ask for: the time the page has spent since the platform was made
    clock: () => (performance.now() - started) / 1000,
    now: () => Date.now(),
    zone: dateZone,
    pause: nextTask,

    modules: undefined,
    exit(status) {
      options.onExit?.(status);
      throw new LuaExit(status);   // the page goes on: the Lua program ends
    },
  };
}
