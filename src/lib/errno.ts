/**
 * # System errors as C reports them
 *
 * Responsibility: turning a Node.js system error (`ENOENT`, ...) into what
 * a C library reports — the errno number and glibc's `strerror` text — and
 * the `nil, message, errno` triple of luaL_fileresult that io and os
 * functions return on failure.
 *
 * Manual: §6.8, §6.9 (functions that return fail, a message and a code).
 * PUC-Rio counterpart: `luaL_fileresult` in `lauxlib.c`.
 *
 * Invariant: codes Node does not name map to their message and errno as
 * Node gives them, never to an exception.
 *
 * Read next: `io.ts`, `os.ts`.
 */
import type { Value } from '../value/index.ts';

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

/** [strerror text, errno] of a Node error or an error code. */
export function strerror(e: unknown): [string, number] {
  const code = typeof e === 'string' ? e : (e as NodeJS.ErrnoException)?.code;
  const known = code !== undefined ? ERRORS[code] : undefined;
  if (known) return known;
  const err = e as NodeJS.ErrnoException;
  return [err?.message ?? String(e), err?.errno ? Math.abs(err.errno) : 0];
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
  const what = (e as NodeJS.ErrnoException)?.code === 'EISDIR' ? 'read' : 'open';
  return `cannot ${what} ${name}: ${strerror(e)[0]}`;
}
