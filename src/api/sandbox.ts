/**
 * # The sandbox preset: a state that cannot reach the host
 *
 * Responsibility: what `new LuaState({ sandbox: true })` opens and takes
 * away. A sandboxed state has the pure libraries (base, coroutine, math,
 * string, table, utf8) and the harmless clock functions of `os`; it has
 * no way to read or write files, run commands, read the environment,
 * leave the process, load binary chunks or reach the debug library.
 *
 * Manual: §6 (the standard libraries: "a host program may open only the
 * libraries it wants"), §6.1 (load's `mode`), §8 (binary chunks can crash
 * the interpreter: PUC-Rio warns that "maliciously crafted binary chunks"
 * must not be loaded). PUC-Rio counterpart: none; a C host builds its own
 * sandbox by hand from `linit.c`'s list.
 *
 * Invariant: the preset removes; it never adds. What remains is listed in
 * `SANDBOX_LIBRARIES` and `SANDBOX_OS`; docs/embedding.md ("Errors,
 * limits and the sandbox") states the security model these implement.
 *
 * Read next: src/api/libraries.ts (how libraries open), src/lib/init.ts
 * (the full list), src/lib/base.ts (`load`).
 */
import { LuaNative, type LuaThread, type NativeGen } from '../object/objects.ts';
import { LuaTable } from '../value/index.ts';
import { toLuaString } from './interop.ts';
import type { Library } from './libraries.ts';
import type { LuaState } from './state.ts';

/** The libraries a sandboxed state opens ('_G' is the basic library). */
export const SANDBOX_LIBRARIES: readonly string[] = ['_G', 'coroutine', 'math', 'string', 'table', 'utf8', 'os'];

/** The `os` functions that only read the clock: they stay. */
const SANDBOX_OS: readonly string[] = ['time', 'clock', 'date', 'difftime'];

/** Basic functions that read files: they go. */
const FILE_FUNCTIONS: readonly string[] = ['dofile', 'loadfile'];

/** The libraries of `list` a sandbox keeps, in their order. */
export function sandboxLibraries(list: readonly Library[]): Library[] {
  return list.filter((lib) => SANDBOX_LIBRARIES.includes(lib.name));
}

/**
 * Take away what the sandbox forbids from the opened libraries: the file
 * functions, every `os` function but the clock's, and binary chunks from
 * `load` (its mode is forced to 't').
 */
export function applySandbox(state: LuaState): void {
  const G = state.globals;
  for (const name of FILE_FUNCTIONS) G.set(toLuaString(name), undefined);
  const os = G.get('os');
  if (os instanceof LuaTable) {
    const safe = new LuaTable(state.global.heap);
    for (const name of SANDBOX_OS) safe.set(name, os.get(name));
    G.set('os', safe);
  }
  const load = G.get('load');
  if (load instanceof LuaNative && load.isGenerator) G.set('load', textOnly(load));
}

/** `load` with its third argument (the mode) always 't'. */
function textOnly(load: LuaNative): LuaNative {
  const inner = load.fn as NativeGen;
  return new LuaNative('load', function* (L: LuaThread, base: number, nargs: number) {
    const n = nargs < 3 ? 3 : nargs;
    L.ensure(base + n + 1);
    for (let i = nargs; i < n; i++) L.stack[base + i] = undefined;
    L.stack[base + 2] = 't';
    if (L.top < base + n) L.top = base + n;
    return yield* inner(L, base, n);
  } as NativeGen, true);
}
