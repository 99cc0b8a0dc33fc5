/**
 * # Opening libraries
 *
 * Responsibility: how a library gets into a state: `requiref` opens one
 * (its table becomes a global and an entry of `package.loaded`), and
 * `openLibraries` opens an ordered list, or only the entries a sandbox
 * names (`LuaStateOptions.libs`). Nothing here knows which libraries
 * exist: the standard list is `src/lib/init.ts` (linit.c); a host adds
 * its own by putting it in `LuaStateOptions.libraries` or by calling
 * `LuaState.openLibrary`.
 *
 * Manual: §6 (standard libraries: luaL_openlibs, luaL_requiref), §6.3
 * (package.loaded). PUC-Rio counterpart: `luaL_requiref` and
 * `luaL_getsubtable` in `lauxlib.c`, `luaL_openlibs` in `linit.c`.
 *
 * Invariant: a library is opened at most once per state: its entry in the
 * loaded table (the registry's `_LOADED`, which becomes `package.loaded`)
 * says it is there.
 *
 * ```ts
 * const json: Library = { name: 'json', open: (state) => newlib(state.L, { encode, decode }) };
 * const lua = new LuaState({ libraries: [...standardLibraries, json] });
 * ```
 *
 * Read next: `src/lib/init.ts` (the standard list), `state.ts`.
 */
import type { LuaState } from './state.ts';
import type { GlobalState } from '../object/objects.ts';
import { LuaTable, type Value } from '../value/index.ts';

/**
 * Opens a library in a state (a luaopen_* function): returns the library's
 * table, or nothing when it installs itself in the global table.
 */
export type LibOpener = (state: LuaState) => LuaTable | void;

/** One library of a state's list. */
export interface Library {
  /**
   * Its name: the global its table goes to and its key in
   * `package.loaded`; '_G' for the basic library (which `libs` also
   * accepts as 'base').
   */
  readonly name: string;
  /**
   * Builds the library in a state and returns its table (luaopen_xxx); `requiref` stores the
   * table in `package.loaded` and, for a global library, in `_G`.
   */
  readonly open: LibOpener;
}

/** The registry's `_LOADED` table (package.loaded), made on first use (luaL_getsubtable). */
export function loadedTable(G: GlobalState): LuaTable {
  const t = G.registry.get('_LOADED');
  if (t instanceof LuaTable) return t;
  const loaded = new LuaTable(G.heap);
  G.registry.set('_LOADED', loaded);
  return loaded;
}

/**
 * `luaL_requiref`: open `lib` unless the loaded table already has it. The
 * table its opener returns becomes global `name` (unless `global` is false)
 * and `package.loaded[name]`; an opener that installs itself is looked up
 * as global `name`. Returns the library's value (undefined if it installed
 * nothing).
 */
export function requiref(state: LuaState, lib: Library, global = true): Value {
  const G = state.global;
  const loaded = loadedTable(G);
  const old = loaded.get(lib.name);
  if (old !== undefined && old !== false) return old;
  const t = lib.open(state);
  if (t !== undefined && global) G.globals.set(lib.name, t);
  const m = t ?? G.globals.get(lib.name);
  // the table package opens replaces the loaded table: look it up again
  if (m !== undefined && lib.name !== '') loadedTable(G).set(lib.name, m);
  return m;
}

/**
 * `luaL_openlibs` over a list: open `libraries` in order; with `only`,
 * just the ones it names ('base' standing for '_G').
 */
export function openLibraries(state: LuaState, libraries: readonly Library[], only?: readonly string[]): void {
  const keep = only === undefined ? undefined : new Set(only);
  for (const lib of libraries) {
    if (keep === undefined || keep.has(lib.name) || (lib.name === '_G' && keep.has('base'))) requiref(state, lib);
  }
}
