/**
 * # The code generator of one function
 *
 * Responsibility: the registers of one function prototype, and turning
 * expression descriptors into code (on top of `code.ts`, which emits
 * instructions and keeps jump lists, and `constants.ts`, which keeps K). The statement and expression walkers
 * (`statements.ts`, `expressions.ts`) decide *what* to compile; this module
 * decides *which instructions* that takes, as luac would.
 *
 * Manual: §3.4 (expressions). PUC-Rio counterpart: lcode.c; `FuncState` of
 * lparser.h.
 *
 * Invariants:
 * - `freereg` is the first free register; registers below `nvarstack()`
 *   belong to active local variables and are never freed by expressions.
 * - A descriptor is "discharged" at most once: after `exp2reg` its value is
 *   in a register (VNONRELOC) and its jump lists are empty.
 *
 * Read next: `operators.ts` (unary and binary operators), `scope.ts`.
 */

import { OpCode } from '../bytecode/opcodes.ts';
import * as I from '../bytecode/instruction.ts';
import { ExpDesc, ExpKind, NO_JUMP } from './expdesc.ts';
import { NO_REG } from './code.ts';
import { ConstantPool } from './constants.ts';
import type { CompileState, BlockCnt } from './scope.ts';

/** Registers a function may use (MAXREGS of lcode.c). */
const MAXREGS = 255;

/**
 * The code generator of one function being compiled (PUC-Rio's FuncState plus lcode.c):
 * registers, expression descriptors turned into instructions, conditions and jumps, tables.
 * One exists per function of the chunk, linked to its enclosing one through `prev`.
 */
export class FuncState extends ConstantPool {
  /** The enclosing function (where upvalues are looked up), or undefined for the main chunk. */
  prev: FuncState | undefined;
  /** Current innermost block. */
  bl: BlockCnt | undefined = undefined;
  /** First free register. */
  freereg = 0;
  /** Number of active local variables. */
  nactvar = 0;
  /** Index of this function's first local in the shared variable list. */
  firstlocal: number;
  /** Index of this function's first label in the shared label list. */
  firstlabel: number;
  /** Some local is captured or to be closed: RETURN and TAILCALL get the k flag (luaK_finish). */
  needclose = false;

  /**
   * @param cs - The compilation of the chunk.
   * @param prev - The enclosing function.
   * @param linedefined - The line of the `function` keyword (0 for the main chunk).
   */
  constructor(cs: CompileState, prev: FuncState | undefined, linedefined: number) {
    super(cs, linedefined);
    this.prev = prev;
    this.firstlocal = cs.actvar.length;
    this.firstlabel = cs.labels.length;
  }


  // -------------------------------------------------------------------------
  // Registers
  // -------------------------------------------------------------------------

  /** Room for `n` more registers (luaK_checkstack); 255 is "function or expression needs too many registers". */
  checkStack(n: number): void {
    const newstack = this.freereg + n;
    if (newstack > this.f.maxstacksize) {
      if (newstack >= MAXREGS) throw this.cs.syntaxError('function or expression needs too many registers');
      this.f.maxstacksize = newstack;
    }
  }

  /** Take the next `n` free registers (luaK_reserveregs). */
  reserveRegs(n: number): void {
    this.checkStack(n);
    this.freereg += n;
  }

  private freeReg(reg: number): void {
    if (reg >= this.cs.nvarstack(this)) this.freereg--;
  }

  private freeRegs(r1: number, r2: number): void {
    if (r1 > r2) { this.freeReg(r1); this.freeReg(r2); } else { this.freeReg(r2); this.freeReg(r1); }
  }

  /** Free the register of `e` if it holds a temporary (not a local variable) (freeexp). */
  freeExp(e: ExpDesc): void {
    if (e.k === ExpKind.VNONRELOC) this.freeReg(e.info);
  }

  /** Free two operands' temporaries, the higher register first, so registers free in stack order (freeexps). */
  freeExps(e1: ExpDesc, e2: ExpDesc): void {
    const r1 = e1.k === ExpKind.VNONRELOC ? e1.info : -1;
    const r2 = e2.k === ExpKind.VNONRELOC ? e2.info : -1;
    this.freeRegs(r1, r2);
  }

  // -------------------------------------------------------------------------
  // Discharging descriptors into registers
  // -------------------------------------------------------------------------

  /** Fix the number of results of a call or `...` in `e` to `nresults` (-1: all) (luaK_setreturns). */
  setReturns(e: ExpDesc, nresults: number): void {
    const pc = e.info;
    if (e.k === ExpKind.VCALL) {
      this.code[pc] = I.setC(this.code[pc], nresults + 1);
    } else {
      this.code[pc] = I.setA(I.setC(this.code[pc], nresults + 1), this.freereg);
      this.reserveRegs(1);
    }
  }

  /** Let a call or `...` keep all its results (luaK_setmultret). */
  setMultRet(e: ExpDesc): void { this.setReturns(e, -1); }

  /** Truncate a call or `...` to exactly one result (luaK_setoneret). */
  setOneRet(e: ExpDesc): void {
    if (e.k === ExpKind.VCALL) {
      e.k = ExpKind.VNONRELOC;
      e.info = I.getA(this.code[e.info]);
    } else if (e.k === ExpKind.VVARARG) {
      this.code[e.info] = I.setC(this.code[e.info], 2);
      e.k = ExpKind.VRELOC;
    }
  }

  /** Generate the code to read a variable (luaK_dischargevars). */
  dischargeVars(e: ExpDesc): void {
    switch (e.k) {
      case ExpKind.VCONST: this.cs.const2exp(e.info, e); break;
      case ExpKind.VLOCAL: e.info = e.ridx; e.k = ExpKind.VNONRELOC; break;
      case ExpKind.VUPVAL:
        e.info = this.codeABC(OpCode.GETUPVAL, 0, e.info, 0); e.k = ExpKind.VRELOC; break;
      case ExpKind.VINDEXUP:
        e.info = this.codeABC(OpCode.GETTABUP, 0, e.indT, e.indIdx); e.k = ExpKind.VRELOC; break;
      case ExpKind.VINDEXI:
        this.freeReg(e.indT);
        e.info = this.codeABC(OpCode.GETI, 0, e.indT, e.indIdx); e.k = ExpKind.VRELOC; break;
      case ExpKind.VINDEXSTR:
        this.freeReg(e.indT);
        e.info = this.codeABC(OpCode.GETFIELD, 0, e.indT, e.indIdx); e.k = ExpKind.VRELOC; break;
      case ExpKind.VINDEXED:
        this.freeRegs(e.indT, e.indIdx);
        e.info = this.codeABC(OpCode.GETTABLE, 0, e.indT, e.indIdx); e.k = ExpKind.VRELOC; break;
      case ExpKind.VVARARG: case ExpKind.VCALL: this.setOneRet(e); break;
      default: break;
    }
  }

  private discharge2reg(e: ExpDesc, reg: number): void {
    this.dischargeVars(e);
    switch (e.k) {
      case ExpKind.VNIL: this.nil(reg, 1); break;
      case ExpKind.VFALSE: this.codeABC(OpCode.LOADFALSE, reg, 0, 0); break;
      case ExpKind.VTRUE: this.codeABC(OpCode.LOADTRUE, reg, 0, 0); break;
      case ExpKind.VKSTR: this.str2K(e); this.codeK(reg, e.info); break;
      case ExpKind.VK: this.codeK(reg, e.info); break;
      case ExpKind.VKFLT: this.loadFloat(reg, e.nval); break;
      case ExpKind.VKINT: this.loadInt(reg, e.ival); break;
      case ExpKind.VRELOC: this.code[e.info] = I.setA(this.code[e.info], reg); break;
      case ExpKind.VNONRELOC:
        if (reg !== e.info) this.codeABC(OpCode.MOVE, reg, e.info, 0);
        break;
      default: return;  // VJMP: nothing to do yet
    }
    e.info = reg;
    e.k = ExpKind.VNONRELOC;
  }

  /** Put `e` in some register, the next free one unless it is already in one (discharge2anyreg). */
  discharge2anyreg(e: ExpDesc): void {
    if (e.k !== ExpKind.VNONRELOC) {
      this.reserveRegs(1);
      this.discharge2reg(e, this.freereg - 1);
    }
  }

  private codeLoadBool(a: number, op: OpCode): number {
    this.getLabel();
    return this.codeABC(op, a, 0, 0);
  }

  private needValue(list: number): boolean {
    for (; list !== NO_JUMP; list = this.getJump(list)) {
      if (I.getOp(this.code[this.getJumpControl(list)]) !== OpCode.TESTSET) return true;
    }
    return false;
  }

  /** Put `e` in register `reg`, resolving its jump lists (a condition stores true or false there) (exp2reg). */
  exp2reg(e: ExpDesc, reg: number): void {
    this.discharge2reg(e, reg);
    if (e.k === ExpKind.VJMP) e.t = this.concat(e.t, e.info);
    if (e.hasJumps()) {
      let pf = NO_JUMP;
      let pt = NO_JUMP;
      if (this.needValue(e.t) || this.needValue(e.f)) {
        const fj = e.k === ExpKind.VJMP ? NO_JUMP : this.jump();
        pf = this.codeLoadBool(reg, OpCode.LFALSESKIP);
        pt = this.codeLoadBool(reg, OpCode.LOADTRUE);
        this.patchToHere(fj);
      }
      const final = this.getLabel();
      this.patchListAux(e.f, final, reg, pf);
      this.patchListAux(e.t, final, reg, pt);
    }
    e.f = e.t = NO_JUMP;
    e.info = reg;
    e.k = ExpKind.VNONRELOC;
  }

  /** Put the value of `e` in the next free register (luaK_exp2nextreg). */
  exp2nextreg(e: ExpDesc): void {
    this.dischargeVars(e);
    this.freeExp(e);
    this.reserveRegs(1);
    this.exp2reg(e, this.freereg - 1);
  }

  /** Put `e` in a register and return it, reusing a local's own register when it can (luaK_exp2anyreg). */
  exp2anyreg(e: ExpDesc): number {
    this.dischargeVars(e);
    if (e.k === ExpKind.VNONRELOC) {
      if (!e.hasJumps()) return e.info;
      if (e.info >= this.cs.nvarstack(this)) {
        this.exp2reg(e, e.info);
        return e.info;
      }
    }
    this.exp2nextreg(e);
    return e.info;
  }

  /** As `exp2anyreg`, but an upvalue stays as it is: GETTABUP indexes it directly (luaK_exp2anyregup). */
  exp2anyregup(e: ExpDesc): void {
    if (e.k !== ExpKind.VUPVAL || e.hasJumps()) this.exp2anyreg(e);
  }

  /** Make `e` a value (a register or a constant), resolving its jumps (luaK_exp2val). */
  exp2val(e: ExpDesc): void {
    if (e.k === ExpKind.VJMP || e.hasJumps()) this.exp2anyreg(e);
    else this.dischargeVars(e);
  }

  /** Make `e` an RK operand: true for a constant in K (index in `e.info`), false for a register (exp2RK). */
  exp2RK(e: ExpDesc): boolean {
    if (this.exp2K(e)) return true;
    this.exp2anyreg(e);
    return false;
  }

  /** Emit an instruction whose C operand is RK, the k flag saying whether it is a constant (codeABRK). */
  codeABRK(o: OpCode, a: number, b: number, ec: ExpDesc): void {
    const k = this.exp2RK(ec) ? 1 : 0;
    this.codeABCk(o, a, b, ec.info, k);
  }

  /** Store `ex` into variable `v` (luaK_storevar). */
  storeVar(v: ExpDesc, ex: ExpDesc): void {
    switch (v.k) {
      case ExpKind.VLOCAL:
        this.freeExp(ex);
        this.exp2reg(ex, v.ridx);
        return;
      case ExpKind.VUPVAL: {
        const e = this.exp2anyreg(ex);
        this.codeABC(OpCode.SETUPVAL, e, v.info, 0);
        break;
      }
      case ExpKind.VINDEXUP: this.codeABRK(OpCode.SETTABUP, v.indT, v.indIdx, ex); break;
      case ExpKind.VINDEXI: this.codeABRK(OpCode.SETI, v.indT, v.indIdx, ex); break;
      case ExpKind.VINDEXSTR: this.codeABRK(OpCode.SETFIELD, v.indT, v.indIdx, ex); break;
      case ExpKind.VINDEXED: this.codeABRK(OpCode.SETTABLE, v.indT, v.indIdx, ex); break;
      default: throw new Error('invalid variable kind to store');
    }
    this.freeExp(ex);
  }

  /** `e:key` — SELF puts the method and the object in two registers. */
  self(e: ExpDesc, key: ExpDesc): void {
    this.exp2anyreg(e);
    const ereg = e.info;
    this.freeExp(e);
    e.info = this.freereg;
    e.k = ExpKind.VNONRELOC;
    this.reserveRegs(2);
    this.codeABRK(OpCode.SELF, e.info, ereg, key);
    this.freeExp(key);
  }

  // -------------------------------------------------------------------------
  // Conditions
  // -------------------------------------------------------------------------

  /** Invert the sense of the test controlling the jump of a VJMP expression (negatecondition). */
  negateCondition(e: ExpDesc): void {
    const at = this.getJumpControl(e.info);
    this.code[at] = I.setk(this.code[at], I.getk(this.code[at]) ^ 1);
  }

  private jumpOnCond(e: ExpDesc, cond: number): number {
    if (e.k === ExpKind.VRELOC) {
      const ie = this.code[e.info];
      if (I.getOp(ie) === OpCode.NOT) {
        this.removeLastInstruction();
        return this.condJump(OpCode.TEST, I.getB(ie), 0, 0, cond ^ 1);
      }
    }
    this.discharge2anyreg(e);
    this.freeExp(e);
    return this.condJump(OpCode.TESTSET, NO_REG, e.info, 0, cond);
  }

  /** Fall through when `e` is true, jump (list `e.f`) when false. */
  goIfTrue(e: ExpDesc): void {
    let pc: number;
    this.dischargeVars(e);
    switch (e.k) {
      case ExpKind.VJMP: this.negateCondition(e); pc = e.info; break;
      case ExpKind.VK: case ExpKind.VKFLT: case ExpKind.VKINT: case ExpKind.VKSTR: case ExpKind.VTRUE:
        pc = NO_JUMP; break;
      default: pc = this.jumpOnCond(e, 0);
    }
    e.f = this.concat(e.f, pc);
    this.patchToHere(e.t);
    e.t = NO_JUMP;
  }

  /** Fall through when `e` is false, jump (list `e.t`) when true. */
  goIfFalse(e: ExpDesc): void {
    let pc: number;
    this.dischargeVars(e);
    switch (e.k) {
      case ExpKind.VJMP: pc = e.info; break;
      case ExpKind.VNIL: case ExpKind.VFALSE: pc = NO_JUMP; break;
      default: pc = this.jumpOnCond(e, 1);
    }
    e.t = this.concat(e.t, pc);
    this.patchToHere(e.f);
    e.f = NO_JUMP;
  }

  /** Compile `not e`: constants fold, conditions swap jump lists, other values get a NOT (codenot). */
  codeNot(e: ExpDesc): void {
    switch (e.k) {
      case ExpKind.VNIL: case ExpKind.VFALSE: e.k = ExpKind.VTRUE; break;
      case ExpKind.VK: case ExpKind.VKFLT: case ExpKind.VKINT: case ExpKind.VKSTR: case ExpKind.VTRUE:
        e.k = ExpKind.VFALSE; break;
      case ExpKind.VJMP: this.negateCondition(e); break;
      case ExpKind.VRELOC: case ExpKind.VNONRELOC:
        this.discharge2anyreg(e);
        this.freeExp(e);
        e.info = this.codeABC(OpCode.NOT, 0, e.info, 0);
        e.k = ExpKind.VRELOC;
        break;
      default: throw new Error('cannot negate this expression');
    }
    const t = e.f; e.f = e.t; e.t = t;
    this.removeValues(e.f);
    this.removeValues(e.t);
  }

  /** Emit a test or comparison and its jump; returns the jump's pc (`condJump` for the expression layer). */
  emitCondJump(op: OpCode, a: number, b: number, c: number, k: number): number {
    return this.condJump(op, a, b, c, k);
  }

  // -------------------------------------------------------------------------
  // Indexing, tables
  // -------------------------------------------------------------------------

  /** Make `t` the descriptor of `t[k]` (luaK_indexed). */
  indexed(t: ExpDesc, k: ExpDesc): void {
    if (k.k === ExpKind.VKSTR) this.str2K(k);
    if (t.k === ExpKind.VUPVAL && !this.isKstr(k)) this.exp2anyreg(t);
    if (t.k === ExpKind.VUPVAL) {
      t.indT = t.info;
      t.indIdx = k.info;
      t.k = ExpKind.VINDEXUP;
    } else {
      t.indT = t.k === ExpKind.VLOCAL ? t.ridx : t.info;
      if (this.isKstr(k)) {
        t.indIdx = k.info;
        t.k = ExpKind.VINDEXSTR;
      } else if (isCint(k)) {
        t.indIdx = k.ival as number;
        t.k = ExpKind.VINDEXI;
      } else {
        t.indIdx = this.exp2anyreg(k);
        t.k = ExpKind.VINDEXED;
      }
    }
  }

  /** Fill in the NEWTABLE at `pc` and its EXTRAARG once the constructor's sizes are known (luaK_settablesize). */
  setTableSize(pc: number, ra: number, asize: number, hsize: number): void {
    const rb = hsize !== 0 ? ceilLog2(hsize) + 1 : 0;
    const extra = Math.floor(asize / (I.MAXARG_C + 1));
    const rc = asize % (I.MAXARG_C + 1);
    this.code[pc] = I.createABCk(OpCode.NEWTABLE, ra, rb, rc, extra > 0 ? 1 : 0);
    this.code[pc + 1] = I.createAx(OpCode.EXTRAARG, extra);
  }

  /** SETLIST: store `tostore` items from `base + 1` into the table at `base`, after `nelems` (luaK_setlist). */
  setList(base: number, nelems: number, tostore: number): void {
    if (tostore === -1) tostore = 0;
    if (nelems <= I.MAXARG_C) {
      this.codeABC(OpCode.SETLIST, base, tostore, nelems);
    } else {
      const extra = Math.floor(nelems / (I.MAXARG_C + 1));
      this.codeABCk(OpCode.SETLIST, base, tostore, nelems % (I.MAXARG_C + 1), 1);
      this.codeExtraArg(extra);
    }
    this.freereg = base + 1;
  }

  // -------------------------------------------------------------------------
  // The final pass
  // -------------------------------------------------------------------------

  /** luaK_finish: fix returns of vararg/closing functions, shortcut jumps. */
  finish(): void {
    const p = this.f;
    const code = this.code;
    for (let i = 0; i < code.length; i++) {
      const ins = code[i];
      const op = I.getOp(ins);
      switch (op) {
        case OpCode.RETURN0: case OpCode.RETURN1: case OpCode.RETURN: case OpCode.TAILCALL:
          if (op === OpCode.RETURN0 || op === OpCode.RETURN1) {
            if (!(this.needclose || p.isVararg)) break;
            // a plain RETURN can close upvalues and restore the vararg frame
            code[i] = I.setOp(code[i], OpCode.RETURN);
          }
          if (this.needclose) code[i] = I.setk(code[i], 1);
          if (p.isVararg) code[i] = I.setC(code[i], p.numparams + 1);
          break;
        case OpCode.JMP:
          this.fixJump(i, this.finalTarget(i));
          break;
        default: break;
      }
    }
    p.code = Uint32Array.from(code);
    p.lineinfo = Int8Array.from(this.lineinfo);
    p.decodeLines();
  }
}




/** Does an integer fit the signed sC operand? */
export function fitsC(i: number | bigint): boolean {
  return typeof i === 'number' && i >= -I.OFFSET_sC && i <= I.MAXARG_C - I.OFFSET_sC;
}


/** An integer constant that fits an unsigned C operand. */
export function isCint(e: ExpDesc): boolean {
  return e.k === ExpKind.VKINT && !e.hasJumps() && typeof e.ival === 'number' &&
    e.ival >= 0 && e.ival <= I.MAXARG_C;
}

function ceilLog2(x: number): number {
  let l = 0;
  x--;
  while (x > 0) { l++; x >>= 1; }
  return l;
}
