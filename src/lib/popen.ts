/**
 * # io.popen's pipes: a command running beside Lua
 *
 * Responsibility: start `/bin/sh -c command` with its standard output
 * (mode "r") or input (mode "w") connected to a descriptor Lua reads or
 * writes while the command runs, as popen(3) does, and wait for its exit
 * status when the stream closes, as pclose(3) does.
 *
 * Node offers no pipe(2) with blocking reads for synchronous code, so the
 * pipe is a named one (a FIFO in a private temporary folder). The command
 * runs under a small shell that connects it to the FIFO and, when it ends,
 * writes its exit status to a file beside it: the Lua side reads the FIFO
 * with ordinary blocking reads, and `close` waits for the status file.
 * The command starts asynchronously, so it may outlive its reader (a
 * `cmd &` in the command, a server), as with C's popen.
 *
 * Manual: §6.8 (io.popen, file:close). PUC-Rio counterpart: `io_popen` and
 * `io_pclose` in liolib.c, over popen/pclose.
 *
 * Invariant: the status file holds the shell's `$?` of the command: 128+N
 * when a signal N ended it, which `close` reports as ("signal", N).
 *
 * Read next: `io.ts` (popen and close), `io-stream.ts`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';

/** A running command and our end of its pipe. */
export interface PipedCommand {
  /** The descriptor to read (mode "r") or write (mode "w"). */
  readonly fd: number;
  /** Wait until the command ends (call after closing `fd`): its exit code, or the signal that ended it. */
  wait(): { code: number | null; signal: number | null };
}

/** Start `command`; throws a Node error when the pipe cannot be made. */
export function startPiped(command: string, mode: 'r' | 'w'): PipedCommand {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lucid-popen-'));
  const fifo = path.join(dir, 'pipe');
  const statusFile = path.join(dir, 'status');
  const made = spawnSync('mkfifo', [fifo]);
  if (made.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw Object.assign(new Error('cannot create a pipe'), { code: 'EPIPE' });
  }
  // "$1" is the FIFO, "$2" the status file, "$3" the command
  const redirect = mode === 'r' ? '>"$1"' : '<"$1"';
  const child = spawn('/bin/sh', ['-c', `/bin/sh -c "$3" ${redirect}; echo $? >"$2"`, 'sh', fifo, statusFile, command],
    { stdio: 'inherit' });
  child.unref();   // Lua's program may end before the command does
  // opening one end of a FIFO waits for the other: the shell's redirection
  const fd = fs.openSync(fifo, mode === 'r' ? 'r' : 'w');
  return {
    fd,
    wait() {
      const pause = new Int32Array(new SharedArrayBuffer(4));
      let text = '';
      for (;;) {
        try { text = fs.readFileSync(statusFile, 'latin1'); } catch { /* not yet written */ }
        if (text.endsWith('\n')) break;
        Atomics.wait(pause, 0, 0, 5);
      }
      fs.rmSync(dir, { recursive: true, force: true });
      const n = Number(text.trim());
      return n > 128 ? { code: null, signal: n - 128 } : { code: n, signal: null };
    },
  };
}
