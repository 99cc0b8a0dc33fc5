/**
 * # Instruction encoding
 *
 * Responsibility: packing and unpacking the fields of a 32-bit Lua 5.4
 * instruction. Instructions live in a `Uint32Array` per prototype.
 *
 * PUC-Rio counterpart: the GETARG/SETARG/CREATE macros of `lopcodes.h`.
 *
 * The layout, least significant bit on the right:
 *
 * ```
 *         3 3 2 2 2 2 2 2 2 2 2 2 1 1 1 1 1 1 1 1 1 1 0 0 0 0 0 0 0 0 0 0
 *         1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0
 * iABC          C(8)     |      B(8)     |k|     A(8)      |   Op(7)     |
 * iABx                Bx(17)               |     A(8)      |   Op(7)     |
 * iAsBx              sBx (signed)(17)      |     A(8)      |   Op(7)     |
 * iAx                           Ax(25)                     |   Op(7)     |
 * isJ                           sJ (signed)(25)            |   Op(7)     |
 * ```
 *
 * Signed fields are stored in excess-K: sBx is Bx - 65535, sJ is the 25-bit
 * field - 16777215, and the signed immediates sB and sC are B - 127, C - 127.
 *
 * Invariant: every function here is a few shifts and masks, so the VM can
 * use them inline on its hot path (V8 inlines them); `>>> 0` keeps results
 * unsigned where a field reaches bit 31.
 *
 * Read next: `opcodes.ts`, `proto.ts`.
 */

import type { OpCode } from './opcodes.ts';

/** Bits of the opcode field (bits 0-6): room for 128 opcodes, 83 used. */
export const SIZE_OP = 7;
/** Bits of register field A: 256 registers per function, hence the 255-register limit. */
export const SIZE_A = 8;
/** Bits of field B (a register, a constant index or the 8-bit signed immediate sB). */
export const SIZE_B = 8;
/** Bits of field C (a register, a constant index or the 8-bit signed immediate sC). */
export const SIZE_C = 8;
/** Bits of field Bx, which takes the place of k, B and C in iABx and iAsBx. */
export const SIZE_Bx = 17;
/** Bits of field Ax (iAx, used only by EXTRAARG): everything above the opcode. */
export const SIZE_Ax = 25;
/** Bits of the signed jump offset sJ (isJ, used by JMP): everything above the opcode. */
export const SIZE_sJ = 25;

/** First bit of field A. */
export const POS_A = 7;
/** The bit of flag k (a constant operand, or the sense of a test). */
export const POS_k = 15;
/** First bit of field B. */
export const POS_B = 16;
/** First bit of field C, the top byte of the instruction. */
export const POS_C = 24;
/** First bit of field Bx: the k bit is its lowest bit. */
export const POS_Bx = 15;

/** Largest register number A can name. */
export const MAXARG_A = 255;
/** Largest value of field B. */
export const MAXARG_B = 255;
/**
 * Largest value of field C: a larger constant index needs another instruction (an R/K operand
 * falls back to a register).
 */
export const MAXARG_C = 255;
/** Largest value of Bx: LOADK reaches constants 0 .. 131071, beyond that LOADKX. */
export const MAXARG_Bx = (1 << SIZE_Bx) - 1;
/** Largest value of Ax, the extra argument of LOADKX, NEWTABLE and SETLIST. */
export const MAXARG_Ax = (1 << SIZE_Ax) - 1;
/** Largest raw value of the sJ field (before its bias is removed). */
export const MAXARG_sJ = (1 << SIZE_sJ) - 1;
/** Bias of the signed Bx field. */
export const OFFSET_sBx = MAXARG_Bx >> 1;
/** Bias of the signed jump field. */
export const OFFSET_sJ = MAXARG_sJ >> 1;
/** Bias of the signed B and C immediates (sB, sC). */
export const OFFSET_sC = MAXARG_C >> 1;

/** Number of list items to accumulate before a SETLIST (LFIELDS_PER_FLUSH). */
export const LFIELDS_PER_FLUSH = 50;

/** The opcode of instruction `i` (bits 0-6). */
export function getOp(i: number): OpCode { return (i & 0x7f) as OpCode; }
/** Field A of `i`: usually the destination register. */
export function getA(i: number): number { return (i >>> POS_A) & 0xff; }
/** Field B of `i`, unsigned. */
export function getB(i: number): number { return (i >>> POS_B) & 0xff; }
/** Field C of `i`, unsigned (the top byte, so no mask is needed). */
export function getC(i: number): number { return i >>> POS_C; }
/** Flag k of `i`: 1 when the last operand is a constant, or the sense a test jumps on. */
export function getk(i: number): number { return (i >>> POS_k) & 1; }
/** Field Bx of `i`, unsigned (a constant or prototype index, a loop jump). */
export function getBx(i: number): number { return i >>> POS_Bx; }
/** Field sBx of `i` with its bias removed (LOADI, LOADF immediates). */
export function getsBx(i: number): number { return (i >>> POS_Bx) - OFFSET_sBx; }
/** Field Ax of `i` (EXTRAARG's argument). */
export function getAx(i: number): number { return i >>> POS_A; }
/** The signed jump offset of a JMP, relative to the next instruction. */
export function getsJ(i: number): number { return (i >>> POS_A) - OFFSET_sJ; }
/** Field B of `i` as the signed immediate sB (EQI, LTI, MMBINI...). */
export function getsB(i: number): number { return ((i >>> POS_B) & 0xff) - OFFSET_sC; }
/** Field C of `i` as the signed immediate sC (ADDI, SHRI...). */
export function getsC(i: number): number { return (i >>> POS_C) - OFFSET_sC; }

/** Encode an iABC instruction; the caller makes sure each field fits. */
export function createABCk(o: OpCode, a: number, b: number, c: number, k: number): number {
  return ((c << POS_C) | (b << POS_B) | (k << POS_k) | (a << POS_A) | o) >>> 0;
}
/** Encode an iABx instruction (LOADK, CLOSURE, the loop jumps). */
export function createABx(o: OpCode, a: number, bx: number): number {
  return ((bx << POS_Bx) | (a << POS_A) | o) >>> 0;
}
/** Encode an iAsBx instruction, adding the bias to the signed `sbx`. */
export function createAsBx(o: OpCode, a: number, sbx: number): number {
  return createABx(o, a, sbx + OFFSET_sBx);
}
/** Encode an iAx instruction (EXTRAARG). */
export function createAx(o: OpCode, ax: number): number {
  return ((ax << POS_A) | o) >>> 0;
}
/** Encode an isJ instruction (JMP) with the signed offset `sj`. */
export function createsJ(o: OpCode, sj: number, k = 0): number {
  // PUC-Rio's isJ has no k; the bit is part of sJ. Kept for symmetry only.
  return (((sj + OFFSET_sJ) << POS_A) | o | (k << POS_k)) >>> 0;
}

/** `i` with its opcode replaced (the compiler's final pass turns RETURN0/RETURN1 into RETURN, for instance). */
export function setOp(i: number, o: OpCode): number { return ((i & ~0x7f) | o) >>> 0; }
/** `i` with field A replaced (a result register chosen after the instruction was emitted). */
export function setA(i: number, a: number): number { return ((i & ~(0xff << POS_A)) | (a << POS_A)) >>> 0; }
/** `i` with field B replaced (a result or argument count fixed later). */
export function setB(i: number, b: number): number { return ((i & ~(0xff << POS_B)) | (b << POS_B)) >>> 0; }
/** `i` with field C replaced. */
export function setC(i: number, c: number): number { return ((i & 0x00ffffff) | (c << POS_C)) >>> 0; }
/** `i` with flag k replaced. */
export function setk(i: number, k: number): number { return ((i & ~(1 << POS_k)) | (k << POS_k)) >>> 0; }
/** `i` with field Bx replaced (a loop jump patched once the loop's end is known). */
export function setBx(i: number, bx: number): number { return ((i & 0x7fff) | (bx << POS_Bx)) >>> 0; }
/** `i` with field sBx replaced, the bias added. */
export function setsBx(i: number, sbx: number): number { return setBx(i, sbx + OFFSET_sBx); }
/** `i` with its jump offset replaced: how the compiler patches jump lists. */
export function setsJ(i: number, sj: number): number { return ((i & 0x7f) | ((sj + OFFSET_sJ) << POS_A)) >>> 0; }
