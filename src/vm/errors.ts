/**
 * # Runtime errors and how they name variables
 *
 * Responsibility: raising Lua runtime errors from the VM with PUC-Rio's
 * wording and position prefix (`chunk:line:`), describing the culprit from
 * the bytecode ("(global 'x')", "(field 'y')", "(local 't')", ...), and
 * turning stray JS exceptions into Lua errors.
 *
 * Manual: §2.3 (error handling). PUC-Rio counterpart: `ldebug.c`
 * (luaG_typeerror, luaG_opinterror, luaG_ordererror, varinfo, getobjname,
 * findsetreg, luaG_runerror/luaG_addinfo).
 *
 * Invariant: the frame raising the error has its `pc` saved (the dispatch
 * loop stores `ci.pc` before every slow path), so `pc - 1` is the faulting
 * instruction.
 *
 * How a variable is named: if the register holds an active local, its name;
 * otherwise find the instruction that last wrote the register before the
 * fault (a forward scan that forgets writes jumped over) and read the name
 * off that instruction: GETTABUP on `_ENV` is a global, GETFIELD a field,
 * GETUPVAL an upvalue, LOADK of a string a constant, SELF a method.
 *
 * Read next: `execute.ts`, `src/value/error.ts`.
 */
import { OpCode, OPCODES } from '../bytecode/opcodes.ts';
import type { Proto } from '../bytecode/proto.ts';
import { chunkid } from '../parser/errors.ts';
import { LuaError, asLuaError, cString } from '../value/index.ts';
import type { Frame, LuaThread } from '../object/objects.ts';
import type { LuaValue } from '../value/types.ts';
import { objTypeName } from './meta.ts';

export { LuaError };

/** The instruction that last set register `reg` before `lastpc`, or -1. */
function findSetReg(p: Proto, lastpc: number, reg: number): number {
  const code = p.code;
  if (OPCODES[code[lastpc] & 0x7f].isMetamethodCall) lastpc--;
  let setreg = -1, jmptarget = 0;
  for (let pc = 0; pc < lastpc; pc++) {
    const i = code[pc], op = i & 0x7f, a = (i >>> 7) & 0xff;
    let change = false;
    switch (op) {
      case OpCode.LOADNIL: change = a <= reg && reg <= a + ((i >>> 16) & 0xff); break;
      case OpCode.TFORCALL: change = reg >= a + 2; break;
      case OpCode.CALL: case OpCode.TAILCALL: change = reg >= a; break;
      case OpCode.JMP: {
        const dest = pc + 1 + ((i >>> 7) - 16777215);
        if (dest <= lastpc && dest > jmptarget) jmptarget = dest;
        break;
      }
      default: change = OPCODES[op].setsA && reg === a;
    }
    if (change) setreg = pc < jmptarget ? -1 : pc;
  }
  return setreg;
}

function upvalName(p: Proto, n: number): string {
  return p.upvalues[n]?.name ?? '?';
}

/**
 * Name of the string constant `K[k]`, or '?'. Names reach messages,
 * tracebacks and debug.getinfo as C strings: `_ENV["a\0b"]` is global 'a'.
 */
function kname(p: Proto, k: number): string {
  const c = p.constants[k];
  return typeof c === 'string' ? cString(c) : '?';
}

/** Is register/upvalue `t` the `_ENV` table? */
function isEnv(p: Proto, pc: number, i: number, isUp: boolean): string {
  const t = (i >>> 16) & 0xff;
  let name: string | undefined;
  if (isUp) name = upvalName(p, t);
  else {
    // only a variable can be _ENV: `a._ENV.x` and `('_ENV').x` index fields
    const d = getObjName(p, pc, t);
    name = d !== undefined && (d[0] === 'local' || d[0] === 'upvalue') ? d[1] : undefined;
  }
  return name === '_ENV' ? 'global' : 'field';
}

/** [kind, name] describing register `reg` at `lastpc`, or undefined. */
export function getObjName(p: Proto, lastpc: number, reg: number): [string, string] | undefined {
  const local = p.localName(reg + 1, lastpc);
  if (local !== undefined) return ['local', local];
  const pc = findSetReg(p, lastpc, reg);
  if (pc === -1) return undefined;
  const i = p.code[pc], op = i & 0x7f;
  const a = (i >>> 7) & 0xff, b = (i >>> 16) & 0xff, c = i >>> 24;
  switch (op) {
    case OpCode.MOVE:
      return b < a ? getObjName(p, pc, b) : undefined;
    case OpCode.GETTABUP: return [isEnv(p, pc, i, true), kname(p, c)];
    case OpCode.GETTABLE: {
      const key = getObjName(p, pc, c);
      return [isEnv(p, pc, i, false), key && key[0] === 'constant' ? key[1] : '?'];
    }
    case OpCode.GETI: return ['field', 'integer index'];
    case OpCode.GETFIELD: return [isEnv(p, pc, i, false), kname(p, c)];
    case OpCode.GETUPVAL: return ['upvalue', upvalName(p, b)];
    case OpCode.LOADK: case OpCode.LOADKX: {
      const k = op === OpCode.LOADK ? i >>> 15 : p.code[pc + 1] >>> 7;
      return typeof p.constants[k] === 'string' ? ['constant', cString(p.constants[k] as string)] : undefined;
    }
    case OpCode.SELF: {
      // the key is a constant, or (with many constants) a register loaded from one
      if ((i >>> 15) & 1) return ['method', kname(p, c)];
      const key = getObjName(p, pc, c);
      return ['method', key !== undefined && key[0] === 'constant' ? key[1] : '?'];
    }
  }
  return undefined;
}

/** Where the culprit of an error lives: a register, an upvalue, or unknown. */
export const NO_VAR = -1;
/**
 * The culprit "location" of an operation a native asks for through the
 * embedding API (lua_gettable, lua_settable, lua_compare): there is no
 * instruction to name a variable from, and, as for any error raised while
 * a C function runs (luaG_runerror adds a position for Lua frames only),
 * the message gets no `chunk:line:` prefix.
 */
export const FROM_API = -2;
/** Encode upvalue `n` as a culprit location (registers are 0..255). */
export function upvalLoc(n: number): number { return 1000 + n; }

/** " (global 'x')" for the culprit at `loc` in the running frame, or "". */
export function varInfo(L: LuaThread, loc: number): string {
  if (loc < 0 || L.depth < 0) return '';
  const ci = L.frames[L.depth];
  if (ci.closure === undefined) return '';
  const p = ci.closure.proto;
  let d: [string, string] | undefined;
  if (loc >= 1000) d = ['upvalue', upvalName(p, loc - 1000)];
  else d = getObjName(p, ci.pc - 1, loc);
  return d ? ` (${d[0]} '${d[1]}')` : '';
}

/**
 * "chunk:line:" of a Lua frame for a runtime error (luaG_addinfo), or "" for
 * a native one. A stripped chunk has neither source nor lines: "?:-1:".
 */
export function where(ci: Frame | undefined): string {
  if (ci === undefined || ci.closure === undefined) return '';
  const p = ci.closure.proto;
  return `${p.source === undefined ? '?' : chunkid(p.source)}:${p.lineAt(ci.pc - 1)}: `;
}

/**
 * The position a library error gets (luaL_where): like `where`, but nothing
 * at all when the line is unknown, so `error("x")` in a stripped chunk is
 * just "x".
 */
export function libWhere(ci: Frame | undefined): string {
  if (ci === undefined || ci.closure === undefined) return '';
  const p = ci.closure.proto;
  const line = p.lineAt(ci.pc - 1);
  return line > 0 ? `${chunkid(p.source ?? '=?')}:${line}: ` : '';
}

/** Raise a runtime error at the running Lua frame (luaG_runerror). */
export function runError(L: LuaThread, msg: string): never {
  const ci = L.depth >= 0 ? L.frames[L.depth] : undefined;
  throw new LuaError(where(ci) + msg);
}

/**
 * Raise a runtime error of an operation whose culprit is at `loc`: at the
 * running Lua frame, or, for an operation done through the API (`loc` is
 * FROM_API), with the bare message.
 */
export function opError(L: LuaThread, msg: string, loc: number): never {
  if (loc === FROM_API) throw new LuaError(msg);
  runError(L, msg);
}

/** "attempt to <op> a <type> value (<var>)". */
export function typeError(L: LuaThread, v: LuaValue, op: string, loc: number): never {
  opError(L, `attempt to ${op} a ${objTypeName(v)} value${varInfo(L, loc)}`, loc);
}

/** Comparison of incompatible values (luaG_ordererror); `loc` is NO_VAR, or FROM_API for lua_compare. */
export function orderError(L: LuaThread, a: LuaValue, b: LuaValue, loc: number = NO_VAR): never {
  const t1 = objTypeName(a), t2 = objTypeName(b);
  opError(L, t1 === t2 ? `attempt to compare two ${t1} values` : `attempt to compare ${t1} with ${t2}`, loc);
}

/**
 * Convert anything thrown inside the VM into a LuaError: Lua errors pass,
 * a JS RangeError is Lua's "stack overflow" or "not enough memory", and any
 * other exception is a bug in lucid, reported as such rather than hidden
 * (`asLuaError`). A runtime error raised by a value helper that did not
 * know where it ran gets the position of the running instruction here.
 */
export function toLuaError(L: LuaThread, e: unknown): LuaError {
  if (!(e instanceof LuaError) && !(e instanceof RangeError) && L.depth >= 0 && L.frames[L.depth].closure?.proto.binary) {
    // Code from a binary chunk whose bytes were altered can ask the VM for
    // what no compiler emits (SETLIST into a number, a constant past the
    // end); lua would crash or misbehave. lucid's instructions then fail in
    // JS: that is the chunk's fault, and the message says so (the JS
    // exception stays as the cause, for whoever debugs lucid itself).
    const err = new LuaError(`${where(L.frames[L.depth])}malformed binary chunk: its code cannot run`);
    err.cause = e;
    return err;
  }
  const err = asLuaError(e);
  if (err.needsPosition) {
    err.needsPosition = false;
    if (typeof err.value === 'string') {
      err.value = where(L.depth >= 0 ? L.frames[L.depth] : undefined) + err.value;
      err.message = err.value;
    }
  }
  return err;
}
