/**
 * # Guarding the host boundary: bad arguments and host exceptions
 *
 * Responsibility: the two ways a JS mistake could otherwise leave the API
 * as something other than a `LuaError`. `checkArg` rejects a wrong JS
 * argument to a `LuaState` method (`doString(undefined)`, `register(123,
 * fn)`) with a message in luaL_argerror's shape; `hostError` turns an
 * exception thrown by a registered JS function into a Lua error that
 * names the function, keeps the JS error as `cause` and carries a Lua
 * traceback taken where the function was called.
 *
 * Manual: §4.4 (C functions raise errors with lua_error), §4.6
 * (lua_error), §5 (luaL_argerror's message). PUC-Rio counterpart:
 * `lauxlib.c` (luaL_argerror, luaL_typeerror); in C, a bad argument to
 * the API is undefined behaviour, which a JS host cannot be allowed.
 *
 * Invariant: a LuaError passes through unchanged (a host function may
 * raise a Lua error on purpose); anything else becomes one.
 *
 * Read next: src/api/state.ts (the methods that call these),
 * src/vm/traceback.ts.
 */
import { LuaError } from '../value/index.ts';
import type { LuaThread } from '../object/objects.ts';
import { traceback } from '../vm/traceback.ts';
import { libWhere } from '../vm/errors.ts';
import { toLuaString } from './interop.ts';

/** A JS value's kind, as a message names it. */
function jsKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Uint8Array) return 'Uint8Array';
  return typeof v;
}

/**
 * Throw "bad argument #n to 'method' (expected expected, got kind)" unless
 * `ok` holds for `v`.
 */
export function checkArg(method: string, n: number, v: unknown, expected: string, ok: boolean): void {
  if (!ok) throw new LuaError(`bad argument #${n} to '${method}' (${expected} expected, got ${jsKind(v)})`);
}

/** The LuaError for exception `e` thrown by the host function `name`, called on thread `L`. */
export function hostError(L: LuaThread, name: string, e: unknown): LuaError {
  if (e instanceof LuaError) return e;
  // the JS error's text becomes a Lua string: UTF-8 bytes, as every JS text that enters Lua
  const detail = toLuaString(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  // the position is the Lua code that called the function: the frame below the native's own
  const caller = L.depth >= 1 ? L.frames[L.depth - 1] : undefined;
  const err = new LuaError(`${libWhere(caller)}error in host function '${name}': ${detail}`);
  (err as Error & { cause?: unknown }).cause = e;
  err.traceback = traceback(L, err.message, 1);
  return err;
}
