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
  /** R[A] := R[B]. */
  MOVE = 0,
  /** R[A] := sBx, an integer small enough to sit in the instruction. */
  LOADI = 1,
  /** R[A] := (float)sBx, a float with a small integral value. */
  LOADF = 2,
  /** R[A] := K[Bx]. */
  LOADK = 3,
  /** R[A] := K[Ax of the EXTRAARG that follows], for constant indices above Bx's range. */
  LOADKX = 4,
  /** R[A] := false. */
  LOADFALSE = 5,
  /** R[A] := false; then skip the next instruction (the LOADTRUE of a comparison turned into a value). */
  LFALSESKIP = 6,
  /** R[A] := true. */
  LOADTRUE = 7,
  /** R[A], R[A+1], ..., R[A+B] := nil (B+1 registers). */
  LOADNIL = 8,
  /** R[A] := UpValue[B]. */
  GETUPVAL = 9,
  /** UpValue[B] := R[A]. */
  SETUPVAL = 10,
  /** R[A] := UpValue[B][K[C]:shortstring], a global read through _ENV. */
  GETTABUP = 11,
  /** R[A] := R[B][R[C]]. */
  GETTABLE = 12,
  /** R[A] := R[B][C], C an integer key. */
  GETI = 13,
  /** R[A] := R[B][K[C]:shortstring]. */
  GETFIELD = 14,
  /** UpValue[A][K[B]:shortstring] := RK(C), a global write through _ENV. */
  SETTABUP = 15,
  /** R[A][R[B]] := RK(C) (RK: K[C] when k is set, R[C] otherwise). */
  SETTABLE = 16,
  /** R[A][B] := RK(C), B an integer key. */
  SETI = 17,
  /** R[A][K[B]:shortstring] := RK(C). */
  SETFIELD = 18,
  /** R[A] := a new table; B encodes the hash size (log2 + 1), C (plus EXTRAARG * 256 when k) the array size. */
  NEWTABLE = 19,
  /** R[A+1] := R[B]; R[A] := R[B][RK(C):string], the method lookup of obj:m(). */
  SELF = 20,
  /** R[A] := R[B] + sC. */
  ADDI = 21,
  /** R[A] := R[B] + K[C]:number. */
  ADDK = 22,
  /** R[A] := R[B] - K[C]:number. */
  SUBK = 23,
  /** R[A] := R[B] * K[C]:number. */
  MULK = 24,
  /** R[A] := R[B] % K[C]:number. */
  MODK = 25,
  /** R[A] := R[B] ^ K[C]:number. */
  POWK = 26,
  /** R[A] := R[B] / K[C]:number. */
  DIVK = 27,
  /** R[A] := R[B] // K[C]:number. */
  IDIVK = 28,
  /** R[A] := R[B] & K[C]:integer. */
  BANDK = 29,
  /** R[A] := R[B] | K[C]:integer. */
  BORK = 30,
  /** R[A] := R[B] ~ K[C]:integer. */
  BXORK = 31,
  /** R[A] := R[B] >> sC (a left shift by a constant is a SHRI by its negation). */
  SHRI = 32,
  /** R[A] := sC << R[B], the immediate on the left. */
  SHLI = 33,
  /** R[A] := R[B] + R[C]. */
  ADD = 34,
  /** R[A] := R[B] - R[C]. */
  SUB = 35,
  /** R[A] := R[B] * R[C]. */
  MUL = 36,
  /** R[A] := R[B] % R[C]. */
  MOD = 37,
  /** R[A] := R[B] ^ R[C]. */
  POW = 38,
  /** R[A] := R[B] / R[C]. */
  DIV = 39,
  /** R[A] := R[B] // R[C]. */
  IDIV = 40,
  /** R[A] := R[B] & R[C]. */
  BAND = 41,
  /** R[A] := R[B] | R[C]. */
  BOR = 42,
  /** R[A] := R[B] ~ R[C]. */
  BXOR = 43,
  /** R[A] := R[B] << R[C]. */
  SHL = 44,
  /** R[A] := R[B] >> R[C]. */
  SHR = 45,
  /** When the arithmetic just before fails on R[A] and R[B], call metamethod C (an event number) and store into that instruction's A. */
  MMBIN = 46,
  /** The same with an immediate: metamethod C over R[A] and sB (k: the immediate was the left operand). */
  MMBINI = 47,
  /** The same with a constant: metamethod C over R[A] and K[B] (k: the constant was the left operand). */
  MMBINK = 48,
  /** R[A] := -R[B]. */
  UNM = 49,
  /** R[A] := ~R[B]. */
  BNOT = 50,
  /** R[A] := not R[B]. */
  NOT = 51,
  /** R[A] := #R[B] (the length operator). */
  LEN = 52,
  /** R[A] := R[A] .. ... .. R[A + B - 1], joining B registers in place. */
  CONCAT = 53,
  /** Close every upvalue and to-be-closed variable from R[A] up. */
  CLOSE = 54,
  /** Mark R[A] as a to-be-closed variable. */
  TBC = 55,
  /** pc += sJ. */
  JMP = 56,
  /** If ((R[A] == R[B]) ~= k) then skip the next instruction (a JMP). */
  EQ = 57,
  /** If ((R[A] < R[B]) ~= k) then skip the next instruction. */
  LT = 58,
  /** If ((R[A] <= R[B]) ~= k) then skip the next instruction. */
  LE = 59,
  /** If ((R[A] == K[B]) ~= k) then skip the next instruction. */
  EQK = 60,
  /** If ((R[A] == sB) ~= k) then skip the next instruction. */
  EQI = 61,
  /** If ((R[A] < sB) ~= k) then skip the next instruction. */
  LTI = 62,
  /** If ((R[A] <= sB) ~= k) then skip the next instruction. */
  LEI = 63,
  /** If ((R[A] > sB) ~= k) then skip the next instruction. */
  GTI = 64,
  /** If ((R[A] >= sB) ~= k) then skip the next instruction. */
  GEI = 65,
  /** If (not R[A] == k) then skip the next instruction: truthiness test, no copy. */
  TEST = 66,
  /** If (not R[B] == k) then skip the next instruction, else R[A] := R[B]; the value of `and`/`or`. */
  TESTSET = 67,
  /** `R[A], ..., R[A+C-2] := R[A](R[A+1], ..., R[A+B-1])`; B = 0: arguments up to the top, C = 0: keep every result. */
  CALL = 68,
  /** `return R[A](R[A+1], ..., R[A+B-1])`, reusing the caller's frame. */
  TAILCALL = 69,
  /** Return R[A], ..., R[A+B-2]; B = 0: up to the top; k: close upvalues first; C > 0: a vararg function with C - 1 parameters. */
  RETURN = 70,
  /** Return with no values (a non-vararg function without upvalues to close). */
  RETURN0 = 71,
  /** Return R[A], exactly one value. */
  RETURN1 = 72,
  /** Advance a numeric loop; if it goes on, pc -= Bx (back to the body). */
  FORLOOP = 73,
  /** Check and prepare a numeric loop; if it runs zero times, pc += Bx + 1 (past the loop). */
  FORPREP = 74,
  /** Make R[A+3] to-be-closed; pc += Bx (to the TFORCALL). */
  TFORPREP = 75,
  /** `R[A+4], ..., R[A+3+C] := R[A](R[A+1], R[A+2])`, the iterator call of a generic for. */
  TFORCALL = 76,
  /** If R[A+4] ~= nil then { R[A+2] := R[A+4]; pc -= Bx }. */
  TFORLOOP = 77,
  /** R[A][C+i] := R[A+i] for 1 <= i <= B; B = 0: up to the top; k: C += EXTRAARG * 256. */
  SETLIST = 78,
  /** R[A] := a new closure of the nested prototype KPROTO[Bx]. */
  CLOSURE = 79,
  /** R[A], R[A+1], ..., R[A+C-2] := the extra arguments (C = 0: all of them). */
  VARARG = 80,
  /** Set up the extra arguments of a vararg function with A fixed parameters. */
  VARARGPREP = 81,
  /** No operation: Ax extends the argument of the instruction before it. */
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
  /**
   * Which of the five layouts the instruction's 32 bits use, so a listing or the dumper knows
   * which fields to read.
   */
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
