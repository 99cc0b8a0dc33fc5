/**
 * # Warnings
 *
 * Responsibility: Lua's warning channel (§2.5.3 errors in finalizers, the
 * `warn` function of §6.1): pieces of a message are written to the
 * warning sink as they come, the first one after "Lua warning: ", the last
 * one followed by a newline; a one-piece message starting with '@' is a
 * control message ("@on", "@off"; others are ignored).
 *
 * Manual: §6.1 (`warn`), §4.6 (`lua_warning`). PUC-Rio counterpart: the
 * three warning functions of `lauxlib.c` (off / on / continuing).
 *
 * Invariant: warnings start off, as in a state made by luaL_newstate
 * (`lucid -W` turns them on).
 *
 * Read next: `src/gc/finalize.ts` (errors in `__gc` become warnings).
 */
import type { GlobalState } from './objects.ts';

/** Send one piece of a warning; `tocont` says more pieces follow. */
export function warning(G: GlobalState, piece: string, tocont: boolean): void {
  if (!G.warnContinuing && !tocont && piece.charCodeAt(0) === 64 /* @ */) {
    if (piece === '@off') G.warnOn = false;
    else if (piece === '@on') G.warnOn = true;
    return;
  }
  if (!G.warnOn) return;
  if (!G.warnContinuing) G.warnWrite('Lua warning: ');
  G.warnWrite(piece);
  G.warnContinuing = tocont;
  if (!tocont) G.warnWrite('\n');
}
