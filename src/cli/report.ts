/**
 * # Reporting errors as lua.c does
 *
 * Responsibility: the program name and the text of an uncaught error —
 * a string as it is, a number as text, a table with `__tostring` through
 * it, anything else "(error object is a X value)" — printed on stderr as
 * "lucid: message".
 *
 * Manual: §7. PUC-Rio counterpart: `msghandler`, `l_message`, `report`
 * in `lua.c`.
 *
 * Invariant: stdout is flushed before anything goes to stderr.
 *
 * Read next: `lucid.ts`.
 */
import { LuaState, LuaTable, LuaError, tostringMeta } from '../index.ts';
import { cString } from '../value/index.ts';
import { typeName } from '../vm/meta.ts';
import { writeError } from './output.ts';

/** The program name that prefixes the CLI's messages ("lucid: ..."), as lua.c's progname does. */
export const PROGNAME = 'lucid';

/** The text of an error value, as lua.c's msghandler makes it. */
export function errorText(state: LuaState, e: unknown): string {
  if (!(e instanceof LuaError)) return `internal error: ${(e as Error)?.stack ?? String(e)}`;
  const v = e.value;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  try {
    if ((v instanceof LuaTable) && v.metatable?.getStr('__tostring') !== undefined) return tostringMeta(state.L, v);
  } catch { /* fall through */ }
  return `(error object is a ${typeName(undefined, v)} value)`;
}

/**
 * Print "lucid: message" on stderr (l_message). lua.c prints the message
 * as a C string, so a NUL inside it ends it: `error("ab\0cd")` shows "ab"
 * (the traceback, after the message, goes with the rest).
 */
export function report(state: LuaState, e: unknown): void {
  writeError(state.platform, `${PROGNAME}: ${cString(errorText(state, e))}\n`);
}
