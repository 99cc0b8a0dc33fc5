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

export class CodeBuffer {
  readonly f = new Proto();
  readonly code: number[] = [];
  readonly lineinfo: number[] = [];
  /** pc of the last jump target. */
  lasttarget = 0;
  /** Line of the last instruction (for the next delta). */
  previousline: number;
  /** Instructions since the last absolute line entry. */
  iwthabs = 0;

  constructor(readonly cs: CompileState, linedefined: number) {
    this.f.linedefined = linedefined;
    this.f.source = cs.chunkname;
    this.previousline = linedefined;
  }

  get pc(): number { return this.code.length; }

  // -------------------------------------------------------------------------
  // Emitting instructions and line information
  // -------------------------------------------------------------------------

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

  codeABCk(o: OpCode, a: number, b: number, c: number, k: number): number {
    return this.emit(I.createABCk(o, a, b, c, k));
  }
  codeABC(o: OpCode, a: number, b: number, c: number): number {
    return this.emit(I.createABCk(o, a, b, c, 0));
  }
  codeABx(o: OpCode, a: number, bx: number): number {
    return this.emit(I.createABx(o, a, bx));
  }
  codeAsBx(o: OpCode, a: number, sbx: number): number {
    return this.emit(I.createAsBx(o, a, sbx));
  }
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

  protected getJump(pc: number): number {
    const offset = I.getsJ(this.code[pc]);
    return offset === NO_JUMP ? NO_JUMP : pc + 1 + offset;
  }

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

  jump(): number {
    return this.emit(I.createsJ(OpCode.JMP, NO_JUMP));
  }

  ret(first: number, nret: number): void {
    const op = nret === 0 ? OpCode.RETURN0 : nret === 1 ? OpCode.RETURN1 : OpCode.RETURN;
    this.codeABC(op, first, nret + 1, 0);
  }

  protected condJump(op: OpCode, a: number, b: number, c: number, k: number): number {
    this.codeABCk(op, a, b, c, k);
    return this.jump();
  }

  /** Mark the current pc as a jump target and return it. */
  getLabel(): number {
    this.lasttarget = this.pc;
    return this.pc;
  }

  protected getJumpControl(pc: number): number {
    if (pc >= 1 && OPCODES[I.getOp(this.code[pc - 1])].isTest) return pc - 1;
    return pc;
  }

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

  protected removeValues(list: number): void {
    for (; list !== NO_JUMP; list = this.getJump(list)) this.patchTestReg(list, NO_REG);
  }

  protected patchListAux(list: number, vtarget: number, reg: number, dtarget: number): void {
    while (list !== NO_JUMP) {
      const next = this.getJump(list);
      if (this.patchTestReg(list, reg)) this.fixJump(list, vtarget);
      else this.fixJump(list, dtarget);
      list = next;
    }
  }

  patchList(list: number, target: number): void {
    this.patchListAux(list, target, NO_REG, target);
  }

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
