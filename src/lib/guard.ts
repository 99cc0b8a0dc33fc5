/**
 * # From a core's LibError to Lua's error
 *
 * Responsibility: the one bridge between the pure computational cores
 * (patterns, format, pack, utf8, dates), which report problems with a
 * `LibError`, and the library layer, which must raise PUC-Rio's messages:
 * "bad argument #n to 'f' (msg)" when the error names an argument, the
 * message as is otherwise.
 *
 * Manual: §6 (argument errors, luaL_argerror). PUC-Rio counterpart: the
 * luaL_argcheck/luaL_error calls inside lstrlib.c, lutf8lib.c, loslib.c.
 *
 * Invariant: the cores never import the api; only this module and the
 * library layer do.
 *
 * Read next: src/lib/lib-error.ts, src/api/auxlib.ts.
 */
import type { LuaThread } from '../api/lua.ts';
import { argError, luaError } from '../api/auxlib.ts';
import { LibError } from './lib-error.ts';

/** Run a core; turn its LibError into the Lua error PUC-Rio raises. */
export function guard<T>(L: LuaThread, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof LibError) {
      if (e.argument !== undefined) argError(L, e.argument, e.message);
      luaError(L, e.message);
    }
    throw e;
  }
}
