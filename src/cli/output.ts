/**
 * # The interpreter's standard streams
 *
 * Responsibility: where the command-line tools write — the standard
 * output and error of the platform the state runs on. Lua's output
 * (`print`, `io.write` to stdout) and the interpreter's own share the
 * platform's one buffer, flushed when it grows large, before anything goes
 * to stderr, before a command runs, and at exit — never one system call
 * per `print` (the `lucid` command's platform buffers its stdout).
 *
 * Manual: §7. PUC-Rio counterpart: C's buffered `stdout` and unbuffered
 * `stderr` in `lua.c`.
 *
 * Invariant: what goes to stderr comes after everything written to stdout
 * before it (stdout is flushed first). Text is bytes: latin1 strings.
 *
 * Read next: `lucid.ts`, `src/platform/node.ts` (the buffered stdout).
 */
import type { Platform } from '../api/platform.ts';

/** Queue bytes for stdout. */
export function write(platform: Platform, s: string): void {
  platform.stdout.write(s);
}

/** Write what is queued. */
export function flush(platform: Platform): void {
  platform.stdout.flush();
}

/** Write bytes to stderr at once (after flushing stdout, so the order holds). */
export function writeError(platform: Platform, s: string): void {
  platform.stdout.flush();
  platform.stderr.write(s);
}
