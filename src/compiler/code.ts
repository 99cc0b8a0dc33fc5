/**
 * # The instruction buffer of one function
 *
 * Responsibility: appending instructions to a prototype with their line
 * information, and the jump lists that thread through JMP instructions.
 * The base of the code generator (`FuncState`), which adds registers,
 * constants and expression descriptors on top.
 *
 * Manual: none (bytecode). PUC-Rio counterpart: `luaK_code`,
 * `savelineinfo`, `luaK_fixline`, `luaK_nil`, and the jump functions
 * (`luaK_jump`, `luaK_concat`, `luaK_patchlist`, `patchtestreg`...) of
 * lcode.c.
 *
 * Invariants:
 * - A jump list is threaded through the sJ fields of its JMP instructions;
 *   `NO_JUMP` ends it.
 * - Every instruction is stamped with the compiler's `lastLine` when it is
 *   emitted (PUC-Rio's `ls->lastline`), later corrected by `fixLine`;
 *   `lineinfo`/`abslineinfo` are encoded as lcode.c does (a delta per
 *   instruction, an absolute entry every MAXIWTHABS instructions or when a
 *   delta does not fit a signed byte).
 * - No optimisation (LOADNIL merging) looks back across a jump target
 *   (`lasttarget`).
 *
 * Read next: `constants.ts`, then `funcstate.ts`.
 */

import { OpCode, OPCODES } from '../bytecode/opcodes.ts';
import * as I from '../bytecode/instruction.ts';
import { Proto } from '../bytecode/proto.ts';
import { NO_JUMP } from './expdesc.ts';
import type { CompileState } from './scope.ts';

/** Instructions with relative line info between two absolute entries. */
const MAXIWTHABS = 128;
const LIMLINEDIFF = 0x80;
const ABSLINEINFO = -0x80;
/** "No register" for TESTSET patching: turn it into a TEST. */
export const NO_REG = I.MAXARG_A;

/**
 * The instruction buffer of one function being compiled: emits instructions with their line
 * information and manages jump lists. `FuncState` builds on it (through `ConstantPool`).
 */
export class CodeBuffer {
  /**
   * The prototype being filled; `code` and `lineinfo` are copied into it when the function is
   * closed.
   */
  readonly f = new Proto();
  /**
   * The instructions emitted so far (a growable array; packed into the prototype's
   * `Uint32Array` at the end).
   */
  readonly code: number[] = [];
  /**
   * Line delta of each instruction from the one before, or ABSLINEINFO when `f.abslineinfo`
   * holds its line.
   */
  readonly lineinfo: number[] = [];
  /** pc of the last jump target. */
  lasttarget = 0;
  /** Line of the last instruction (for the next delta). */
  previousline: number;
  /** Instructions since the last absolute line entry. */
  iwthabs = 0;

  /**
   * @param cs - The compilation this function belongs to (chunk name, current line, errors).
   * @param linedefined - The line where the function starts (0 for the main chunk).
   */
  constructor(readonly cs: CompileState, linedefined: number) {
    this.f.linedefined = linedefined;
    this.f.source = cs.chunkname;
    this.previousline = linedefined;
  }

  /** The pc the next instruction will get (PUC-Rio's `fs->pc`). */
  get pc(): number { return this.code.length; }

  // -------------------------------------------------------------------------
  // Emitting instructions and line information
  // -------------------------------------------------------------------------

  /**
   * Record the line of the instruction just emitted: a delta, or an absolute entry when the
   * delta does not fit a byte or too many deltas were stored in a row (savelineinfo).
   */
  protected saveLineInfo(line: number): void {
    let linedif = line - this.previousline;
    const pc = this.code.length - 1;
    if (Math.abs(linedif) >= LIMLINEDIFF || this.iwthabs++ >= MAXIWTHABS) {
      this.f.abslineinfo.push({ pc, line });
      linedif = ABSLINEINFO;
      this.iwthabs = 1;
    }
    this.lineinfo[pc] = linedif;
    this.previousline = line;
  }

  /**
   * Undo `saveLineInfo` for the last instruction, so it can be removed or re-stamped
   * (removelastlineinfo).
   */
  protected removeLastLineInfo(): void {
    const pc = this.code.length - 1;
    if (this.lineinfo[pc] !== ABSLINEINFO) {
      this.previousline -= this.lineinfo[pc];
      this.iwthabs--;
    } else {
      this.f.abslineinfo.pop();
      this.iwthabs = MAXIWTHABS + 1;  // the next one must be absolute too
    }
  }

  /** Drop the last instruction and its line (an optimisation replaced it). */
  removeLastInstruction(): void {
    this.removeLastLineInfo();
    this.code.pop();
    this.lineinfo.pop();
  }

  /** Emit an instruction stamped with the current last line. */
  emit(i: number): number {
    this.code.push(i);
    this.saveLineInfo(this.cs.lastLine);
    return this.code.length - 1;
  }

  /** Give the last instruction the line `line` instead (luaK_fixline). */
  fixLine(line: number): void {
    this.removeLastLineInfo();
    this.saveLineInfo(line);
  }

  /** Emit an iABC instruction with the k flag. */
  codeABCk(o: OpCode, a: number, b: number, c: number, k: number): number {
    return this.emit(I.createABCk(o, a, b, c, k));
  }
  /** Emit an iABC instruction with k = 0. */
  codeABC(o: OpCode, a: number, b: number, c: number): number {
    return this.emit(I.createABCk(o, a, b, c, 0));
  }
  /** Emit an iABx instruction (LOADK, CLOSURE, loop jumps). */
  codeABx(o: OpCode, a: number, bx: number): number {
    return this.emit(I.createABx(o, a, bx));
  }
  /** Emit an iAsBx instruction with a signed sBx (LOADI, LOADF). */
  codeAsBx(o: OpCode, a: number, sbx: number): number {
    return this.emit(I.createAsBx(o, a, sbx));
  }
  /** Emit the EXTRAARG that carries a large argument of the instruction before it. */
  codeExtraArg(a: number): number {
    return this.emit(I.createAx(OpCode.EXTRAARG, a));
  }

  /** LOADK, or LOADKX + EXTRAARG for a constant index beyond Bx. */
  codeK(reg: number, k: number): number {
    if (k <= I.MAXARG_Bx) return this.codeABx(OpCode.LOADK, reg, k);
    const p = this.codeABx(OpCode.LOADKX, reg, 0);
    this.codeExtraArg(k);
    return p;
  }

  /** The previous instruction, unless a jump target lies in between. */
  protected previousInstruction(): number | undefined {
    return this.pc > this.lasttarget ? this.code[this.pc - 1] : undefined;
  }

  /** LOADNIL for `n` registers from `from`, merged into a previous LOADNIL. */
  nil(from: number, n: number): void {
    let l = from + n - 1;
    const prev = this.previousInstruction();
    if (prev !== undefined && I.getOp(prev) === OpCode.LOADNIL) {
      let pfrom = I.getA(prev);
      const pl = pfrom + I.getB(prev);
      if ((pfrom <= from && from <= pl + 1) || (from <= pfrom && pfrom <= l + 1)) {
        if (pfrom < from) from = pfrom;
        if (pl > l) l = pl;
        pfrom = from;
        this.code[this.pc - 1] = I.setB(I.setA(prev, from), l - from);
        return;
      }
    }
    this.codeABC(OpCode.LOADNIL, from, n - 1, 0);
  }

  // -------------------------------------------------------------------------
  // Jumps and jump lists
  // -------------------------------------------------------------------------

  /**
   * The destination of the jump at `pc`, or NO_JUMP at the end of a list (a jump list links
   * through the offsets).
   */
  protected getJump(pc: number): number {
    const offset = I.getsJ(this.code[pc]);
    return offset === NO_JUMP ? NO_JUMP : pc + 1 + offset;
  }

  /**
   * Point the jump at `pc` to `dest`; raises "control structure too long" when the offset does
   * not fit sJ.
   */
  fixJump(pc: number, dest: number): void {
    const offset = dest - (pc + 1);
    if (!(-I.OFFSET_sJ <= offset && offset <= I.MAXARG_sJ - I.OFFSET_sJ)) {
      throw this.cs.syntaxError('control structure too long');
    }
    this.code[pc] = I.setsJ(this.code[pc], offset);
  }

  /** Append list `l2` to the list whose head is returned (luaK_concat). */
  concat(l1: number, l2: number): number {
    if (l2 === NO_JUMP) return l1;
    if (l1 === NO_JUMP) return l2;
    let list = l1;
    let next: number;
    while ((next = this.getJump(list)) !== NO_JUMP) list = next;
    this.fixJump(list, l2);
    return l1;
  }

  /** Emit a JMP with no target yet and return its pc, the head of a one-element jump list. */
  jump(): number {
    return this.emit(I.createsJ(OpCode.JMP, NO_JUMP));
  }

  /**
   * Emit the return of `nret` values from register `first`, using RETURN0/RETURN1 when they
   * fit.
   */
  ret(first: number, nret: number): void {
    const op = nret === 0 ? OpCode.RETURN0 : nret === 1 ? OpCode.RETURN1 : OpCode.RETURN;
    this.codeABC(op, first, nret + 1, 0);
  }

  /** Emit a test instruction followed by its JMP; returns the JMP's pc, to be patched later. */
  protected condJump(op: OpCode, a: number, b: number, c: number, k: number): number {
    this.codeABCk(op, a, b, c, k);
    return this.jump();
  }

  /** Mark the current pc as a jump target and return it. */
  getLabel(): number {
    this.lasttarget = this.pc;
    return this.pc;
  }

  /**
   * The instruction that controls the jump at `pc`: the test before it, if there is one, else
   * the jump itself.
   */
  protected getJumpControl(pc: number): number {
    if (pc >= 1 && OPCODES[I.getOp(this.code[pc - 1])].isTest) return pc - 1;
    return pc;
  }

  /**
   * If the jump at `node` is controlled by a TESTSET, make it store into `reg`, or turn it
   * into a TEST when no value is needed (NO_REG). Returns false when there is no TESTSET.
   */
  protected patchTestReg(node: number, reg: number): boolean {
    const at = this.getJumpControl(node);
    const i = this.code[at];
    if (I.getOp(i) !== OpCode.TESTSET) return false;
    if (reg !== NO_REG && reg !== I.getB(i)) {
      this.code[at] = I.setA(i, reg);
    } else {
      this.code[at] = I.createABCk(OpCode.TEST, I.getB(i), 0, 0, I.getk(i));
    }
    return true;
  }

  /** Turn every TESTSET of a jump list into a TEST: the list's values are not needed. */
  protected removeValues(list: number): void {
    for (; list !== NO_JUMP; list = this.getJump(list)) this.patchTestReg(list, NO_REG);
  }

  /**
   * Patch every jump of `list`: those whose TESTSET produces a value go to `vtarget` and store
   * into `reg`, the others go to `dtarget`.
   */
  protected patchListAux(list: number, vtarget: number, reg: number, dtarget: number): void {
    while (list !== NO_JUMP) {
      const next = this.getJump(list);
      if (this.patchTestReg(list, reg)) this.fixJump(list, vtarget);
      else this.fixJump(list, dtarget);
      list = next;
    }
  }

  /** Make every jump of `list` go to `target` (luaK_patchlist). */
  patchList(list: number, target: number): void {
    this.patchListAux(list, target, NO_REG, target);
  }

  /**
   * Make every jump of `list` go to the next instruction, which becomes a jump target
   * (luaK_patchtohere).
   */
  patchToHere(list: number): void {
    this.patchList(list, this.getLabel());
  }


  /** The final jumps of a function go straight to their final target (luaK_finish). */
  protected finalTarget(i: number): number {
    return finalTarget(this.code, i);
  }
}

function finalTarget(code: number[], i: number): number {
  for (let count = 0; count < 100; count++) {
    const pc = code[i];
    if (I.getOp(pc) !== OpCode.JMP) break;
    i += I.getsJ(pc) + 1;
  }
  return i;
}
