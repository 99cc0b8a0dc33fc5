/**
 * # System errors as C reports them
 *
 * Responsibility: turning a failure of the platform (a `HostError`, whose
 * code is an errno name: `ENOENT`, ...) into what a C library reports —
 * the errno number and glibc's `strerror` text — and
 * the `nil, message, errno` triple of luaL_fileresult that io and os
 * functions return on failure.
 *
 * Manual: §6.8, §6.9 (functions that return fail, a message and a code).
 * PUC-Rio counterpart: `luaL_fileresult` in `lauxlib.c`.
 *
 * Invariant: codes not in the table map to the message and errno the host
 * gave, never to an exception.
 *
 * Read next: `io.ts`, `os.ts`, `src/api/platform.ts` (HostError).
 */
import type { Value } from '../value/index.ts';

/** What a failure may carry: an errno name, a number, a message (a HostError, or a host's own error). */
type Failure = { code?: unknown; errno?: unknown; message?: unknown } | undefined;

/** glibc's message and number for the error codes lucid's libraries meet. */
const ERRORS: Record<string, [string, number]> = {
  EPERM: ['Operation not permitted', 1], ENOENT: ['No such file or directory', 2],
  EIO: ['Input/output error', 5], EBADF: ['Bad file descriptor', 9], EAGAIN: ['Resource temporarily unavailable', 11],
  EACCES: ['Permission denied', 13], EEXIST: ['File exists', 17], EXDEV: ['Invalid cross-device link', 18],
  ENOTDIR: ['Not a directory', 20], EISDIR: ['Is a directory', 21], EINVAL: ['Invalid argument', 22],
  EMFILE: ['Too many open files', 24], EFBIG: ['File too large', 27], ENOSPC: ['No space left on device', 28],
  ESPIPE: ['Illegal seek', 29], EROFS: ['Read-only file system', 30], EPIPE: ['Broken pipe', 32],
  ENAMETOOLONG: ['File name too long', 36], ENOTEMPTY: ['Directory not empty', 39], ELOOP: ['Too many levels of symbolic links', 40],
};

/** [strerror text, errno] of a host failure or an error code. */
export function strerror(e: unknown): [string, number] {
  const err = (typeof e === 'object' && e !== null ? e : undefined) as Failure;
  const code = typeof e === 'string' ? e : err?.code;
  const known = typeof code === 'string' ? ERRORS[code] : undefined;
  if (known) return known;
  const errno = typeof err?.errno === 'number' ? Math.abs(err.errno) : 0;
  return [typeof err?.message === 'string' ? err.message : String(e), errno];
}

/** luaL_fileresult's failure: `[nil, "name: reason", errno]` (no prefix without a name). */
export function failResult(e: unknown, name?: string): Value[] {
  const [reason, errno] = strerror(e);
  return [undefined, name === undefined ? reason : `${name}: ${reason}`, errno];
}

/**
 * "cannot open NAME: REASON", as luaL_loadfilex and lua.c word a file that
 * cannot be read (`NAME` is "stdin" for the standard input); a directory,
 * which C's fopen opens and only the first read refuses, is "cannot read".
 */
export function cannotOpen(name: string, e: unknown): string {
  const what = (e as Failure)?.code === 'EISDIR' ? 'read' : 'open';
  return `cannot ${what} ${name}: ${strerror(e)[0]}`;
}
