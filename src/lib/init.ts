/**
 * # The standard libraries, in the order a state opens them
 *
 * Responsibility: the one list of lucid's standard libraries. A state
 * opens the libraries it is given, in order (`LuaStateOptions.libraries`,
 * src/api/libraries.ts); the package's `LuaState` (src/index.ts) gives it
 * this list. Importing a library module registers nothing: a library
 * exists for a state only by being on its list.
 *
 * Manual: §6 (standard libraries; luaL_openlibs). PUC-Rio counterpart:
 * `linit.c` (loadedlibs).
 *
 * Invariant: `package` comes last: its opener fills `package.loaded` from
 * the libraries already open. `T` (the internal test library,
 * src/lib/testlib.ts) opens only when LUCID_TESTLIB asks for it.
 *
 * Read next: src/api/libraries.ts, src/lib/base.ts.
 */
import type { Library } from '../api/libraries.ts';
import { openBase } from './base.ts';
import { openCoroutine } from './coroutine.ts';
import { openDebug } from './debug.ts';
import { openMath } from './math.ts';
import { openString } from './string.ts';
import { openTable } from './table.ts';
import { openUtf8 } from './utf8.ts';
import { openOs } from './os.ts';
import { openIo } from './io.ts';
import { openTestLib } from './testlib.ts';
import { openPackage } from './package.ts';

/**
 * Every library a state can open, in the order it opens them (base first), each
 * with the name it gets in `_G` and `package.loaded`; `libs` selects among them
 * by name. `T` is the test library: its opener does nothing unless `LUCID_TESTLIB` is set.
 */
export const standardLibraries: readonly Library[] = [
  { name: '_G', open: openBase },
  { name: 'coroutine', open: openCoroutine },
  { name: 'debug', open: openDebug },
  { name: 'math', open: openMath },
  { name: 'string', open: openString },
  { name: 'table', open: openTable },
  { name: 'utf8', open: openUtf8 },
  { name: 'os', open: openOs },
  { name: 'io', open: openIo },
  { name: 'T', open: openTestLib },
  { name: 'package', open: openPackage },
];
