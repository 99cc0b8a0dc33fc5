/**
 * # The code generator of one function
 *
 * Responsibility: emitting the instructions of one function prototype —
 * registers, constants, jump lists, line information — and turning
 * expression descriptors into code. The statement and expression walkers
 * (`statements.ts`, `expressions.ts`) decide *what* to compile; this module
 * decides *which instructions* that takes, as luac would.
 *
 * Manual: §3.4 (expressions). PUC-Rio counterpart: lcode.c; `FuncState` of
 * lparser.h.
 *
 * Invariants:
 * - `freereg` is the first free register; registers below `nvarstack()`
 *   belong to active local variables and are never freed by expressions.
 * - A jump list is threaded through the sJ fields of its JMP instructions;
 *   `NO_JUMP` ends it.
 * - Every instruction is stamped with the compiler's `lastLine` when it is
 *   emitted (PUC-Rio's `ls->lastline`), later corrected by `fixLine`.
 *
 * Read next: `operators.ts` (unary and binary operators), `scope.ts`.
 */

import { OpCode, OPCODES } from '../bytecode/opcodes.ts';
import * as I from '../bytecode/instruction.ts';
import { Proto, type Constant } from '../bytecode/proto.ts';
import { mkfloat } from '../value/float.ts';
import { float2int } from '../value/number.ts';
import { ExpDesc, ExpKind, NO_JUMP } from './expdesc.ts';
import type { CompileState, BlockCnt } from './scope.ts';

/** Registers a function may use (MAXREGS of lcode.c). */
const MAXREGS = 255;
/** Instructions with relative line info between two absolute entries. */
const MAXIWTHABS = 128;
const LIMLINEDIFF = 0x80;
const ABSLINEINFO = -0x80;
/** Largest constant index usable as an RK operand. */
const MAXINDEXRK = I.MAXARG_B;
const NO_REG = I.MAXARG_A;

export class FuncState {
  readonly f = new Proto();
  readonly code: number[] = [];
  readonly lineinfo: number[] = [];
  prev: FuncState | undefined;
  /** Current innermost block. */
  bl: BlockCnt | undefined = undefined;
  /** pc of the last jump target. */
  lasttarget = 0;
  previousline: number;
  iwthabs = 0;
  freereg = 0;
  /** Number of active local variables. */
  nactvar = 0;
  /** Index of this function's first local in the shared variable list. */
  firstlocal: number;
  firstlabel: number;
  needclose = false;
  /** Debug entries of locals registered so far. */
  ndebugvars = 0;

  constructor(readonly cs: CompileState, prev: FuncState | undefined, linedefined: number) {
    this.prev = prev;
    this.f.linedefined = linedefined;
    this.f.source = cs.chunkname;
    this.previousline = linedefined;
    this.firstlocal = cs.actvar.length;
    this.firstlabel = cs.labels.length;
  }

  get pc(): number { return this.code.length; }

  // -------------------------------------------------------------------------
  // Emitting instructions and line information
  // -------------------------------------------------------------------------

  private saveLineInfo(line: number): void {
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

  private removeLastLineInfo(): void {
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
  private previousInstruction(): number | undefined {
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

  private getJump(pc: number): number {
    const offset = I.getsJ(this.code[pc]);
    return offset === NO_JUMP ? NO_JUMP : pc + 1 + offset;
  }

  fixJump(pc: number, dest: number): void {
    const offset = dest - (pc + 1);
    if (!(-I.OFFSET_sJ <= offset && offset <= I.MAXARG_sJ - I.OFFSET_sJ)) {
      throw this.cs.error('control structure too long');
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

  private condJump(op: OpCode, a: number, b: number, c: number, k: number): number {
    this.codeABCk(op, a, b, c, k);
    return this.jump();
  }

  /** Mark the current pc as a jump target and return it. */
  getLabel(): number {
    this.lasttarget = this.pc;
    return this.pc;
  }

  private getJumpControl(pc: number): number {
    if (pc >= 1 && OPCODES[I.getOp(this.code[pc - 1])].isTest) return pc - 1;
    return pc;
  }

  private patchTestReg(node: number, reg: number): boolean {
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

  private removeValues(list: number): void {
    for (; list !== NO_JUMP; list = this.getJump(list)) this.patchTestReg(list, NO_REG);
  }

  private patchListAux(list: number, vtarget: number, reg: number, dtarget: number): void {
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

  // -------------------------------------------------------------------------
  // Registers
  // -------------------------------------------------------------------------

  checkStack(n: number): void {
    const newstack = this.freereg + n;
    if (newstack > this.f.maxstacksize) {
      if (newstack >= MAXREGS) throw this.cs.syntaxError('function or expression needs too many registers');
      this.f.maxstacksize = newstack;
    }
  }

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

  freeExp(e: ExpDesc): void {
    if (e.k === ExpKind.VNONRELOC) this.freeReg(e.info);
  }

  freeExps(e1: ExpDesc, e2: ExpDesc): void {
    const r1 = e1.k === ExpKind.VNONRELOC ? e1.info : -1;
    const r2 = e2.k === ExpKind.VNONRELOC ? e2.info : -1;
    this.freeRegs(r1, r2);
  }

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
  private addK(key: string, v: Constant): number {
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

  stringK(s: string): number {
    return this.addK('s' + s, s);
  }

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

  private boolK(b: boolean): number {
    return this.addK(b ? 'T' : 'F', b);
  }

  private nilK(): number {
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

  // -------------------------------------------------------------------------
  // Discharging descriptors into registers
  // -------------------------------------------------------------------------

  setReturns(e: ExpDesc, nresults: number): void {
    const pc = e.info;
    if (e.k === ExpKind.VCALL) {
      this.code[pc] = I.setC(this.code[pc], nresults + 1);
    } else {
      this.code[pc] = I.setA(I.setC(this.code[pc], nresults + 1), this.freereg);
      this.reserveRegs(1);
    }
  }

  setMultRet(e: ExpDesc): void { this.setReturns(e, -1); }

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

  exp2nextreg(e: ExpDesc): void {
    this.dischargeVars(e);
    this.freeExp(e);
    this.reserveRegs(1);
    this.exp2reg(e, this.freereg - 1);
  }

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

  exp2anyregup(e: ExpDesc): void {
    if (e.k !== ExpKind.VUPVAL || e.hasJumps()) this.exp2anyreg(e);
  }

  exp2val(e: ExpDesc): void {
    if (e.k === ExpKind.VJMP || e.hasJumps()) this.exp2anyreg(e);
    else this.dischargeVars(e);
  }

  exp2RK(e: ExpDesc): boolean {
    if (this.exp2K(e)) return true;
    this.exp2anyreg(e);
    return false;
  }

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

  setTableSize(pc: number, ra: number, asize: number, hsize: number): void {
    const rb = hsize !== 0 ? ceilLog2(hsize) + 1 : 0;
    const extra = Math.floor(asize / (I.MAXARG_C + 1));
    const rc = asize % (I.MAXARG_C + 1);
    this.code[pc] = I.createABCk(OpCode.NEWTABLE, ra, rb, rc, extra > 0 ? 1 : 0);
    this.code[pc + 1] = I.createAx(OpCode.EXTRAARG, extra);
  }

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
          this.fixJump(i, finalTarget(code, i));
          break;
        default: break;
      }
    }
    p.code = Uint32Array.from(code);
    p.lineinfo = Int8Array.from(this.lineinfo);
    p.decodeLines();
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

function finalTarget(code: number[], i: number): number {
  for (let count = 0; count < 100; count++) {
    const pc = code[i];
    if (I.getOp(pc) !== OpCode.JMP) break;
    i += I.getsJ(pc) + 1;
  }
  return i;
}

/** Does an integer fit the signed sC operand? */
export function fitsC(i: number | bigint): boolean {
  return typeof i === 'number' && i >= -I.OFFSET_sC && i <= I.MAXARG_C - I.OFFSET_sC;
}

/** Does an integer fit the signed sBx operand? */
export function fitsBx(i: number): boolean {
  return -I.OFFSET_sBx <= i && i <= I.MAXARG_Bx - I.OFFSET_sBx;
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
