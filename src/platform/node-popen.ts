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
 * pipe is a named one (a FIFO in a private temporary folder). The command
 * runs under a small shell that connects it to the FIFO and, when it ends,
 * writes its exit status to a file beside it: the Lua side reads the FIFO
 * with ordinary blocking reads, and `closePipe` waits for the status file.
 * The command starts asynchronously, so it may outlive its reader (a
 * `cmd &` in the command, a server), as with C's popen.
 *
 * Manual: §6.8 (io.popen, file:close), §6.9 (os.execute). PUC-Rio
 * counterpart: `io_popen` and `io_pclose` in liolib.c, `os_execute` in
 * loslib.c, over popen/pclose/system.
 *
 * Invariants:
 * - The status file holds the shell's `$?` of the command: 128+N when a
 *   signal N ended it, which `closePipe` reports as ("signal", N).
 * - Commands are Lua bytes, handed to the shell as the text they encode
 *   (UTF-8).
 *
 * Read next: `node-stream.ts`, `src/lib/io.ts` (popen and close).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { hostError, type ExitStatus, type HostPipe, type HostProcesses } from '../api/platform.ts';
import { NodeStream, type OpenStreams } from './node-stream.ts';

/** A stream on our end of a FIFO whose other end is a running command. */
class NodePipe extends NodeStream implements HostPipe {
  constructor(fd: number, mode: 'r' | 'w', open: OpenStreams, private readonly dir: string) {
    super(fd, mode === 'r', mode === 'w', false, false, open);
  }

  /**
   * pclose: our end closes first (a writer's command sees end of input, a
   * reader's command a broken pipe), then the command's exit status.
   */
  closePipe(): ExitStatus {
    try { this.close(); } catch { /* the status still comes */ }
    const statusFile = path.join(this.dir, 'status');
    const pause = new Int32Array(new SharedArrayBuffer(4));
    let text = '';
    for (;;) {
      try { text = fs.readFileSync(statusFile, 'latin1'); } catch { /* not yet written */ }
      if (text.endsWith('\n')) break;
      Atomics.wait(pause, 0, 0, 5);
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
    const n = Number(text.trim());
    return n > 128 ? { how: 'signal', code: n - 128 } : { how: 'exit', code: n };
  }
}

/** The shell's text of a command given as Lua bytes. */
function commandText(bytes: string): string {
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** Start `command` with its output ('r') or input ('w') on a pipe; throws when the pipe cannot be made. */
function popen(command: string, mode: 'r' | 'w', open: OpenStreams): HostPipe {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lucid-popen-'));
  const fifo = path.join(dir, 'pipe');
  const statusFile = path.join(dir, 'status');
  const made = spawnSync('mkfifo', [fifo]);
  if (made.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw hostError('EPIPE', 'cannot create a pipe');
  }
  // "$1" is the FIFO, "$2" the status file, "$3" the command
  const redirect = mode === 'r' ? '>"$1"' : '<"$1"';
  const child = spawn('/bin/sh', ['-c', `/bin/sh -c "$3" ${redirect}; echo $? >"$2"`, 'sh', fifo, statusFile, commandText(command)],
    { stdio: 'inherit' });
  child.unref();   // Lua's program may end before the command does
  // opening one end of a FIFO waits for the other: the shell's redirection
  const fd = fs.openSync(fifo, mode === 'r' ? 'r' : 'w');
  return new NodePipe(fd, mode, open, dir);
}

/** system(3): run `command` under /bin/sh, sharing our standard streams, and wait for it. */
function execute(command: string): ExitStatus {
  const r = spawnSync('/bin/sh', ['-c', commandText(command)], { stdio: 'inherit' });
  if (r.signal) return { how: 'signal', code: os.constants.signals[r.signal] ?? 0 };
  return { how: 'exit', code: r.status ?? 1 };
}

/** Node's processes for a platform whose open streams are `open`. */
export function nodeProcesses(open: OpenStreams): HostProcesses {
  return {
    popen: (command, mode) => popen(command, mode, open),
    execute,
  };
}
