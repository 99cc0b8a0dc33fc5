/**
 * # Version facts
 *
 * Responsibility: every fact that names a version — of lucid and of the Lua
 * language it implements — in one place, so that a later switch (Lua 5.5 is
 * planned as an option, docs/design.md §1) starts here.
 *
 * Manual: §6.1 (`_VERSION`); PUC-Rio counterpart: `lua.h` (LUA_VERSION,
 * LUA_RELEASE, LUA_COPYRIGHT).
 *
 * Read next: `src/cli/lucid.ts` (prints these with `-v`).
 */

/** The language version lucid implements, as `_VERSION` reports it. */
export const LUA_VERSION = 'Lua 5.4';

/** The PUC-Rio release whose behaviour and test suite lucid follows. */
export const LUA_RELEASE = 'Lua 5.4.8';

/** lucid's own version (kept equal to package.json's). */
export const LUCID_RELEASE = '0.1.0';

/** The line `lucid -v` and `lucidc -v` print, in lua's layout. */
export const LUCID_VERSION = `lucid ${LUCID_RELEASE} (${LUA_RELEASE})`;

/** The copyright line printed after the version (`lucid -v`, the REPL's banner). */
export const LUA_COPYRIGHT =
  'Copyright (C) 2026 the lucid authors; Lua (C) 1994-2025 Lua.org, PUC-Rio';
