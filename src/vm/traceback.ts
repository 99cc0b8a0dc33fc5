/**
 * # Stack levels, function names and tracebacks
 *
 * Responsibility: seeing a thread's call stack as Lua's debug interface
 * does — numbered levels, each a Lua function or a `[C]` function — naming
 * each function from the instruction that called it, and printing the
 * `stack traceback:` of `debug.traceback`, `xpcall(f, debug.traceback)`
 * and the standalone interpreter, in PUC-Rio's layout.
 *
 * Manual: §4.7 (lua_getstack, lua_getinfo), §6.10 (debug.traceback,
 * debug.getinfo). PUC-Rio counterpart: `ldebug.c` (lua_getstack,
 * funcnamefromcode, funcnamefromcall), `lauxlib.c` (luaL_traceback,
 * pushglobalfuncname, pushfuncname).
 *
 * Levels: level 0 is the running function. Plain natives get no frame,
 * so the running one (`L.ccall`) is a level of its own above the top
 * frame; `callSync` and the error handler push a native frame for the
 * plain native they interrupt, so every native on the way is a level. The
 * main thread ends with `[C]: in ?`, the host that called into Lua (in
 * lua.c, the C function `pmain`).
 *
 * Invariant: nothing here changes the thread; it only reads frames.
 *
 * Read next: `errors.ts` (getObjName, shared with error messages),
 * `src/lib/debug.ts`.
 */
import type { LuaValue } from '../value/types.ts';
import { OpCode } from '../bytecode/opcodes.ts';
import { chunkid } from '../parser/errors.ts';
import { getObjName } from './errors.ts';
import { LuaClosure, LuaNative, FrameFlag, Cont, type Frame, type LuaThread } from '../object/objects.ts';
import { LuaTable, cString } from '../value/index.ts';

/** One level of the stack. */
export interface StackLevel {
  /** The running function (undefined for the host's `[C]: in ?`). */
  fn: LuaClosure | LuaNative | undefined;
  /** The frame, for Lua functions and generator natives. */
  ci: Frame | undefined;
  /** The frame that called this one, if it is a Lua frame that can name it. */
  caller: Frame | undefined;
  /** Was it entered by a tail call (its caller's name is lost)? */
  tail: boolean;
}

/** The levels of `L`, level 0 first. */
export function stackLevels(L: LuaThread): StackLevel[] {
  const out: StackLevel[] = [];
  if (L.ccall !== undefined) {
    out.push({ fn: L.ccall, ci: undefined, caller: L.depth >= 0 ? L.frames[L.depth] : undefined, tail: false });
  }
  for (let d = L.depth; d >= 0; d--) {
    const ci = L.frames[d];
    out.push({
      fn: ci.closure ?? ci.native, ci, caller: d > 0 ? L.frames[d - 1] : undefined,
      tail: (ci.flags & FrameFlag.TAIL) !== 0,
    });
  }
  // the host below the main thread, unless a host wrapper frame already stands for it
  if (L === L.global.mainThread && (L.depth < 0 || L.frames[0].closure !== undefined)) {
    out.push({ fn: undefined, ci: undefined, caller: undefined, tail: false });
  }
  return out;
}

const TM_NAMES = ['index', 'newindex', 'gc', 'mode', 'len', 'eq', 'add', 'sub', 'mul', 'mod', 'pow',
  'div', 'idiv', 'band', 'bor', 'bxor', 'shl', 'shr', 'unm', 'bnot', 'lt', 'le', 'concat', 'call', 'close'];

/**
 * [namewhat, name] of the function a level runs, read off the calling
 * instruction of its caller (funcnamefromcode), or undefined.
 */
export function funcName(level: StackLevel): [string, string] | undefined {
  const c = level.caller;
  if (!level.tail && c !== undefined && (c.flags & FrameFlag.HOOKED) !== 0) return ['hook', '?'];  // hooks.ts
  if (!level.tail && c !== undefined && (c.flags & FrameFlag.FIN) !== 0) return ['metamethod', '__gc'];
  if (level.tail || c === undefined || c.closure === undefined) return undefined;
  const p = c.closure.proto;
  const pc = c.pc - 1;
  const i = p.code[pc];
  let tm: string;
  if (level.ci !== undefined && level.ci.cont === Cont.DISCARD && isCloseRerun(p.code, c.pc, i)) {
    // a __close handler run as a frame: its caller's pc was moved back onto the CLOSE/RETURN to repeat it
    return ['metamethod', 'close'];
  }
  switch (i & 0x7f) {
    case OpCode.CALL: case OpCode.TAILCALL: return getObjName(p, pc, (i >>> 7) & 0xff);
    case OpCode.TFORCALL: return ['for iterator', 'for iterator'];
    case OpCode.SELF: case OpCode.GETTABUP: case OpCode.GETTABLE: case OpCode.GETI: case OpCode.GETFIELD:
      tm = 'index'; break;
    case OpCode.SETTABUP: case OpCode.SETTABLE: case OpCode.SETI: case OpCode.SETFIELD: tm = 'newindex'; break;
    case OpCode.MMBIN: case OpCode.MMBINI: case OpCode.MMBINK: tm = TM_NAMES[i >>> 24]; break;
    case OpCode.UNM: tm = 'unm'; break;
    case OpCode.BNOT: tm = 'bnot'; break;
    case OpCode.LEN: tm = 'len'; break;
    case OpCode.CONCAT: tm = 'concat'; break;
    case OpCode.EQ: tm = 'eq'; break;
    case OpCode.LT: case OpCode.LTI: case OpCode.GTI: tm = 'lt'; break;
    case OpCode.LE: case OpCode.LEI: case OpCode.GEI: tm = 'le'; break;
    case OpCode.CLOSE: case OpCode.RETURN: tm = 'close'; break;
    default: return undefined;
  }
  return ['metamethod', tm];
}

/** Does the caller stand on a CLOSE or RETURN it will repeat (not after a SET* whose __newindex runs)? */
function isCloseRerun(code: ArrayLike<number>, pc: number, prev: number): boolean {
  const op = code[pc] & 0x7f;
  const p = prev & 0x7f;
  const isSet = p === OpCode.SETTABUP || p === OpCode.SETTABLE || p === OpCode.SETI || p === OpCode.SETFIELD;
  return !isSet && (op === OpCode.CLOSE || op === OpCode.RETURN);
}

/** The name under which `fn` is reachable from the loaded libraries ("print", "string.rep"). */
export function globalName(L: LuaThread, fn: LuaValue): string | undefined {
  const G = L.global.globals;
  const loaded = L.global.registry.get('_LOADED');
  // without a package library, the global table and the library tables in it play package.loaded
  const modules: [string, LuaTable][] = [];
  if (loaded instanceof LuaTable) {
    for (let k = loaded.next(undefined); k !== undefined; k = loaded.next(k[0])) {
      if (typeof k[0] === 'string' && k[1] instanceof LuaTable) modules.push([k[0], k[1]]);
    }
  } else {
    modules.push(['_G', G]);
    for (const lib of ['string', 'table', 'math', 'io', 'os', 'coroutine', 'utf8', 'debug', 'package']) {
      const t = G.get(lib);
      if (t instanceof LuaTable) modules.push([lib, t]);
    }
  }
  for (const [mod, t] of modules) {
    for (let k = t.next(undefined); k !== undefined; k = t.next(k[0])) {
      if (k[1] === fn && typeof k[0] === 'string') return mod === '_G' ? k[0] : `${mod}.${k[0]}`;
    }
  }
  return undefined;
}

/**
 * "chunk:line:" part and currentline of a level ("[C]" for natives).
 *
 * @returns `short`: the short source (`chunk` or `[C]`); `line`: the current
 *   line (-1 for natives); `what`: `"Lua"`, `"main"` or `"C"`, as `debug.getinfo` says.
 */
export function levelSource(level: StackLevel): { short: string; line: number; what: string } {
  const fn = level.fn;
  if (!(fn instanceof LuaClosure)) return { short: '[C]', line: -1, what: 'C' };
  const p = fn.proto;
  const line = level.ci !== undefined ? p.lineAt(level.ci.pc - 1) : -1;
  return { short: chunkid(p.source ?? '=?'), line, what: p.linedefined === 0 ? 'main' : 'Lua' };
}

/** "function 'print'", "local 'f'", "main chunk", "function <file:12>", "?" (pushfuncname). */
function describe(L: LuaThread, level: StackLevel): string {
  const g = level.fn !== undefined ? globalName(L, level.fn) : undefined;
  if (g !== undefined) return `function '${g}'`;
  const n = funcName(level);
  if (n !== undefined) return `${n[0]} '${n[1]}'`;
  const src = levelSource(level);
  if (src.what === 'main') return 'main chunk';
  if (src.what === 'Lua') return `function <${src.short}:${(level.fn as LuaClosure).proto.linedefined}>`;
  return '?';
}

/** Levels shown before and after the "..." of a long traceback (PUC-Rio's LEVELS1/LEVELS2). */
const LEVELS1 = 10, LEVELS2 = 11;

/**
 * The traceback of thread `L1` from `level` down, after `msg` (a string
 * or undefined), as luaL_traceback prints it.
 */
export function traceback(L1: LuaThread, msg: string | undefined, level: number): string {
  const levels = stackLevels(L1);
  // luaL_traceback takes the message as a C string: it ends at a NUL
  let out = msg !== undefined ? cString(msg) + '\nstack traceback:' : 'stack traceback:';
  const last = levels.length - 1;
  let limit = last - level > LEVELS1 + LEVELS2 ? LEVELS1 : -1;
  for (let k = level; k <= last; k++) {
    if (limit-- === 0) {
      // like PUC-Rio, the level that hit the limit is skipped too but not counted
      const n = last - k - LEVELS2;
      out += `\n\t...\t(skipping ${n} levels)`;
      k += n;
      continue;
    }
    const lv = levels[k];
    const src = levelSource(lv);
    out += src.line > 0 ? `\n\t${src.short}:${src.line}: in ` : `\n\t${src.short}: in `;
    out += describe(L1, lv);
    if (lv.tail) out += '\n\t(...tail calls...)';
  }
  return out;
}
