/**
 * # Errors raised by the library cores
 *
 * Responsibility: the one exception class the computational cores of the
 * standard library (patterns, `string.format`, `string.pack`, `os.date`,
 * `utf8`) throw. It carries the exact message PUC-Rio's library would
 * raise, without any `chunk:line:` position or "bad argument" prefix: the
 * library layer that calls a core adds those, as `luaL_error` and
 * `luaL_argerror` do in PUC-Rio.
 *
 * Manual: §6 (the standard library), §4.6 (`luaL_error`, `luaL_argerror`).
 *
 * PUC-Rio counterpart: the `luaL_error`/`luaL_argerror` calls scattered
 * through lstrlib.c, loslib.c and lutf8lib.c.
 *
 * Invariant: `message` is the bare Lua message; `argument` is set exactly
 * when PUC-Rio reports the error through `luaL_argerror` (so the layer must
 * prefix "bad argument #n to 'name' (" ... ")"), and then it is the 1-based
 * Lua argument index.
 *
 * Read next: `pattern/matcher.ts`, the first core that throws it.
 */

export class LibError extends Error {
  /** The 1-based argument index for an argument error, else undefined. */
  readonly argument: number | undefined;

  constructor(message: string, argument?: number) {
    super(message);
    this.name = 'LibError';
    this.argument = argument;
  }
}
