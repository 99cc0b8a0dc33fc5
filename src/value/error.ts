/**
 * # Lua errors as JavaScript exceptions
 *
 * Responsibility: the one exception class that carries a Lua error through
 * JavaScript (docs/design.md §6), and the conversion of every other JS exception
 * into one, so that nothing else ever reaches a Lua program or the host.
 *
 * Manual: §2.3 (error handling), §4.4 (error status codes).
 *
 * PUC-Rio counterpart: `luaD_throw` and the `lua_longjmp` chain (ldo.c);
 * `luaG_runerror` (ldebug.c) for errors raised by the machine itself.
 *
 * Invariants:
 * - `value` is the Lua error value, of any type.
 * - A runtime error raised by a helper that does not know where it runs
 *   (arithmetic, table keys) has `needsPosition`; the VM adds
 *   `chunk:line:` of the running instruction the first time it sees it, as
 *   `luaG_runerror` would have, and clears the flag.
 *
 * Read next: `src/vm/errors.ts` (positions and variable descriptions).
 */

import type { LuaValue } from './types.ts';

/**
 * A Lua error as a JS exception: what `error()` raises and what `pcall` catches. It carries any Lua
 * value, not only a message, and every failure of the interpreter (runtime, syntax, memory) travels as
 * one, so no bare JS exception escapes to the host.
 */
export class LuaError extends Error {
  /** The Lua error value (any type). */
  value: LuaValue;
  /** A string message still lacks its `chunk:line:` prefix. */
  needsPosition: boolean;
  /** A traceback captured where the error was raised, when one was asked for. */
  traceback: string | undefined;
  /** An xpcall's message handler has seen this error already (src/vm/call.ts, callHandler). */
  handled: boolean;

  constructor(value: LuaValue, needsPosition = false) {
    super(typeof value === 'string' ? value : 'Lua error');
    this.name = 'LuaError';
    this.value = value;
    this.needsPosition = needsPosition;
    this.traceback = undefined;
    this.handled = false;
  }

  /** An error raised by the machine: the VM will prefix the position. */
  static runtime(message: string): LuaError {
    return new LuaError(message, true);
  }
}

/**
 * The message of a memory error (PUC-Rio's MEMERRMSG). It stands for the
 * status LUA_ERRMEM wherever a caught error's status is asked for.
 */
export const MEMERRMSG = 'not enough memory';

/**
 * Any JS exception as a LuaError: a RangeError from a huge allocation
 * becomes Lua's "not enough memory"; one from the JS stack becomes a stack
 * overflow; anything else is a bug in lucid, reported as such.
 */
export function asLuaError(e: unknown): LuaError {
  if (e instanceof LuaError) return e;
  if (e instanceof RangeError) {
    if (/call stack/i.test(e.message)) return new LuaError('stack overflow (JavaScript stack exhausted)', true);
    return new LuaError(MEMERRMSG);
  }
  const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return new LuaError(`internal error in lucid: ${msg}`, true);
}
