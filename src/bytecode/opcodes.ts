/**
 * # The Lua 5.4 instruction set
 *
 * Responsibility: the one table that describes every opcode: its number, its
 * name, its instruction format and operand modes. The compiler, the
 * disassembler, the VM's dispatch, the binary-chunk reader and the generated
 * docs all read this table (docs/design.md §3); nothing else lists opcodes.
 *
 * Manual: none (bytecode is an implementation detail of PUC-Rio Lua that
 * lucid copies on purpose, so listings can be compared with `luac -l -l`).
 *
 * PUC-Rio counterpart: `lopcodes.h` (the enum, with one line of meaning per
 * opcode) and `lopcodes.c` (the `luaP_opmodes` flags).
 *
 * Invariant: opcode numbers are PUC-Rio 5.4's, in the same order, so that a
 * binary chunk written by `luac5.4` decodes to the same instructions here.
 *
 * Read next: `instruction.ts` (the bit layout), `proto.ts` (where
 * instructions live), `opcode-docs.ts` (one sentence and one example each).
 */

/** Every opcode of Lua 5.4, numbered as PUC-Rio numbers them. */
export const enum OpCode {
  MOVE = 0,
  LOADI = 1,
  LOADF = 2,
  LOADK = 3,
  LOADKX = 4,
  LOADFALSE = 5,
  LFALSESKIP = 6,
  LOADTRUE = 7,
  LOADNIL = 8,
  GETUPVAL = 9,
  SETUPVAL = 10,
  GETTABUP = 11,
  GETTABLE = 12,
  GETI = 13,
  GETFIELD = 14,
  SETTABUP = 15,
  SETTABLE = 16,
  SETI = 17,
  SETFIELD = 18,
  NEWTABLE = 19,
  SELF = 20,
  ADDI = 21,
  ADDK = 22,
  SUBK = 23,
  MULK = 24,
  MODK = 25,
  POWK = 26,
  DIVK = 27,
  IDIVK = 28,
  BANDK = 29,
  BORK = 30,
  BXORK = 31,
  SHRI = 32,
  SHLI = 33,
  ADD = 34,
  SUB = 35,
  MUL = 36,
  MOD = 37,
  POW = 38,
  DIV = 39,
  IDIV = 40,
  BAND = 41,
  BOR = 42,
  BXOR = 43,
  SHL = 44,
  SHR = 45,
  MMBIN = 46,
  MMBINI = 47,
  MMBINK = 48,
  UNM = 49,
  BNOT = 50,
  NOT = 51,
  LEN = 52,
  CONCAT = 53,
  CLOSE = 54,
  TBC = 55,
  JMP = 56,
  EQ = 57,
  LT = 58,
  LE = 59,
  EQK = 60,
  EQI = 61,
  LTI = 62,
  LEI = 63,
  GTI = 64,
  GEI = 65,
  TEST = 66,
  TESTSET = 67,
  CALL = 68,
  TAILCALL = 69,
  RETURN = 70,
  RETURN0 = 71,
  RETURN1 = 72,
  FORLOOP = 73,
  FORPREP = 74,
  TFORPREP = 75,
  TFORCALL = 76,
  TFORLOOP = 77,
  SETLIST = 78,
  CLOSURE = 79,
  VARARG = 80,
  VARARGPREP = 81,
  EXTRAARG = 82,
}

/** Number of opcodes (MOVE .. EXTRAARG). */
export const NUM_OPCODES = 83;

/**
 * The five instruction formats (see the diagram in `instruction.ts`).
 * iABC: A, k, B, C; iABx: A and unsigned Bx; iAsBx: A and signed sBx;
 * iAx: one 25-bit argument; isJ: one signed 25-bit jump offset.
 */
export type OpFormat = 'iABC' | 'iABx' | 'iAsBx' | 'iAx' | 'isJ';

/** Static facts about one opcode, as `luaP_opmodes` records them. */
export interface OpInfo {
  /** Exact PUC-Rio spelling, without the `OP_` prefix. */
  readonly name: string;
  readonly format: OpFormat;
  /** Sets register A. */
  readonly setsA: boolean;
  /** Is a test: the next instruction is always a jump. */
  readonly isTest: boolean;
  /** Uses the stack top set by the previous instruction (B or C is 0). */
  readonly usesTop: boolean;
  /** Sets the stack top for the next instruction (its result count is open). */
  readonly setsTop: boolean;
  /** Calls a metamethod (the MMBIN family). */
  readonly isMetamethodCall: boolean;
}

function op(
  name: string, format: OpFormat, flags: string,
): OpInfo {
  // flags: 'A' sets A, 'T' test, 'I' uses top, 'O' sets top, 'M' metamethod
  return {
    name, format,
    setsA: flags.includes('A'),
    isTest: flags.includes('T'),
    usesTop: flags.includes('I'),
    setsTop: flags.includes('O'),
    isMetamethodCall: flags.includes('M'),
  };
}

/** Indexed by opcode number. */
export const OPCODES: readonly OpInfo[] = [
  op('MOVE', 'iABC', 'A'),
  op('LOADI', 'iAsBx', 'A'),
  op('LOADF', 'iAsBx', 'A'),
  op('LOADK', 'iABx', 'A'),
  op('LOADKX', 'iABx', 'A'),
  op('LOADFALSE', 'iABC', 'A'),
  op('LFALSESKIP', 'iABC', 'A'),
  op('LOADTRUE', 'iABC', 'A'),
  op('LOADNIL', 'iABC', 'A'),
  op('GETUPVAL', 'iABC', 'A'),
  op('SETUPVAL', 'iABC', ''),
  op('GETTABUP', 'iABC', 'A'),
  op('GETTABLE', 'iABC', 'A'),
  op('GETI', 'iABC', 'A'),
  op('GETFIELD', 'iABC', 'A'),
  op('SETTABUP', 'iABC', ''),
  op('SETTABLE', 'iABC', ''),
  op('SETI', 'iABC', ''),
  op('SETFIELD', 'iABC', ''),
  op('NEWTABLE', 'iABC', 'A'),
  op('SELF', 'iABC', 'A'),
  op('ADDI', 'iABC', 'A'),
  op('ADDK', 'iABC', 'A'),
  op('SUBK', 'iABC', 'A'),
  op('MULK', 'iABC', 'A'),
  op('MODK', 'iABC', 'A'),
  op('POWK', 'iABC', 'A'),
  op('DIVK', 'iABC', 'A'),
  op('IDIVK', 'iABC', 'A'),
  op('BANDK', 'iABC', 'A'),
  op('BORK', 'iABC', 'A'),
  op('BXORK', 'iABC', 'A'),
  op('SHRI', 'iABC', 'A'),
  op('SHLI', 'iABC', 'A'),
  op('ADD', 'iABC', 'A'),
  op('SUB', 'iABC', 'A'),
  op('MUL', 'iABC', 'A'),
  op('MOD', 'iABC', 'A'),
  op('POW', 'iABC', 'A'),
  op('DIV', 'iABC', 'A'),
  op('IDIV', 'iABC', 'A'),
  op('BAND', 'iABC', 'A'),
  op('BOR', 'iABC', 'A'),
  op('BXOR', 'iABC', 'A'),
  op('SHL', 'iABC', 'A'),
  op('SHR', 'iABC', 'A'),
  op('MMBIN', 'iABC', 'M'),
  op('MMBINI', 'iABC', 'M'),
  op('MMBINK', 'iABC', 'M'),
  op('UNM', 'iABC', 'A'),
  op('BNOT', 'iABC', 'A'),
  op('NOT', 'iABC', 'A'),
  op('LEN', 'iABC', 'A'),
  op('CONCAT', 'iABC', 'A'),
  op('CLOSE', 'iABC', ''),
  op('TBC', 'iABC', ''),
  op('JMP', 'isJ', ''),
  op('EQ', 'iABC', 'T'),
  op('LT', 'iABC', 'T'),
  op('LE', 'iABC', 'T'),
  op('EQK', 'iABC', 'T'),
  op('EQI', 'iABC', 'T'),
  op('LTI', 'iABC', 'T'),
  op('LEI', 'iABC', 'T'),
  op('GTI', 'iABC', 'T'),
  op('GEI', 'iABC', 'T'),
  op('TEST', 'iABC', 'T'),
  op('TESTSET', 'iABC', 'TA'),
  op('CALL', 'iABC', 'AIO'),
  op('TAILCALL', 'iABC', 'AIO'),
  op('RETURN', 'iABC', 'I'),
  op('RETURN0', 'iABC', ''),
  op('RETURN1', 'iABC', ''),
  op('FORLOOP', 'iABx', 'A'),
  op('FORPREP', 'iABx', 'A'),
  op('TFORPREP', 'iABx', ''),
  op('TFORCALL', 'iABC', ''),
  op('TFORLOOP', 'iABx', 'A'),
  op('SETLIST', 'iABC', 'I'),
  op('CLOSURE', 'iABx', 'A'),
  op('VARARG', 'iABC', 'AO'),
  op('VARARGPREP', 'iABC', 'AI'),
  op('EXTRAARG', 'iAx', ''),
];
