/**
 * # Operators
 *
 * Responsibility: compiling unary and binary operators — constant folding,
 * the choice between register, constant (K) and immediate (I) forms of the
 * arithmetic instructions with the MMBIN* that follows each, comparisons as
 * conditional jumps, `and`/`or` as jump lists, and CONCAT merging.
 *
 * Manual: §3.4.1–§3.4.8. PUC-Rio counterpart: `luaK_prefix`, `luaK_infix`,
 * `luaK_posfix` and their helpers in lcode.c.
 *
 * Invariant: the first operand is prepared by `infix` *before* the second
 * is compiled (so `a + f()` evaluates `a` first), and `posfix` combines the
 * two descriptors into the first.
 *
 * Read next: `expressions.ts` (which calls these while walking the AST).
 */

import { OpCode } from '../bytecode/opcodes.ts';
import * as I from '../bytecode/instruction.ts';
import type { BinaryOperator, UnaryOperator } from '../parser/ast.ts';
import { mkfloat, LuaFloat } from '../value/float.ts';
import { ArithOp, foldArith, float2int, type LuaNumber } from '../value/number.ts';
import { ExpDesc, ExpKind } from './expdesc.ts';
import { FuncState, fitsC } from './funcstate.ts';

/** Tag-method events used as MMBIN's C operand (ltm.h TMS). */
const TM_BASE_ARITH = 6;  // TM_ADD
const TM_SUB = 7;
const TM_SHL = 16;
const TM_SHR = 17;

/** Arithmetic and bitwise operators, in ArithOp (and ADD..SHR opcode) order. */
const ARITH: Partial<Record<BinaryOperator, ArithOp>> = {
  '+': ArithOp.ADD, '-': ArithOp.SUB, '*': ArithOp.MUL, '%': ArithOp.MOD,
  '^': ArithOp.POW, '/': ArithOp.DIV, '//': ArithOp.IDIV, '&': ArithOp.BAND,
  '|': ArithOp.BOR, '~': ArithOp.BXOR, '<<': ArithOp.SHL, '>>': ArithOp.SHR,
};

function tonumeral(e: ExpDesc): LuaNumber | undefined {
  if (e.hasJumps()) return undefined;
  if (e.k === ExpKind.VKINT) return e.ival;
  if (e.k === ExpKind.VKFLT) return mkfloat(e.nval);
  return undefined;
}

/** Fold `e1 op e2` into e1 when both are numerals and it is safe. */
function constFolding(op: ArithOp, e1: ExpDesc, e2: ExpDesc): boolean {
  const v1 = tonumeral(e1);
  const v2 = tonumeral(e2);
  if (v1 === undefined || v2 === undefined) return false;
  const r = foldArith(op, v1, v2);
  if (r === undefined) return false;
  if (typeof r === 'bigint' || (typeof r === 'number' && Number.isSafeInteger(r))) {
    e1.k = ExpKind.VKINT;
    e1.ival = r;
  } else {
    const n = r instanceof LuaFloat ? r.n : r as number;
    if (n === 0) return false;  // never fold to 0.0 (it could be -0.0)
    e1.k = ExpKind.VKFLT;
    e1.nval = n;
  }
  return true;
}

function isKint(e: ExpDesc): boolean {
  return e.k === ExpKind.VKINT && !e.hasJumps();
}

function isSCint(e: ExpDesc): boolean {
  return isKint(e) && fitsC(e.ival);
}

/** An integer or integral float constant fitting sC: [immediate, isFloat]. */
function isSCnumber(e: ExpDesc): [number, boolean] | undefined {
  let i: number | bigint | undefined;
  let isFloat = false;
  if (e.k === ExpKind.VKINT) i = e.ival;
  else if (e.k === ExpKind.VKFLT) { i = float2int(e.nval); isFloat = true; }
  if (i === undefined || e.hasJumps() || !fitsC(i)) return undefined;
  return [(i as number) + I.OFFSET_sC, isFloat];
}

function swap(e1: ExpDesc, e2: ExpDesc): void {
  const t = new ExpDesc().copy(e1);
  e1.copy(e2);
  e2.copy(t);
}

/** Unary operators (luaK_prefix). */
export function prefix(fs: FuncState, op: UnaryOperator, e: ExpDesc, line: number): void {
  fs.dischargeVars(e);
  switch (op) {
    case '-': case '~': {
      const zero = new ExpDesc().init(ExpKind.VKINT, 0);
      zero.ival = 0;
      if (constFolding(op === '-' ? ArithOp.UNM : ArithOp.BNOT, e, zero)) break;
      codeUnExpVal(fs, op === '-' ? OpCode.UNM : OpCode.BNOT, e, line);
      break;
    }
    case '#': codeUnExpVal(fs, OpCode.LEN, e, line); break;
    case 'not': fs.codeNot(e); break;
  }
}

function codeUnExpVal(fs: FuncState, op: OpCode, e: ExpDesc, line: number): void {
  const r = fs.exp2anyreg(e);
  fs.freeExp(e);
  e.info = fs.codeABC(op, 0, r, 0);
  e.k = ExpKind.VRELOC;
  fs.fixLine(line);
}

/** Prepare the first operand before the second is compiled (luaK_infix). */
export function infix(fs: FuncState, op: BinaryOperator, v: ExpDesc): void {
  fs.dischargeVars(v);
  switch (op) {
    case 'and': fs.goIfTrue(v); break;
    case 'or': fs.goIfFalse(v); break;
    case '..': fs.exp2nextreg(v); break;
    case '==': case '~=':
      if (tonumeral(v) === undefined) fs.exp2RK(v);
      break;
    case '<': case '<=': case '>': case '>=':
      if (isSCnumber(v) === undefined) fs.exp2anyreg(v);
      break;
    default:
      if (tonumeral(v) === undefined) fs.exp2anyreg(v);
  }
}

/** Combine the operands (luaK_posfix); the result is left in e1. */
export function posfix(fs: FuncState, op: BinaryOperator, e1: ExpDesc, e2: ExpDesc, line: number): void {
  fs.dischargeVars(e2);
  const aop = ARITH[op];
  if (aop !== undefined && constFolding(aop, e1, e2)) return;
  switch (op) {
    case 'and':
      e2.f = fs.concat(e2.f, e1.f);
      e1.copy(e2);
      break;
    case 'or':
      e2.t = fs.concat(e2.t, e1.t);
      e1.copy(e2);
      break;
    case '..':
      fs.exp2nextreg(e2);
      codeConcat(fs, e1, e2, line);
      break;
    case '+': case '*': codeCommutative(fs, aop!, e1, e2, line); break;
    case '-':
      if (finishBinExpNeg(fs, e1, e2, OpCode.ADDI, line, TM_SUB)) break;
      codeArith(fs, aop!, e1, e2, false, line);
      break;
    case '/': case '//': case '%': case '^': codeArith(fs, aop!, e1, e2, false, line); break;
    case '&': case '|': case '~': codeBitwise(fs, aop!, e1, e2, line); break;
    case '<<':
      if (isSCint(e1)) {
        swap(e1, e2);
        codeBinI(fs, OpCode.SHLI, e1, e2, true, line, TM_SHL);
      } else if (!finishBinExpNeg(fs, e1, e2, OpCode.SHRI, line, TM_SHL)) {
        codeBinExpVal(fs, aop!, e1, e2, line);
      }
      break;
    case '>>':
      if (isSCint(e2)) codeBinI(fs, OpCode.SHRI, e1, e2, false, line, TM_SHR);
      else codeBinExpVal(fs, aop!, e1, e2, line);
      break;
    case '==': case '~=': codeEq(fs, op, e1, e2); break;
    case '>': case '>=':
      swap(e1, e2);
      codeOrder(fs, op === '>' ? '<' : '<=', e1, e2);
      break;
    case '<': case '<=': codeOrder(fs, op, e1, e2); break;
  }
}

function finishBinExpVal(
  fs: FuncState, e1: ExpDesc, e2: ExpDesc, op: OpCode, v2: number, flip: boolean,
  line: number, mmop: OpCode, event: number,
): void {
  const v1 = fs.exp2anyreg(e1);
  const pc = fs.codeABCk(op, 0, v1, v2, 0);
  fs.freeExps(e1, e2);
  e1.info = pc;
  e1.k = ExpKind.VRELOC;
  fs.fixLine(line);
  fs.codeABCk(mmop, v1, v2, event, flip ? 1 : 0);
  fs.fixLine(line);
}

function codeBinExpVal(fs: FuncState, op: ArithOp, e1: ExpDesc, e2: ExpDesc, line: number): void {
  const v2 = fs.exp2anyreg(e2);
  finishBinExpVal(fs, e1, e2, OpCode.ADD + op, v2, false, line, OpCode.MMBIN, TM_BASE_ARITH + op);
}

function codeBinI(
  fs: FuncState, op: OpCode, e1: ExpDesc, e2: ExpDesc, flip: boolean, line: number, event: number,
): void {
  const v2 = (e2.ival as number) + I.OFFSET_sC;
  finishBinExpVal(fs, e1, e2, op, v2, flip, line, OpCode.MMBINI, event);
}

function codeBinK(fs: FuncState, op: ArithOp, e1: ExpDesc, e2: ExpDesc, flip: boolean, line: number): void {
  finishBinExpVal(fs, e1, e2, OpCode.ADDK + op, e2.info, flip, line, OpCode.MMBINK, TM_BASE_ARITH + op);
}

/** `a - 1` as `ADDI a -1`, `a << 1` as `SHRI a -1` (finishbinexpneg). */
function finishBinExpNeg(
  fs: FuncState, e1: ExpDesc, e2: ExpDesc, op: OpCode, line: number, event: number,
): boolean {
  if (!isKint(e2)) return false;
  const i2 = e2.ival;
  if (typeof i2 !== 'number' || !(fitsC(i2) && fitsC(-i2))) return false;
  finishBinExpVal(fs, e1, e2, op, -i2 + I.OFFSET_sC, false, line, OpCode.MMBINI, event);
  // the metamethod must see the original operand
  fs.code[fs.pc - 1] = I.setB(fs.code[fs.pc - 1], i2 + I.OFFSET_sC);
  return true;
}

function codeBinNoK(fs: FuncState, op: ArithOp, e1: ExpDesc, e2: ExpDesc, flip: boolean, line: number): void {
  if (flip) swap(e1, e2);
  codeBinExpVal(fs, op, e1, e2, line);
}

function codeArith(fs: FuncState, op: ArithOp, e1: ExpDesc, e2: ExpDesc, flip: boolean, line: number): void {
  if (tonumeral(e2) !== undefined && fs.exp2K(e2)) codeBinK(fs, op, e1, e2, flip, line);
  else codeBinNoK(fs, op, e1, e2, flip, line);
}

function codeCommutative(fs: FuncState, op: ArithOp, e1: ExpDesc, e2: ExpDesc, line: number): void {
  let flip = false;
  if (tonumeral(e1) !== undefined) { swap(e1, e2); flip = true; }
  if (op === ArithOp.ADD && isSCint(e2)) codeBinI(fs, OpCode.ADDI, e1, e2, flip, line, TM_BASE_ARITH);
  else codeArith(fs, op, e1, e2, flip, line);
}

function codeBitwise(fs: FuncState, op: ArithOp, e1: ExpDesc, e2: ExpDesc, line: number): void {
  let flip = false;
  if (e1.k === ExpKind.VKINT) { swap(e1, e2); flip = true; }
  if (e2.k === ExpKind.VKINT && fs.exp2K(e2)) codeBinK(fs, op, e1, e2, flip, line);
  else codeBinNoK(fs, op, e1, e2, flip, line);
}

/**
 * An integral float constant sets the comparison's C flag even when it does
 * not fit the immediate operand and the instruction is the K or register
 * form (lcode.c's isSCnumber sets the flag before checking the range).
 */
function integralFloat(e: ExpDesc): boolean {
  return e.k === ExpKind.VKFLT && float2int(e.nval) !== undefined;
}

function codeOrder(fs: FuncState, op: '<' | '<=', e1: ExpDesc, e2: ExpDesc): void {
  let r1: number;
  let r2: number;
  let isFloat = integralFloat(e2);
  let opc: OpCode;
  const im2 = isSCnumber(e2);
  if (im2 === undefined && integralFloat(e1)) isFloat = true;
  const im1 = im2 === undefined ? isSCnumber(e1) : undefined;
  if (im2 !== undefined) {
    r1 = fs.exp2anyreg(e1);
    [r2, isFloat] = im2;
    opc = op === '<' ? OpCode.LTI : OpCode.LEI;
  } else if (im1 !== undefined) {
    r1 = fs.exp2anyreg(e2);
    r2 = im1[0];
    isFloat ||= im1[1];
    opc = op === '<' ? OpCode.GTI : OpCode.GEI;
  } else {
    r1 = fs.exp2anyreg(e1);
    r2 = fs.exp2anyreg(e2);
    opc = op === '<' ? OpCode.LT : OpCode.LE;
  }
  fs.freeExps(e1, e2);
  e1.info = fs.emitCondJump(opc, r1, r2, isFloat ? 1 : 0, 1);
  e1.k = ExpKind.VJMP;
}

function codeEq(fs: FuncState, op: '==' | '~=', e1: ExpDesc, e2: ExpDesc): void {
  let r2: number;
  let isFloat = false;
  let opc: OpCode;
  if (e1.k !== ExpKind.VNONRELOC) swap(e1, e2);
  const r1 = fs.exp2anyreg(e1);
  const im = isSCnumber(e2);
  isFloat = integralFloat(e2);
  if (im !== undefined) {
    opc = OpCode.EQI;
    [r2, isFloat] = im;
  } else if (fs.exp2RK(e2)) {
    opc = OpCode.EQK;
    r2 = e2.info;
  } else {
    opc = OpCode.EQ;
    r2 = fs.exp2anyreg(e2);
  }
  fs.freeExps(e1, e2);
  e1.info = fs.emitCondJump(opc, r1, r2, isFloat ? 1 : 0, op === '==' ? 1 : 0);
  e1.k = ExpKind.VJMP;
}

function codeConcat(fs: FuncState, e1: ExpDesc, e2: ExpDesc, line: number): void {
  const last = fs.pc > fs.lasttarget ? fs.code[fs.pc - 1] : undefined;
  if (last !== undefined && I.getOp(last) === OpCode.CONCAT) {
    const n = I.getB(last);
    fs.freeExp(e2);
    fs.code[fs.pc - 1] = I.setB(I.setA(last, e1.info), n + 1);
  } else {
    fs.codeABC(OpCode.CONCAT, e1.info, 2, 0);
    fs.freeExp(e2);
    fs.fixLine(line);
  }
}
