/**
 * # What every exercise spec needs
 *
 * Responsibility: the two ways an exercise's spec looks at the machine —
 * run a chunk and take what it printed (`run`), or compile a chunk and take
 * its `luac -l` listing (`list`) — written once for all the exercises.
 * scripts/exercises.mjs copies this file with each exercise into the
 * scratch repository where it proves the exercise.
 *
 * Manual: none (tooling). PUC-Rio counterpart: none.
 *
 * Invariant: each call builds a fresh `LuaState` (or compiles afresh), so
 * the specs share nothing.
 *
 * Read next: exercises/README.md, scripts/exercises.mjs.
 */
import { LuaState } from '../src/index.ts';
import { parse } from '../src/parser/index.ts';
import { compile } from '../src/compiler/index.ts';
import { listing } from '../src/bytecode/listing.ts';

/**
 * What a chunk (named `ex`) prints; its errors propagate as `LuaError`s.
 * `testlib` installs the testing library `T` (as `LUCID_TESTLIB=1` does),
 * for the collector exercises.
 */
export function run(code: string, options: { testlib?: boolean } = {}): string {
  let out = '';
  if (options.testlib) process.env.LUCID_TESTLIB = '1';
  const L = new LuaState({ write: (s) => { out += s; } });
  L.doString(code, '=ex');
  return out;
}

/** The chunk's listing as `luac -l` prints it (`luac -l -l` when `full`), without the leading blank line. */
export function list(code: string, full = false): string {
  return listing(compile(parse(code, '=ex')), full).replace(/^\n/, '');
}
