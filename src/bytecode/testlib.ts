/**
 * # Prototype views for the official test suite's `T` library
 *
 * Responsibility: the pure part of the introspection functions that
 * PUC-Rio's internal testing library `T` offers and `code.lua` (and a few
 * other official tests) call: `T.listcode`, `T.printcode`, `T.listk`,
 * `T.listabslineinfo`, `T.listlocals`. Each takes a {@link bytecode/proto!Proto} and
 * returns plain JS data; `src/lib/testlib.ts` wraps them as Lua functions
 * on the `T` table (it owns the argument checks and the conversion to Lua
 * tables), reaching them through `src/api/introspect.ts`.
 *
 * Manual: none (`T` exists only in PUC-Rio builds with `LUA_USER_H`
 * "ltests.h"; the official suite uses it when present).
 *
 * PUC-Rio counterpart: `ltests.c` (`buildop`, `listcode`, `printcode`,
 * `listk`, `listabslineinfo`, `listlocals`).
 *
 * Invariant: the instruction text is character for character what
 * `buildop` prints, because `code.lua` finds the opcode with the pattern `"%u%w+"`
 * and compares whole lines after removing the `%b()` line prefix.
 *
 * Read next: `listing.ts` (the luac-style listing), `opcode-docs.ts`.
 */

import { OPCODES } from './opcodes.ts';
import {
  getA, getAx, getB, getBx, getC, getk, getOp, getsBx, getsJ,
} from './instruction.ts';
import type { Constant, Proto } from './proto.ts';

/** The lineinfo byte that means "the line is in abslineinfo". */
const ABSLINEINFO = -0x80;

function pad(n: number, width: number): string {
  return String(n).padStart(width);
}

/**
 * One instruction as `buildop` writes it, e.g.
 * `( 1 -    3)    2 - LOADI          0   10`: the raw lineinfo delta
 * (`__` for an absolute anchor), the line, the 0-based pc, then the opcode
 * and its operands according to the opcode's format.
 */
export function buildop(p: Proto, pc: number): string {
  const i = p.code[pc];
  const info = OPCODES[getOp(i)];
  const name = (info?.name ?? '').padEnd(12);
  const delta = pc < p.lineinfo.length ? p.lineinfo[pc] : 0;
  const prefix = (delta === ABSLINEINFO ? '(__' : `(${pad(delta, 2)}`) +
    ` - ${pad(p.lineAt(pc), 4)}) ${pad(pc, 4)} - `;
  switch (info?.format) {
    case 'iABx': return `${prefix}${name}${pad(getA(i), 4)} ${pad(getBx(i), 4)}`;
    case 'iAsBx': return `${prefix}${name}${pad(getA(i), 4)} ${pad(getsBx(i), 4)}`;
    case 'iAx': return `${prefix}${name}${pad(getAx(i), 4)}`;
    case 'isJ': return `${prefix}${name}${pad(getsJ(i), 4)}`;
    default:
      return `${prefix}${name}${pad(getA(i), 4)} ${pad(getB(i), 4)} ${pad(getC(i), 4)}` +
        (getk(i) ? ' (k)' : '');
  }
}

/**
 * `T.listcode(f)`: a table with `maxstack`, `numparams` and one string per instruction.
 *
 * @returns `maxstack`: the registers the function needs; `numparams`: its fixed
 *   parameters; `code`: one listing line per instruction.
 */
export function listcode(p: Proto): { maxstack: number; numparams: number; code: string[] } {
  const code: string[] = [];
  for (let pc = 0; pc < p.code.length; pc++) code.push(buildop(p, pc));
  return { maxstack: p.maxstacksize, numparams: p.numparams, code };
}

/** `T.printcode(f)`: the lines `printcode` writes to stdout. */
export function printcode(p: Proto): string[] {
  const { maxstack, numparams, code } = listcode(p);
  return [`maxstack: ${maxstack}`, `numparams: ${numparams}`, ...code];
}

/** `T.listk(f)`: the constants, in order (index 0 here is K[0], Lua's [1]). */
export function listk(p: Proto): Constant[] {
  return p.constants.slice();
}

/**
 * `T.listabslineinfo(f)`: the anchors flattened as pc1, line1, pc2, line2...
 * `undefined` when the function has none, where `T` raises the argument
 * error "function has no debug info" (PUC-Rio keeps no vector then).
 */
export function listabslineinfo(p: Proto): number[] | undefined {
  if (p.abslineinfo.length === 0) return undefined;
  const out: number[] = [];
  for (const { pc, line } of p.abslineinfo) out.push(pc, line);
  return out;
}

/** `T.listlocals(f, pc)`: names of the locals active at 1-based `pc`, in order. */
export function listlocals(p: Proto, pc: number): string[] {
  const names: string[] = [];
  for (let n = 1; ; n++) {
    const name = p.localName(n, pc - 1);
    if (name === undefined) return names;
    names.push(name);
  }
}
