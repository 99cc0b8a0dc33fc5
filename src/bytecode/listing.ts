/**
 * # Listing prototypes the way `luac -l -l` does
 *
 * Responsibility: the text of a prototype tree in exactly the layout of
 * `luac5.4 -l` (header and code of every function) and `luac5.4 -l -l`
 * (plus constants, locals and upvalues), so that lucid's bytecode can be
 * put beside PUC-Rio's and compared line by line (docs/design.md §3).
 *
 * Manual: none; see `luac(1)`.
 *
 * PUC-Rio counterpart: the printing half of `luac.c` (`PrintFunction`,
 * `PrintHeader`, `PrintCode`, `PrintDebug`, `PrintConstant`, `PrintString`)
 * as shipped with Lua 5.4.4, the `luac5.4` the cross-check runs.
 *
 * The one deliberate difference: luac prints each function's C address
 * (`0x55b3fd67fcc0`), which changes from run to run. lucid prints a stable
 * pseudo-address instead: `0x` followed by the function's number in hex,
 * counting the functions in the order the listing prints them (main is
 * `0x0`, its first nested function `0x1`, ...). Tools that compare listings
 * replace every `0x…` word by one placeholder (see {@link normalizeAddresses}).
 *
 * Invariant: the output is a byte string (char codes 0–255), as luac writes
 * bytes; write it with the latin1 encoding.
 *
 * Read next: `opcode-docs.ts` (what each line means), `undump.ts`.
 */

import { formatG14 } from '../value/convert.ts';
import { OPCODES, OpCode } from './opcodes.ts';
import {
  getA, getAx, getB, getBx, getC, getk, getOp, getsB, getsBx, getsC, getsJ, MAXARG_C,
} from './instruction.ts';
import type { Constant, Proto } from './proto.ts';
import { LUA_SIGNATURE } from './undump.ts';

/** Metamethod event names, indexed by the C operand of MMBIN* (ltm.h order). */
export const TM_NAMES: readonly string[] = [
  '__index', '__newindex', '__gc', '__mode', '__len', '__eq',
  '__add', '__sub', '__mul', '__mod', '__pow', '__div', '__idiv',
  '__band', '__bor', '__bxor', '__shl', '__shr',
  '__unm', '__bnot', '__lt', '__le', '__concat', '__call', '__close',
];

export { formatG14 };

/** A string constant quoted and escaped as luac's PrintString does. */
export function quoteString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 0x22: out += '\\"'; break;
      case 0x5c: out += '\\\\'; break;
      case 0x07: out += '\\a'; break;
      case 0x08: out += '\\b'; break;
      case 0x0c: out += '\\f'; break;
      case 0x0a: out += '\\n'; break;
      case 0x0d: out += '\\r'; break;
      case 0x09: out += '\\t'; break;
      case 0x0b: out += '\\v'; break;
      default:
        // isprint in the C locale: printable ASCII only.
        out += c >= 0x20 && c < 0x7f ? s[i] : '\\' + String(c).padStart(3, '0');
    }
  }
  return out + '"';
}

function isBoxedFloat(k: Constant): k is { readonly n: number } {
  return typeof k === 'object' && k !== null;
}

/** One constant as luac's PrintConstant shows it. */
export function formatConstant(k: Constant): string {
  if (k === undefined) return 'nil';
  if (typeof k === 'boolean') return k ? 'true' : 'false';
  if (typeof k === 'string') return quoteString(k);
  if (typeof k === 'bigint') return k.toString();
  if (typeof k === 'number' && Number.isSafeInteger(k)) return String(k); // an integer
  const text = formatG14(isBoxedFloat(k) ? k.n : k);
  // A float that prints like an integer gets ".0", so the two stay apart.
  return /^[-0-9]*$/.test(text) ? text + '.0' : text;
}

/** The one-letter type column of the constants table. */
export function constantType(k: Constant): string {
  if (k === undefined) return 'N';
  if (typeof k === 'boolean') return 'B';
  if (typeof k === 'string') return 'S';
  if (typeof k === 'bigint' || (typeof k === 'number' && Number.isSafeInteger(k))) return 'I';
  return 'F';
}

/** Assigns the pseudo-addresses: functions numbered in listing order. */
export type AddressOf = (f: Proto) => string;

function numberFunctions(main: Proto): AddressOf {
  const ids = new Map<Proto, number>();
  const visit = (f: Proto): void => {
    ids.set(f, ids.size);
    for (const p of f.protos) visit(p);
  };
  visit(main);
  return (f) => '0x' + (ids.get(f) ?? 0).toString(16);
}

function upvalueName(f: Proto, i: number): string {
  return f.upvalues[i]?.name ?? '-';
}

function plural(n: number): string { return n === 1 ? '' : 's'; }

/** The operands and comment of instruction `pc`, after the opcode column. */
export function formatOperands(f: Proto, pc: number, addressOf: AddressOf): string {
  const i = f.code[pc];
  const a = getA(i), b = getB(i), c = getC(i), k = getk(i);
  const bx = getBx(i), sb = getsB(i), sc = getsC(i);
  const K = (n: number): string => formatConstant(f.constants[n]);
  const isk = k ? 'k' : '';
  const next = pc + 1 < f.code.length ? getAx(f.code[pc + 1]) : 0; // EXTRAARG
  const op = getOp(i);
  switch (op) {
    case OpCode.MOVE: return `${a} ${b}`;
    case OpCode.LOADI: case OpCode.LOADF: return `${a} ${getsBx(i)}`;
    case OpCode.LOADK: return `${a} ${bx}\t; ${K(bx)}`;
    case OpCode.LOADKX: return `${a}\t; ${K(next)}`;
    case OpCode.LOADFALSE: case OpCode.LFALSESKIP: case OpCode.LOADTRUE: return `${a}`;
    case OpCode.LOADNIL: return `${a} ${b}\t; ${b + 1} out`;
    case OpCode.GETUPVAL: case OpCode.SETUPVAL: return `${a} ${b}\t; ${upvalueName(f, b)}`;
    case OpCode.GETTABUP: return `${a} ${b} ${c}\t; ${upvalueName(f, b)} ${K(c)}`;
    case OpCode.GETTABLE: case OpCode.GETI: return `${a} ${b} ${c}`;
    case OpCode.GETFIELD: return `${a} ${b} ${c}\t; ${K(c)}`;
    case OpCode.SETTABUP:
      return `${a} ${b} ${c}${isk}\t; ${upvalueName(f, a)} ${K(b)}` + (k ? ` ${K(c)}` : '');
    case OpCode.SETTABLE: case OpCode.SETI: case OpCode.SELF:
      return `${a} ${b} ${c}${isk}` + (k ? `\t; ${K(c)}` : '');
    case OpCode.SETFIELD: return `${a} ${b} ${c}${isk}\t; ${K(b)}` + (k ? ` ${K(c)}` : '');
    case OpCode.NEWTABLE: return `${a} ${b} ${c}\t; ${c + next * (MAXARG_C + 1)}`;
    case OpCode.ADDI: case OpCode.SHRI: case OpCode.SHLI: return `${a} ${b} ${sc}`;
    case OpCode.ADDK: case OpCode.SUBK: case OpCode.MULK: case OpCode.MODK:
    case OpCode.POWK: case OpCode.DIVK: case OpCode.IDIVK: case OpCode.BANDK:
    case OpCode.BORK: case OpCode.BXORK:
      return `${a} ${b} ${c}\t; ${K(c)}`;
    case OpCode.ADD: case OpCode.SUB: case OpCode.MUL: case OpCode.MOD: case OpCode.POW:
    case OpCode.DIV: case OpCode.IDIV: case OpCode.BAND: case OpCode.BOR: case OpCode.BXOR:
    case OpCode.SHL: case OpCode.SHR:
      return `${a} ${b} ${c}`;
    case OpCode.MMBIN: return `${a} ${b} ${c}\t; ${TM_NAMES[c]}`;
    case OpCode.MMBINI: return `${a} ${sb} ${c} ${k}\t; ${TM_NAMES[c]}` + (k ? ' flip' : '');
    case OpCode.MMBINK:
      return `${a} ${b} ${c} ${k}\t; ${TM_NAMES[c]} ${K(b)}` + (k ? ' flip' : '');
    case OpCode.UNM: case OpCode.BNOT: case OpCode.NOT: case OpCode.LEN: case OpCode.CONCAT:
      return `${a} ${b}`;
    case OpCode.CLOSE: case OpCode.TBC: case OpCode.RETURN1: case OpCode.VARARGPREP:
      return `${a}`;
    case OpCode.JMP: return `${getsJ(i)}\t; to ${getsJ(i) + pc + 2}`;
    case OpCode.EQ: case OpCode.LT: case OpCode.LE: return `${a} ${b} ${k}`;
    case OpCode.EQK: return `${a} ${b} ${k}\t; ${K(b)}`;
    case OpCode.EQI: case OpCode.LTI: case OpCode.LEI: case OpCode.GTI: case OpCode.GEI:
      return `${a} ${sb} ${k}`;
    case OpCode.TEST: return `${a} ${k}`;
    case OpCode.TESTSET: return `${a} ${b} ${k}`;
    case OpCode.CALL:
      return `${a} ${b} ${c}\t; ${b === 0 ? 'all in ' : `${b - 1} in `}${c === 0 ? 'all out' : `${c - 1} out`}`;
    case OpCode.TAILCALL: return `${a} ${b} ${c}${isk}\t; ${b - 1} in`;
    case OpCode.RETURN: return `${a} ${b} ${c}${isk}\t; ${b === 0 ? 'all out' : `${b - 1} out`}`;
    case OpCode.RETURN0: return '';
    case OpCode.FORLOOP: case OpCode.TFORLOOP: return `${a} ${bx}\t; to ${pc - bx + 2}`;
    case OpCode.FORPREP: return `${a} ${bx}\t; exit to ${pc + bx + 3}`;
    case OpCode.TFORPREP: return `${a} ${bx}\t; to ${pc + bx + 2}`;
    case OpCode.TFORCALL: return `${a} ${c}`;
    case OpCode.SETLIST: return `${a} ${b} ${c}` + (k ? `\t; ${c + next * (MAXARG_C + 1)}` : '');
    case OpCode.CLOSURE: return `${a} ${bx}\t; ${f.protos[bx] ? addressOf(f.protos[bx]) : '(nil)'}`;
    case OpCode.VARARG: return `${a} ${c}\t; ${c === 0 ? 'all out' : `${c - 1} out`}`;
    case OpCode.EXTRAARG: return `${getAx(i)}`;
    default: return ''; // an opcode number past EXTRAARG: luac prints nothing either
  }
}

/** The code lines of one function (luac's PrintCode). */
export function listCode(f: Proto, addressOf: AddressOf = numberFunctions(f)): string {
  let out = '';
  for (let pc = 0; pc < f.code.length; pc++) {
    const line = f.lineAt(pc);
    const name = OPCODES[getOp(f.code[pc])]?.name ?? '';
    out += `\t${pc + 1}\t${line > 0 ? `[${line}]` : '[-]'}\t${name.padEnd(9)}\t`;
    out += formatOperands(f, pc, addressOf) + '\n';
  }
  return out;
}

function chunkLabel(source: string | undefined): string {
  const s = source ?? '=?';
  if (s[0] === '@' || s[0] === '=') return s.slice(1);
  return s[0] === LUA_SIGNATURE[0] ? '(bstring)' : '(string)';
}

/** The two header lines of one function (luac's PrintHeader). */
export function listHeader(f: Proto, addressOf: AddressOf): string {
  const n = f.code.length;
  return `\n${f.linedefined === 0 ? 'main' : 'function'} <${chunkLabel(f.source)}:` +
    `${f.linedefined},${f.lastlinedefined}> (${n} instruction${plural(n)} at ${addressOf(f)})\n` +
    `${f.numparams}${f.isVararg ? '+' : ''} param${plural(f.numparams)}, ` +
    `${f.maxstacksize} slot${plural(f.maxstacksize)}, ` +
    `${f.upvalues.length} upvalue${plural(f.upvalues.length)}, ` +
    `${f.locvars.length} local${plural(f.locvars.length)}, ` +
    `${f.constants.length} constant${plural(f.constants.length)}, ` +
    `${f.protos.length} function${plural(f.protos.length)}\n`;
}

/** Constants, locals and upvalues of one function (luac's PrintDebug). */
export function listDebug(f: Proto, addressOf: AddressOf): string {
  const at = addressOf(f);
  let out = `constants (${f.constants.length}) for ${at}:\n`;
  f.constants.forEach((k, i) => { out += `\t${i}\t${constantType(k)}\t${formatConstant(k)}\n`; });
  out += `locals (${f.locvars.length}) for ${at}:\n`;
  f.locvars.forEach((v, i) => { out += `\t${i}\t${v.name}\t${v.startpc + 1}\t${v.endpc + 1}\n`; });
  out += `upvalues (${f.upvalues.length}) for ${at}:\n`;
  f.upvalues.forEach((u, i) => {
    out += `\t${i}\t${upvalueName(f, i)}\t${u.instack ? 1 : 0}\t${u.index}\n`;
  });
  return out;
}

/**
 * The listing of `main` and every function nested in it: `full` false is
 * `luac -l`, true is `luac -l -l`.
 */
export function listing(main: Proto, full = false, addressOf: AddressOf = numberFunctions(main)): string {
  let out = listHeader(main, addressOf) + listCode(main, addressOf);
  if (full) out += listDebug(main, addressOf);
  for (const p of main.protos) out += listing(p, full, addressOf);
  return out;
}

/** Replace every address (luac's or lucid's) by `ADDR`, for comparisons. */
export function normalizeAddresses(text: string): string {
  return text.replace(/\b0x[0-9a-fA-F]+\b/g, 'ADDR');
}
