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
import type { GlobalState, TestWarnings } from '../object/objects.ts';

/** Send one piece of a warning; `tocont` says more pieces follow. */
export function warning(G: GlobalState, piece: string, tocont: boolean): void {
  if (G.testWarnings !== undefined) { testWarning(G, G.testWarnings, piece, tocont); return; }
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

/**
 * The warning function of PUC-Rio's test build (ltests.c), on with the `T`
 * library: control messages "@normal", "@allow" and "@store" choose what a
 * finished warning does — "store" puts it in the global `_WARN`, where
 * gc.lua and others look for it; an unexpected warning in "normal" mode
 * aborts the run. Its state (`TestWarnings`) lives on the GlobalState.
 */
export type { TestWarnings };

function testWarning(G: GlobalState, w: TestWarnings, piece: string, tocont: boolean): void {
  if (!w.continuing && !tocont && piece.charCodeAt(0) === 64 /* @ */) {
    switch (piece) {
      case '@off': w.on = false; return;
      case '@on': w.on = true; return;
      case '@normal': w.mode = 'normal'; return;
      case '@allow': w.mode = 'allow'; return;
      case '@store': w.mode = 'store'; return;
    }
    abort(G, `Invalid control warning in test mode: ${piece}`);
  }
  w.continuing = tocont;
  w.buffer += piece;
  if (tocont) return;
  const message = w.buffer;
  w.buffer = '';
  const previous = G.globals.get('_WARN');
  if (previous !== undefined && previous !== false) abort(G, `Unhandled warning in store mode: ${String(previous)}`);
  if (w.mode === 'store') { G.globals.set('_WARN', message); return; }
  if (w.mode === 'normal' && message[0] !== '#' && w.on) abort(G, `Unexpected warning in test mode: ${message}`);
  if (w.on) G.warnWrite(`Lua warning: ${message}\n`);
}

/**
 * ltests' abort: the message on stderr, and the program ends through the
 * state's platform (src/api/platform.ts; named by shape here, as this
 * module sits below the objects that module imports).
 */
function abort(G: GlobalState, message: string): never {
  G.warnWrite(`${message}\naborting...\n`);
  return (G.host as { platform: { exit(status: number): never } }).platform.exit(1);
}
