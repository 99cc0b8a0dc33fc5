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

export const SIZE_OP = 7;
export const SIZE_A = 8;
export const SIZE_B = 8;
export const SIZE_C = 8;
export const SIZE_Bx = 17;
export const SIZE_Ax = 25;
export const SIZE_sJ = 25;

export const POS_A = 7;
export const POS_k = 15;
export const POS_B = 16;
export const POS_C = 24;
export const POS_Bx = 15;

export const MAXARG_A = 255;
export const MAXARG_B = 255;
export const MAXARG_C = 255;
export const MAXARG_Bx = (1 << SIZE_Bx) - 1;
export const MAXARG_Ax = (1 << SIZE_Ax) - 1;
export const MAXARG_sJ = (1 << SIZE_sJ) - 1;
/** Bias of the signed Bx field. */
export const OFFSET_sBx = MAXARG_Bx >> 1;
/** Bias of the signed jump field. */
export const OFFSET_sJ = MAXARG_sJ >> 1;
/** Bias of the signed B and C immediates (sB, sC). */
export const OFFSET_sC = MAXARG_C >> 1;

/** Number of list items to accumulate before a SETLIST (LFIELDS_PER_FLUSH). */
export const LFIELDS_PER_FLUSH = 50;

export function getOp(i: number): OpCode { return (i & 0x7f) as OpCode; }
export function getA(i: number): number { return (i >>> POS_A) & 0xff; }
export function getB(i: number): number { return (i >>> POS_B) & 0xff; }
export function getC(i: number): number { return i >>> POS_C; }
export function getk(i: number): number { return (i >>> POS_k) & 1; }
export function getBx(i: number): number { return i >>> POS_Bx; }
export function getsBx(i: number): number { return (i >>> POS_Bx) - OFFSET_sBx; }
export function getAx(i: number): number { return i >>> POS_A; }
export function getsJ(i: number): number { return (i >>> POS_A) - OFFSET_sJ; }
export function getsB(i: number): number { return ((i >>> POS_B) & 0xff) - OFFSET_sC; }
export function getsC(i: number): number { return (i >>> POS_C) - OFFSET_sC; }

export function createABCk(o: OpCode, a: number, b: number, c: number, k: number): number {
  return ((c << POS_C) | (b << POS_B) | (k << POS_k) | (a << POS_A) | o) >>> 0;
}
export function createABx(o: OpCode, a: number, bx: number): number {
  return ((bx << POS_Bx) | (a << POS_A) | o) >>> 0;
}
export function createAsBx(o: OpCode, a: number, sbx: number): number {
  return createABx(o, a, sbx + OFFSET_sBx);
}
export function createAx(o: OpCode, ax: number): number {
  return ((ax << POS_A) | o) >>> 0;
}
export function createsJ(o: OpCode, sj: number, k = 0): number {
  // PUC-Rio's isJ has no k; the bit is part of sJ. Kept for symmetry only.
  return (((sj + OFFSET_sJ) << POS_A) | o | (k << POS_k)) >>> 0;
}

export function setOp(i: number, o: OpCode): number { return ((i & ~0x7f) | o) >>> 0; }
export function setA(i: number, a: number): number { return ((i & ~(0xff << POS_A)) | (a << POS_A)) >>> 0; }
export function setB(i: number, b: number): number { return ((i & ~(0xff << POS_B)) | (b << POS_B)) >>> 0; }
export function setC(i: number, c: number): number { return ((i & 0x00ffffff) | (c << POS_C)) >>> 0; }
export function setk(i: number, k: number): number { return ((i & ~(1 << POS_k)) | (k << POS_k)) >>> 0; }
export function setBx(i: number, bx: number): number { return ((i & 0x7fff) | (bx << POS_Bx)) >>> 0; }
export function setsBx(i: number, sbx: number): number { return setBx(i, sbx + OFFSET_sBx); }
export function setsJ(i: number, sj: number): number { return ((i & 0x7f) | ((sj + OFFSET_sJ) << POS_A)) >>> 0; }
