/**
 * # The `T` testing library (compiler part)
 *
 * Responsibility: the functions of PUC-Rio's internal testing library that
 * the official test suite uses to look inside compiled code —
 * `T.listcode(f)`, `T.listk(f)`, `T.listabslineinfo(f)`, `T.listlocals(f, pc)`
 * — so that `code.lua` runs its real checks instead of skipping them.
 *
 * Manual: none; this is PUC-Rio's ltests.c, which only exists in test
 * builds. Like there, it is off by default: set the environment variable
 * `LUCID_TESTLIB=1` (the conformance runner does it for code.lua) to get a
 * global `T`.
 *
 * Invariant: every function reads the prototype only; the text of each
 * instruction comes from src/bytecode/testlib.ts, which follows ltests.c's
 * `buildop` layout.
 *
 * Read next: src/bytecode/testlib.ts; the official suite's code.lua uses it.
 */
import { addLibrary, native, type LuaState } from '../api/state.ts';
import { addGcTestFunctions } from '../api/introspect.ts';
import type { LuaThread } from '../object/objects.ts';
import { LuaClosure } from '../object/objects.ts';
import { arg, argError, checkInteger } from '../api/auxlib.ts';
import { LuaTable } from '../value/index.ts';
import { listcode, listk, listabslineinfo, listlocals } from '../bytecode/testlib.ts';
import type { Proto } from '../bytecode/proto.ts';

function protoOf(L: LuaThread, base: number, nargs: number): Proto {
  const f = arg(L, base, nargs, 1);
  if (!(f instanceof LuaClosure)) argError(L, 1, 'Lua function expected');
  return f.proto;
}

function sequence(values: unknown[]): LuaTable {
  const t = new LuaTable();
  values.forEach((v, i) => t.setInt(i + 1, v as never));
  return t;
}

function tListcode(L: LuaThread, base: number, nargs: number): number {
  const r = listcode(protoOf(L, base, nargs));
  const t = sequence(r.code);
  t.set('maxstack', r.maxstack);
  t.set('numparams', r.numparams);
  L.push(t);
  return 1;
}

function tListk(L: LuaThread, base: number, nargs: number): number {
  L.push(sequence(listk(protoOf(L, base, nargs))));
  return 1;
}

function tListabslineinfo(L: LuaThread, base: number, nargs: number): number {
  const r = listabslineinfo(protoOf(L, base, nargs));
  if (r === undefined) argError(L, 1, 'function has no debug info');
  L.push(sequence(r));
  return 1;
}

function tListlocals(L: LuaThread, base: number, nargs: number): number {
  const p = protoOf(L, base, nargs);
  const pc = Number(checkInteger(L, base, nargs, 2));
  const names = listlocals(p, pc);
  for (const n of names) L.push(n);
  return names.length;
}

/** Install `T` when LUCID_TESTLIB is set. */
export function openTestLib(state: LuaState): void {
  if (!process.env.LUCID_TESTLIB) return;
  const T = new LuaTable();
  T.set('listcode', native('listcode', tListcode));
  T.set('listk', native('listk', tListk));
  T.set('listabslineinfo', native('listabslineinfo', tListabslineinfo));
  T.set('listlocals', native('listlocals', tListlocals));
  addGcTestFunctions(T);
  state.global.heap.eager = true;   // every object on the list, so T.totalmem can count them
  state.global.testWarnings = { on: false, mode: 'normal', buffer: '', continuing: false };
  state.globals.set('T', T);
}
