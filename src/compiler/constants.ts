/**
 * # Constants of one function
 *
 * Responsibility: the constant table K of a prototype: adding a constant
 * once, in the order luac adds it, and loading constants into registers
 * with LOADI/LOADF (immediates), LOADK or LOADKX.
 *
 * Manual: §3.1 (numerals and strings are constants). PUC-Rio counterpart:
 * `addk`, `stringK`, `luaK_intK`, `luaK_numberK`, `boolT`, `boolF`, `nilK`,
 * `luaK_int`, `luaK_float`, `luaK_exp2K`, `str2K` of lcode.c.
 *
 * Invariant: integers and floats are distinct constants (1 and 1.0), and
 * the cache that finds earlier constants is shared by all the functions of
 * a chunk, as luac's scanner table is (see `addK`).
 *
 * Read next: `funcstate.ts`.
 */

import { OpCode } from '../bytecode/opcodes.ts';
import * as I from '../bytecode/instruction.ts';
import type { Constant } from '../bytecode/proto.ts';
import { mkfloat } from '../value/float.ts';
import { float2int } from '../value/number.ts';
import { ExpDesc, ExpKind } from './expdesc.ts';
import { CodeBuffer } from './code.ts';

/** Largest constant index usable as an RK operand. */
const MAXINDEXRK = I.MAXARG_B;

/**
 * The constant table of the function being compiled, on top of its instruction buffer: adds
 * constants without duplicates and loads numbers with the shortest instruction. `FuncState`
 * extends it.
 */
export class ConstantPool extends CodeBuffer {
  // -------------------------------------------------------------------------
  // Constants
  // -------------------------------------------------------------------------

  /**
   * Index of constant `v` in K, adding it when needed (addk). The cache that
   * finds earlier entries is shared by all the functions of the chunk, as
   * luac's scanner table is: an entry points at the index the constant got
   * in the function that used it last, so a constant used by a nested
   * function in between may be added twice to the outer one — luac does
   * exactly that, and so does lucid.
   */
  protected addK(key: string, v: Constant): number {
    const cache = this.cs.kcache;
    const k = cache.get(key);
    const ks = this.f.constants;
    if (k !== undefined && k < ks.length && sameConstant(ks[k], v)) return k;
    const n = ks.length;
    if (n > I.MAXARG_Ax) throw this.cs.syntaxError('too many constants');
    cache.set(key, n);
    ks.push(v);
    return n;
  }

  /** Index of string constant `s` in K (stringK). */
  stringK(s: string): number {
    return this.addK('s' + s, s);
  }

  /** Index of integer constant `n` in K (luaK_intK). */
  intK(n: number | bigint): number {
    return this.addK('i' + String(n), n);
  }

  /**
   * A float constant. An integral float is cached under a nearby
   * non-integral key, so that 1.0 and 1 stay two constants (luaK_numberK).
   */
  numberK(r: number): number {
    const v = mkfloat(r);
    const ik = float2int(r);
    if (ik === undefined) return this.addK(floatKey(r), v);
    const q = 2 ** -52;
    return this.addK(floatKey(ik === 0 ? q : r + r * q), v);
  }

  /** Index of true or false in K, for a boolean constant used as an RK operand (`t.x = true`) (boolT, boolF). */
  protected boolK(b: boolean): number {
    return this.addK(b ? 'T' : 'F', b);
  }

  /** Index of nil in K, for nil used as an RK operand (`t.x = nil`) (nilK). */
  protected nilK(): number {
    return this.addK('N', undefined);
  }

  /** LOADI when the integer fits sBx, else LOADK. */
  loadInt(reg: number, i: number | bigint): void {
    if (typeof i === 'number' && fitsBx(i)) this.codeAsBx(OpCode.LOADI, reg, i);
    else this.codeK(reg, this.intK(i));
  }

  /** LOADF when the float has a small integral value, else LOADK. */
  loadFloat(reg: number, f: number): void {
    const fi = float2int(f);
    if (typeof fi === 'number' && fitsBx(fi) && !Object.is(f, -0)) this.codeAsBx(OpCode.LOADF, reg, fi);
    else this.codeK(reg, this.numberK(f));
  }

  /** Is `e` a short-string constant usable as a B/C operand? (isKstr) */
  isKstr(e: ExpDesc): boolean {
    return e.k === ExpKind.VK && !e.hasJumps() && e.info <= I.MAXARG_B &&
      typeof this.f.constants[e.info] === 'string' &&
      (this.f.constants[e.info] as string).length <= 40;  // LUAI_MAXSHORTLEN
  }

  /** Turn a VKSTR into a VK (str2K). */
  str2K(e: ExpDesc): void {
    e.info = this.stringK(e.strval);
    e.k = ExpKind.VK;
  }

  /** Move a constant expression to K when its index fits an RK operand. */
  exp2K(e: ExpDesc): boolean {
    if (!e.hasJumps()) {
      let info: number;
      switch (e.k) {
        case ExpKind.VTRUE: info = this.boolK(true); break;
        case ExpKind.VFALSE: info = this.boolK(false); break;
        case ExpKind.VNIL: info = this.nilK(); break;
        case ExpKind.VKINT: info = this.intK(e.ival); break;
        case ExpKind.VKFLT: info = this.numberK(e.nval); break;
        case ExpKind.VKSTR: info = this.stringK(e.strval); break;
        case ExpKind.VK: info = e.info; break;
        default: return false;
      }
      if (info <= MAXINDEXRK) {
        e.k = ExpKind.VK;
        e.info = info;
        return true;
      }
    }
    return false;
  }

}

/** The cache key of a float, as a Lua table would normalise it. */
function floatKey(x: number): string {
  // a float key with an integral value is an integer key in a Lua table
  return Number.isInteger(x) && Math.abs(x) <= 2 ** 63 && x !== 2 ** 63 ? 'i' + BigInt(x).toString() : 'f' + String(x);
}

/** Same type and raw-equal (what addk checks before reusing an entry). */
function sameConstant(a: Constant, b: Constant): boolean {
  const af = typeof a === 'object' || (typeof a === 'number' && !Number.isSafeInteger(a));
  const bf = typeof b === 'object' || (typeof b === 'number' && !Number.isSafeInteger(b));
  if (af || bf) {
    if (!(af && bf)) return false;
    const x = typeof a === 'object' ? a!.n : a as number;
    const y = typeof b === 'object' ? b!.n : b as number;
    return x === y;
  }
  return a === b;
}

/** Does an integer fit the signed sBx operand? */
export function fitsBx(i: number): boolean {
  return -I.OFFSET_sBx <= i && i <= I.MAXARG_Bx - I.OFFSET_sBx;
}
