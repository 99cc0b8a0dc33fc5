/**
 * # Node processes: io.popen's pipes and os.execute
 *
 * Responsibility: start `/bin/sh -c command` with its standard output
 * (mode "r") or input (mode "w") connected to a stream Lua reads or writes
 * while the command runs, as popen(3) does, and wait for its exit status
 * when the stream closes, as pclose(3) does; run a command to its end, as
 * system(3) does.
 *
 * Node offers no pipe(2) with blocking reads for synchronous code, so the
 * pipe is a named one (a FIFO in a private temporary folder). One process
 * is started per command: a shell that makes the FIFO, opens its end of
 * it and `exec`s the command's shell, so the child Node knows is the
 * command's `sh -c` itself, as with popen. Once both ends are open the
 * FIFO and its folder are removed: a pipe never closed leaves nothing
 * behind. The command starts asynchronously, so it may outlive its reader
 * (a `cmd &` in the command, a server), as with C's popen.
 *
 * How the shell ended comes from the child's exit event when the event
 * loop has run since, else from the kernel: on Linux a finished child
 * that no one has waited for yet is a zombie whose /proc stat line holds
 * its wait status (exit code or signal), which the synchronous `closePipe`
 * reads. Without /proc, the shell stays, writes the command's `$?` to a
 * status file beside the FIFO, and 128+N is taken as signal N.
 *
 * Manual: §6.8 (io.popen, file:close), §6.9 (os.execute). PUC-Rio
 * counterpart: `io_popen` and `io_pclose` in liolib.c, `os_execute` in
 * loslib.c, over popen/pclose/system.
 *
 * Invariants:
 * - On Linux no file of a pipe outlives the `popen` call that made it
 *   (elsewhere the status file lives until `closePipe`).
 * - Commands are Lua bytes, handed to the shell as the text they encode
 *   (UTF-8).
 *
 * Read next: `node-stream.ts`, `src/lib/io.ts` (popen and close).
 */
import { accessSync, constants as fsConstants, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { constants as osConstants, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import type { ChildProcess } from 'node:child_process';
import { hostError, type ExitStatus, type HostPipe, type HostProcesses } from '../api/platform.ts';
import { NodeStream, type OpenStreams } from './node-stream.ts';

let childProcess: typeof import('node:child_process') | undefined;

/**
 * Node's child_process, loaded by the first command: it brings Node's
 * streams, net and dgram (37 modules), a few milliseconds that every start
 * of lucid would pay for what most scripts never do (docs/cli.md, "Start-up").
 */
function processes(): typeof import('node:child_process') {
  return childProcess ??= createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
}

/**
 * Sleep `ms` milliseconds without returning to the event loop, on a word
 * of `cell` that stays 0 (one per platform: a SharedArrayBuffer per sleep
 * would cost an allocation outside the heap each time).
 */
function pause(cell: Int32Array, ms: number): void {
  Atomics.wait(cell, 0, 0, ms);
}

/** A wait status (waitpid's) as Lua reports it. */
function decodeWaitStatus(w: number): ExitStatus {
  return (w & 0x7f) === 0 ? { how: 'exit', code: (w >> 8) & 0xff } : { how: 'signal', code: w & 0x7f };
}

/**
 * How the finished child `pid` ended, read from its zombie's /proc stat
 * line (field 52, exit_code, since Linux 3.5); undefined while it runs or
 * when there is no such line.
 */
function zombieStatus(pid: number): ExitStatus | 'gone' | undefined {
  let line: string;
  try { line = readFileSync(`/proc/${pid}/stat`, 'latin1'); } catch { return 'gone'; }
  const fields = line.slice(line.lastIndexOf(')') + 2).split(' ');   // fields[0] is field 3, the state
  if (fields[0] !== 'Z' || fields.length < 50) return undefined;
  return decodeWaitStatus(Number(fields[49]));
}

/** The child's end, as its exit event or the kernel tells it. */
class ChildWatch {
  ended: ExitStatus | undefined = undefined;
  constructor(readonly child: ChildProcess, private readonly cell: Int32Array) {
    child.on('exit', (code, signal) => {
      this.ended = signal !== null ? { how: 'signal', code: osConstants.signals[signal] ?? 0 } : { how: 'exit', code: code ?? 0 };
    });
    child.on('error', () => { this.ended = { how: 'exit', code: 127 }; });
    child.unref();   // Lua's program may end before the command does
  }

  /** The status if the child has ended (without waiting), else undefined. */
  poll(): ExitStatus | undefined {
    if (this.ended !== undefined) return this.ended;
    const pid = this.child.pid;
    if (pid === undefined) return { how: 'exit', code: 127 };
    const z = zombieStatus(pid);
    // no /proc line: reaped, and its exit event on the way (or no /proc: the status file decides)
    return z === 'gone' ? (this.child.exitCode !== null ? { how: 'exit', code: this.child.exitCode } : undefined) : z;
  }

  /** Wait until the child ends (on Linux: see the module comment). */
  wait(statusFile: string | undefined): ExitStatus {
    for (;;) {
      const st = statusFile === undefined ? this.poll() : readStatusFile(statusFile);
      if (st !== undefined) return st;
      pause(this.cell, 2);
    }
  }
}

/** Without /proc: the status the wrapping shell wrote, `$?` (128+N read as signal N), once complete. */
function readStatusFile(file: string): ExitStatus | undefined {
  let text = '';
  try { text = readFileSync(file, 'latin1'); } catch { /* not yet written */ }
  if (!text.endsWith('\n')) return undefined;
  rmSync(dirname(file), { recursive: true, force: true });
  const n = Number(text.trim());
  return n > 128 ? { how: 'signal', code: n - 128 } : { how: 'exit', code: n };
}

const hasProc = existsSync('/proc/self/stat');

/** A stream on our end of a FIFO whose other end is a running command. */
class NodePipe extends NodeStream implements HostPipe {
  constructor(fd: number, mode: 'r' | 'w', open: OpenStreams, private readonly watch: ChildWatch,
    private readonly statusFile: string | undefined) {
    super(fd, mode === 'r', mode === 'w', false, false, open);
  }

  /**
   * pclose: our end closes first (a writer's command sees end of input, a
   * reader's command a broken pipe), then the command's exit status.
   */
  closePipe(): ExitStatus {
    try { this.close(); } catch { /* the status still comes */ }
    return this.watch.wait(this.statusFile);
  }
}

/** The shell's text of a command given as Lua bytes. */
function commandText(bytes: string): string {
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** Is `shell` there to run commands (system(NULL))? */
function shellAvailable(shell: string): boolean {
  try { accessSync(shell, fsConstants.X_OK); return true; } catch { return false; }
}

/** Start `command` with its output ('r') or input ('w') on a pipe; throws when the pipe cannot be made. */
function popen(shell: string, cell: Int32Array, command: string, mode: 'r' | 'w', open: OpenStreams): HostPipe {
  if (!shellAvailable(shell)) throw hostError('ENOENT', 'No such file or directory');
  const dir = mkdtempSync(join(tmpdir(), 'lucid-popen-'));
  const fifo = join(dir, 'pipe');
  // without /proc the shell stays to write the command's `$?` there
  const statusFile = hasProc ? undefined : join(dir, 'status');
  let keep = false;
  try {
    // "$1" is the FIFO, "$2" the command, "$3" the status file; the redirection opens our FIFO's other end
    const redirect = mode === 'r' ? '>"$1"' : '<"$1"';
    const run = statusFile === undefined ? `exec ${shell} -c "$2" ${redirect}` : `${shell} -c "$2" ${redirect}; echo $? >"$3"`;
    const child = processes().spawn(shell, ['-c', `mkfifo "$1" || exit 126; ${run}`, 'sh', fifo, commandText(command), statusFile ?? ''],
      { stdio: 'inherit' });
    const watch = new ChildWatch(child, cell);
    // the shell makes the FIFO; opening our end waits for its redirection
    while (!existsSync(fifo)) {
      if (watch.poll() !== undefined) throw hostError('EPIPE', 'cannot create a pipe');
      pause(cell, 1);
    }
    const fd = openSync(fifo, mode === 'r' ? 'r' : 'w');
    keep = statusFile !== undefined;
    return new NodePipe(fd, mode, open, watch, statusFile);
  } finally {
    // both ends are open (or it failed): the FIFO's name is no longer needed
    if (keep) rmSync(fifo, { force: true }); else rmSync(dir, { recursive: true, force: true });
  }
}

/** system(3): run `command` under the shell, sharing our standard streams, and wait for it. */
function execute(shell: string, command: string): ExitStatus {
  const r = processes().spawnSync(shell, ['-c', commandText(command)], { stdio: 'inherit' });
  if (r.error) return { how: 'exit', code: 127 };   // the shell could not run: system's 127
  if (r.signal) return { how: 'signal', code: osConstants.signals[r.signal] ?? 0 };
  return { how: 'exit', code: r.status ?? 1 };
}

/**
 * Node's processes for a platform whose open streams are `open`, running
 * commands with `shell` (`/bin/sh`; another path lets a spec try a
 * machine without one).
 */
export function nodeProcesses(open: OpenStreams, shell = '/bin/sh'): HostProcesses {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  return {
    popen: (command, mode) => popen(shell, cell, command, mode, open),
    execute: (command) => execute(shell, command),
    available: () => shellAvailable(shell),
  };
}
