/**
 * # The dispatch loop
 *
 * Responsibility: running Lua frames, one instruction at a time, for all 83
 * opcodes of Lua 5.4, without growing the JavaScript stack (docs/design.md §4):
 * a Lua→Lua call pushes a frame and the loop reloads its locals; a return
 * pops the frame and the loop goes on in the caller; a tail call reuses the
 * frame; a metamethod written in Lua runs as a frame whose return finishes
 * the interrupted instruction (`call.ts`, finishReturn).
 *
 * Manual: §3 (the language; each opcode implements a piece of it).
 * PUC-Rio counterpart: `lvm.c` (luaV_execute), with `ldo.c` for calls.
 *
 * Invariants:
 * - Each `case` decodes its operands itself and keeps the common case
 *   inline (docs/performance.md R1–R3): safe integers first, then plain floats;
 *   anything else calls one slow helper in `meta.ts` / `src/value/index.ts`.
 * - Before any slow path, `ci.pc = pc` is saved, so errors and metamethod
 *   frames know where the frame stands. A slow path returning PENDING
 *   pushed a frame: `continue reload` switches to it.
 * - Opcodes are numeric literals with their name beside them: tsx compiles
 *   file by file, and a `const enum` imported from another file would turn
 *   every `case` into a property load.
 * - Nothing is allocated per instruction, except the objects Lua asks for
 *   (tables, closures, strings, boxed integral floats).
 *
 * Read next: `call.ts` (calls and returns), `meta.ts` (slow paths),
 * `errors.ts` (messages).
 */
import { LuaClosure, Cont, type LuaThread, type UpVal } from '../object/objects.ts';
import {
  precall, finishReturn, PENDING, YIELD, isSignal, Suspend, callHandler, closeNextAsFrame, unwindTo, unwindInto, driveGenerator, stackOverflow, closeStackReserve,
} from './call.ts';
import { tick, takeRequestedCheck } from './budget.ts';
import { enterFrame, traceExec, hookReturn, hookVarargCall } from './hooks.ts';
import { stringSize } from '../value/collectable.ts';
import { gcStep } from '../gc/collector.ts';
import {
  index, setIndex, arithMeta, unaryMeta, bitwiseOperands, length, concat, equalMeta, lessMeta, metafield,
} from './meta.ts';
import { runError, toLuaError, NO_VAR, upvalLoc, getObjName } from './errors.ts';
import { forPrep, forLoop } from './forloop.ts';
import {
  LuaTable, LuaFloat, boxfloat, mkfloat, arith, ArithOp, isNumber, rawEquals, type LuaError,
} from '../value/index.ts';
import { pow } from '../value/number.ts';

/**
 * Run the thread until the frame at depth `stopDepth` has returned. Errors
 * are caught here and thrown into the nearest generator native (pcall)
 * above `stopDepth`; if there is none, they propagate to the caller.
 */
export function execute(L: LuaThread, stopDepth: number): void {
  for (;;) {
    try {
      run(L, stopDepth);
      return;
    } catch (e) {
      if (e === YIELD || e instanceof Suspend) throw e;  // the thread suspends: its frames stay as they are
      const err = toLuaError(L, e);
      // an error no pcall catches leaves a coroutine's frames in place (resume.ts)
      if (!recover(L, stopDepth, err, L !== L.global.mainThread)) throw err;
    }
  }
}

/** Unwind to the nearest generator frame and throw `err` into it; false if none. */
export function recover(L: LuaThread, stopDepth: number, err: LuaError, keep = false): boolean {
  callHandler(L, err);  // an xpcall's handler sees the stack as it was
  const failed = L.ccall;
  L.ccall = undefined;
  for (;;) {
    let d = L.depth;
    while (d >= stopDepth && L.frames[d].gen === undefined) d--;
    if (d < stopDepth) {
      // uncaught: a coroutine keeps its frames (`keep`), down to the native
      // that raised the error ("[C]: in function 'error'" in its traceback);
      // others unwind
      if (keep) L.ccall = failed;
      else { unwindTo(L, stopDepth - 1, err); closeStackReserve(L); }
      return false;
    }
    unwindInto(L, d, err);
    closeStackReserve(L);
    try {
      driveGenerator(L, L.frames[d], undefined, err);
      return true;
    } catch (e) {
      if (isSignal(e)) throw e;  // the generator's next request suspended the thread
      err = toLuaError(L, e);
      callHandler(L, err);
      L.ccall = undefined;
    }
  }
}

function run(L: LuaThread, stopDepth: number): void {
  const stack = L.stack;
  const G = L.global;
  const heap = G.heap;
  reload: for (;;) {
    if (L.depth < stopDepth) return;
    const ci = L.frames[L.depth];
    const cl = ci.closure;
    if (cl === undefined) {
      // only a native waiting for a host Promise stays on top: suspend the thread
      if (ci.awaiting !== undefined) throw new Suspend(L, ci.awaiting);
      throw new Error('a native frame is on top of the dispatch loop');
    }
    const p = cl.proto;
    const code = p.code;
    const K = p.constants;
    const upvals: UpVal[] = cl.upvals;
    let base = ci.base;
    let pc = ci.pc;
    // debug hooks (hooks.ts): zero unless a hook is set, so the check below costs one test
    let trap = L.hookmask;
    if (trap !== 0) trap = enterFrame(L, ci);
    for (;;) {
      if (trap !== 0) { ci.pc = pc; trap = traceExec(L, ci); }
      const i = code[pc++];
      const A = (i >>> 7) & 0xff;
      switch (i & 0x7f) {
        case 0: /* MOVE */ stack[base + A] = stack[base + ((i >>> 16) & 0xff)]; break;
        case 1: /* LOADI */ stack[base + A] = (i >>> 15) - 65535; break;
        case 2: /* LOADF */ stack[base + A] = boxfloat((i >>> 15) - 65535); break;
        case 3: /* LOADK */ stack[base + A] = K[i >>> 15]; break;
        case 4: /* LOADKX */ stack[base + A] = K[code[pc++] >>> 7]; break;
        case 5: /* LOADFALSE */ stack[base + A] = false; break;
        case 6: /* LFALSESKIP */ stack[base + A] = false; pc++; break;
        case 7: /* LOADTRUE */ stack[base + A] = true; break;
        case 8: /* LOADNIL */ {
          for (let j = base + A, e = j + ((i >>> 16) & 0xff); j <= e; j++) stack[j] = undefined;
          break;
        }
        case 9: /* GETUPVAL */ {
          const u = upvals[(i >>> 16) & 0xff];
          stack[base + A] = u.thread !== undefined ? u.thread.stack[u.index] : u.value;
          break;
        }
        case 10: /* SETUPVAL */ upvals[(i >>> 16) & 0xff].set(stack[base + A]); break;
        case 11: /* GETTABUP */ {
          const B = (i >>> 16) & 0xff;
          const t = upvals[B].get();
          const key = K[i >>> 24] as string;
          if (t instanceof LuaTable) {
            const v = t.getStr(key);
            if (v !== undefined || t.metatable === undefined) { stack[base + A] = v; break; }
          }
          ci.pc = pc;
          const v = index(L, t, key, upvalLoc(B), A);
          if (v === PENDING) continue reload;
          stack[base + A] = v;
          break;
        }
        case 12: /* GETTABLE */ {
          const B = (i >>> 16) & 0xff;
          const t = stack[base + B], key = stack[base + (i >>> 24)];
          if (t instanceof LuaTable) {
            const v = t.get(key);
            if (v !== undefined || t.metatable === undefined) { stack[base + A] = v; break; }
          }
          ci.pc = pc;
          const v = index(L, t, key, B, A);
          if (v === PENDING) continue reload;
          stack[base + A] = v;
          break;
        }
        case 13: /* GETI */ {
          const B = (i >>> 16) & 0xff;
          const t = stack[base + B];
          if (t instanceof LuaTable) {
            const v = t.getInt(i >>> 24);
            if (v !== undefined || t.metatable === undefined) { stack[base + A] = v; break; }
          }
          ci.pc = pc;
          const v = index(L, t, i >>> 24, B, A);
          if (v === PENDING) continue reload;
          stack[base + A] = v;
          break;
        }
        case 14: /* GETFIELD */ {
          const B = (i >>> 16) & 0xff;
          const t = stack[base + B];
          const key = K[i >>> 24] as string;
          if (t instanceof LuaTable) {
            const v = t.getStr(key);
            if (v !== undefined || t.metatable === undefined) { stack[base + A] = v; break; }
          }
          ci.pc = pc;
          const v = index(L, t, key, B, A);
          if (v === PENDING) continue reload;
          stack[base + A] = v;
          break;
        }
        case 15: /* SETTABUP */ {
          const t = upvals[A].get();
          const key = K[(i >>> 16) & 0xff];
          const C = i >>> 24;
          const v = i & 0x8000 ? K[C] : stack[base + C];
          ci.pc = pc;
          if (t instanceof LuaTable && t.metatable === undefined) { t.setStr(key as string, v); break; }
          if (setIndex(L, t, key, v, upvalLoc(A)) === PENDING) continue reload;
          break;
        }
        case 16: /* SETTABLE */ {
          const t = stack[base + A];
          const key = stack[base + ((i >>> 16) & 0xff)];
          const C = i >>> 24;
          const v = i & 0x8000 ? K[C] : stack[base + C];
          ci.pc = pc;
          if (t instanceof LuaTable && t.metatable === undefined) { t.set(key, v); break; }
          if (setIndex(L, t, key, v, A) === PENDING) continue reload;
          break;
        }
        case 17: /* SETI */ {
          const t = stack[base + A];
          const C = i >>> 24;
          const v = i & 0x8000 ? K[C] : stack[base + C];
          if (t instanceof LuaTable && t.metatable === undefined) { t.setInt((i >>> 16) & 0xff, v); break; }
          ci.pc = pc;
          if (setIndex(L, t, (i >>> 16) & 0xff, v, A) === PENDING) continue reload;
          break;
        }
        case 18: /* SETFIELD */ {
          const t = stack[base + A];
          const key = K[(i >>> 16) & 0xff] as string;
          const C = i >>> 24;
          const v = i & 0x8000 ? K[C] : stack[base + C];
          if (t instanceof LuaTable && t.metatable === undefined) { t.setStr(key, v); break; }
          ci.pc = pc;
          if (setIndex(L, t, key, v, A) === PENDING) continue reload;
          break;
        }
        case 19: /* NEWTABLE */ {
          const B = (i >>> 16) & 0xff;
          let C = i >>> 24;
          if (i & 0x8000) C += (code[pc] >>> 7) * 256;
          pc++;  // skip the EXTRAARG
          stack[base + A] = new LuaTable(heap, C, B > 0 ? 1 << (B - 1) : 0);
          if (heap.debt > 0) { ci.pc = pc; gcStep(L, base + A + 1); }
          break;
        }
        case 20: /* SELF */ {
          const B = (i >>> 16) & 0xff, C = i >>> 24;
          const t = stack[base + B];
          const key = i & 0x8000 ? K[C] : stack[base + C];
          stack[base + A + 1] = t;
          if (t instanceof LuaTable) {
            const v = t.get(key);
            if (v !== undefined || t.metatable === undefined) { stack[base + A] = v; break; }
          }
          ci.pc = pc;
          const v = index(L, t, key, B, A);
          if (v === PENDING) continue reload;
          stack[base + A] = v;
          break;
        }
        case 21: /* ADDI */ {
          const x = stack[base + ((i >>> 16) & 0xff)];
          const y = (i >>> 24) - 127;
          if (typeof x === 'number') {
            const r = x + y;
            if (Number.isSafeInteger(x)) { if (Number.isSafeInteger(r)) { stack[base + A] = r; pc++; break; } }
            else { stack[base + A] = Number.isSafeInteger(r) ? boxfloat(r) : r; pc++; break; }
          }
          ci.pc = pc;
          if (isNumber(x)) { stack[base + A] = arith(ArithOp.ADD, x, y); pc++; }
          break;
        }
        case 22: case 23: case 24: case 25: case 26: case 27: case 28:
        case 29: case 30: case 31: /* ADDK SUBK MULK MODK POWK DIVK IDIVK BANDK BORK BXORK */ {
          const x = stack[base + ((i >>> 16) & 0xff)];
          const y = K[i >>> 24];
          const op = (i & 0x7f) - 22;
          if (typeof x === 'number' && typeof y === 'number' && op < 3) {
            const r = op === 0 ? x + y : op === 1 ? x - y : x * y;
            if (Number.isSafeInteger(x) && Number.isSafeInteger(y)) {
              if (Number.isSafeInteger(r)) { stack[base + A] = r + 0; pc++; break; }
            } else { stack[base + A] = Number.isSafeInteger(r) ? boxfloat(r) : r; pc++; break; }
          }
          ci.pc = pc;
          if (op < 7 ? isNumber(x) : bitwiseOperands(x, y)) {
            const r = arith(KOPS[op], x, y);
            if (r !== undefined) { stack[base + A] = r; pc++; }
          }
          break;
        }
        case 32: /* SHRI */ case 33: /* SHLI */ {
          const x = stack[base + ((i >>> 16) & 0xff)];
          const ic = (i >>> 24) - 127;
          ci.pc = pc;
          if (bitwiseOperands(x, 0)) {
            const r = (i & 0x7f) === 32 ? arith(ArithOp.SHR, x, ic) : arith(ArithOp.SHL, ic, x);
            stack[base + A] = r; pc++;
          }
          break;
        }
        case 34: /* ADD */ case 35: /* SUB */ case 36: /* MUL */ {
          const x = stack[base + ((i >>> 16) & 0xff)], y = stack[base + (i >>> 24)];
          if (typeof x === 'number' && typeof y === 'number') {
            const o = i & 0x7f;
            const r = o === 34 ? x + y : o === 35 ? x - y : x * y;
            if (Number.isSafeInteger(x) && Number.isSafeInteger(y)) {
              if (Number.isSafeInteger(r)) { stack[base + A] = r + 0; pc++; break; }
            } else { stack[base + A] = Number.isSafeInteger(r) ? boxfloat(r) : r; pc++; break; }
          }
          ci.pc = pc;
          if (isNumber(x) && isNumber(y)) {
            stack[base + A] = arith(((i & 0x7f) - 34) as ArithOp, x, y); pc++;
          }
          break;
        }
        case 37: /* MOD */ {
          const x = stack[base + ((i >>> 16) & 0xff)], y = stack[base + (i >>> 24)];
          if (typeof x === 'number' && typeof y === 'number' && Number.isSafeInteger(x) &&
              Number.isSafeInteger(y) && y !== 0) {
            let r = x % y;
            if (r !== 0 && (r < 0) !== (y < 0)) r += y;
            stack[base + A] = r + 0; pc++; break;
          }
          ci.pc = pc;
          if (isNumber(x) && isNumber(y)) { stack[base + A] = arith(ArithOp.MOD, x, y); pc++; }
          break;
        }
        case 38: /* POW */ case 39: /* DIV */ {
          const x = stack[base + ((i >>> 16) & 0xff)], y = stack[base + (i >>> 24)];
          if (typeof x === 'number' && typeof y === 'number') {
            const r = (i & 0x7f) === 38 ? pow(x, y) : x / y;
            stack[base + A] = Number.isSafeInteger(r) ? boxfloat(r) : r; pc++; break;
          }
          ci.pc = pc;
          if (isNumber(x) && isNumber(y)) {
            stack[base + A] = arith((i & 0x7f) === 38 ? ArithOp.POW : ArithOp.DIV, x, y); pc++;
          }
          break;
        }
        case 40: /* IDIV */ {
          const x = stack[base + ((i >>> 16) & 0xff)], y = stack[base + (i >>> 24)];
          if (typeof x === 'number' && typeof y === 'number' && (x | 0) === x && (y | 0) === y && y !== 0) {
            stack[base + A] = Math.floor(x / y) + 0; pc++; break;
          }
          ci.pc = pc;
          if (isNumber(x) && isNumber(y)) { stack[base + A] = arith(ArithOp.IDIV, x, y); pc++; }
          break;
        }
        case 41: /* BAND */ case 42: /* BOR */ case 43: /* BXOR */ {
          const x = stack[base + ((i >>> 16) & 0xff)], y = stack[base + (i >>> 24)];
          const o = i & 0x7f;
          if (typeof x === 'number' && typeof y === 'number' && (x | 0) === x && (y | 0) === y) {
            stack[base + A] = o === 41 ? x & y : o === 42 ? x | y : x ^ y; pc++; break;
          }
          ci.pc = pc;
          if (bitwiseOperands(x, y)) { stack[base + A] = arith((o - 34) as ArithOp, x, y); pc++; }
          break;
        }
        case 44: /* SHL */ case 45: /* SHR */ {
          const x = stack[base + ((i >>> 16) & 0xff)], y = stack[base + (i >>> 24)];
          ci.pc = pc;
          if (bitwiseOperands(x, y)) {
            stack[base + A] = arith((i & 0x7f) === 44 ? ArithOp.SHL : ArithOp.SHR, x, y); pc++;
          }
          break;
        }
        case 46: /* MMBIN */ case 47: /* MMBINI */ case 48: /* MMBINK */ {
          const o = i & 0x7f;
          const B = (i >>> 16) & 0xff;
          let x = stack[base + A];
          let y = o === 46 ? stack[base + B] : o === 47 ? B - 127 : K[B];
          let lx = A, ly = o === 46 ? B : NO_VAR;
          if (o !== 46 && (i & 0x8000)) { const t = x; x = y; y = t; ly = lx; lx = NO_VAR; }
          const ra = (code[pc - 2] >>> 7) & 0xff;  // the arithmetic instruction's A
          ci.pc = pc;
          const v = arithMeta(L, x, y, i >>> 24, lx, ly, ra);
          if (v === PENDING) continue reload;
          stack[base + ra] = v;
          break;
        }
        case 49: /* UNM */ {
          const B = (i >>> 16) & 0xff;
          const x = stack[base + B];
          if (typeof x === 'number') { stack[base + A] = Number.isSafeInteger(x) ? 0 - x : -x; break; }
          ci.pc = pc;
          const v = unaryMeta(L, x, ArithOp.UNM, B, A);
          if (v === PENDING) continue reload;
          stack[base + A] = v;
          break;
        }
        case 50: /* BNOT */ {
          const B = (i >>> 16) & 0xff;
          const x = stack[base + B];
          if (typeof x === 'number' && (x | 0) === x) { stack[base + A] = ~x; break; }
          ci.pc = pc;
          const v = unaryMeta(L, x, ArithOp.BNOT, B, A);
          if (v === PENDING) continue reload;
          stack[base + A] = v;
          break;
        }
        case 51: /* NOT */ {
          const x = stack[base + ((i >>> 16) & 0xff)];
          stack[base + A] = x === undefined || x === false;
          break;
        }
        case 52: /* LEN */ {
          const B = (i >>> 16) & 0xff;
          const x = stack[base + B];
          if (typeof x === 'string') { stack[base + A] = x.length; break; }
          if (x instanceof LuaTable && x.metatable === undefined) { stack[base + A] = x.length(); break; }
          ci.pc = pc;
          const v = length(L, x, B, A);
          if (v === PENDING) continue reload;
          stack[base + A] = v;
          break;
        }
        case 53: /* CONCAT */ {
          const n = ci.concatLeft || ((i >>> 16) & 0xff);
          ci.concatLeft = 0;
          const x = stack[base + A], y = stack[base + A + 1];
          if (n === 2 && typeof x === 'string' && typeof y === 'string') {
            const s = x + y;
            stack[base + A] = s;
            heap.charge(stringSize(s));
            if (heap.debt > 0) { ci.pc = pc; gcStep(L, base + A + 1); }
            break;
          }
          ci.pc = pc;
          if (concat(L, base, A, n) === PENDING) continue reload;
          {
            const r = stack[base + A];
            if (typeof r === 'string') heap.charge(stringSize(r));
          }
          if (heap.debt > 0) gcStep(L, base + A + 1);
          break;
        }
        case 54: /* CLOSE */ {
          ci.pc = pc;
          if (ci.tbc.length) {
            L.top = base + p.maxstacksize;
            // a handler frame: CLOSE runs again when it returns, for the next variable
            if (closeNextAsFrame(L, ci, base + A)) { ci.pc = pc - 1; continue reload; }
          }
          L.closeUpvals(base + A);
          break;
        }
        case 55: /* TBC */ {
          const v = stack[base + A];
          if (v !== undefined && v !== false) {
            ci.pc = pc;
            if (metafield(L.global, v, '__close') === undefined) {
              const name = getObjName(p, pc - 1, A);
              runError(L, `variable '${name ? name[1] : '?'}' got a non-closable value`);
            }
            ci.tbc.push(base + A);
          }
          break;
        }
        case 56: /* JMP */ {
          const d = (i >>> 7) - 16777215;
          pc += d;
          if (d < 0 && --G.ticks < 0) { ci.pc = pc; tick(L, ci, false); }
          break;
        }
        case 57: /* EQ */ {
          const x = stack[base + A], y = stack[base + ((i >>> 16) & 0xff)];
          let cond: boolean;
          if (x === y) cond = true;
          else if (typeof x === 'number' && typeof y === 'number') cond = false;
          else {
            ci.pc = pc;
            const r = equalMeta(L, x, y);
            if (r === PENDING) continue reload;
            cond = r;
          }
          if (cond !== ((i & 0x8000) !== 0)) pc++;
          break;
        }
        case 58: /* LT */ case 59: /* LE */ {
          const x = stack[base + A], y = stack[base + ((i >>> 16) & 0xff)];
          let cond: boolean;
          if (typeof x === 'number' && typeof y === 'number') cond = (i & 0x7f) === 58 ? x < y : x <= y;
          else {
            ci.pc = pc;
            const r = lessMeta(L, x, y, (i & 0x7f) === 59);
            if (r === PENDING) continue reload;
            cond = r;
          }
          if (cond !== ((i & 0x8000) !== 0)) pc++;
          break;
        }
        case 60: /* EQK */ {
          const cond = rawEquals(stack[base + A], K[(i >>> 16) & 0xff]);
          if (cond !== ((i & 0x8000) !== 0)) pc++;
          break;
        }
        case 61: /* EQI */ {
          const x = stack[base + A], y = ((i >>> 16) & 0xff) - 127;
          const cond = x === y || (x instanceof LuaFloat && x.n === y);
          if (cond !== ((i & 0x8000) !== 0)) pc++;
          break;
        }
        case 62: /* LTI */ case 63: /* LEI */ case 64: /* GTI */ case 65: /* GEI */ {
          const x = stack[base + A], y = ((i >>> 16) & 0xff) - 127;
          const o = i & 0x7f;
          let cond: boolean;
          if (typeof x === 'number') {
            cond = o === 62 ? x < y : o === 63 ? x <= y : o === 64 ? x > y : x >= y;
          } else {
            ci.pc = pc;
            const imm = (i >>> 24) !== 0 ? mkfloat(y) : y;
            const r = o < 64 ? lessMeta(L, x, imm, o === 63) : lessMeta(L, imm, x, o === 65);
            if (r === PENDING) continue reload;
            cond = r;
          }
          if (cond !== ((i & 0x8000) !== 0)) pc++;
          break;
        }
        case 66: /* TEST */ {
          const x = stack[base + A];
          const cond = x !== undefined && x !== false;
          if (cond !== ((i & 0x8000) !== 0)) pc++;
          break;
        }
        case 67: /* TESTSET */ {
          const x = stack[base + ((i >>> 16) & 0xff)];
          const cond = x !== undefined && x !== false;
          if (cond !== ((i & 0x8000) !== 0)) pc++;
          else stack[base + A] = x;
          break;
        }
        case 68: /* CALL */ {
          const ra = base + A;
          const B = (i >>> 16) & 0xff;
          const nargs = B !== 0 ? B - 1 : L.top - ra - 1;
          ci.pc = pc;
          // a call's function is the first free register: what lies above
          // its arguments is dead (an emergency collection keeps none of it)
          if (--G.ticks < 0) tick(L, ci, true, ra + nargs + 1);
          const f = stack[ra];
          if (f instanceof LuaClosure) {
            // the common Lua→Lua call, inline: push a frame and switch to it
            const fp = f.proto;
            const nbase = ra + 1;
            const need = nbase + fp.maxstacksize + (fp.isVararg ? nargs + 1 : 0);
            if (need > stack.length) {
              if (need > L.stackLimit) stackOverflow(L);
              L.ensure(need + 64);
            }
            for (let j = nargs; j < fp.numparams; j++) stack[nbase + j] = undefined;
            const nci = L.pushFrame();
            nci.closure = f;
            nci.func = ra;
            nci.base = nbase;
            nci.pc = 0;
            nci.nresults = (i >>> 24) - 1;
            nci.nextra = fp.isVararg && nargs > fp.numparams ? nargs - fp.numparams : 0;
            continue reload;
          }
          if (precall(L, ra, nargs, (i >>> 24) - 1) !== undefined) continue reload;
          if (L.hookmask !== trap) continue reload;  // the native set or removed a hook
          break;
        }
        case 69: /* TAILCALL */ {
          const ra = base + A;
          const B = (i >>> 16) & 0xff;
          const nargs = B !== 0 ? B - 1 : L.top - ra - 1;
          ci.pc = pc;
          if (--G.ticks < 0) tick(L, ci, true);
          if (i & 0x8000) L.closeUpvals(base);
          const f = stack[ra];
          if (!(f instanceof LuaClosure)) {
            // natives and __call: an ordinary call; the RETURN that follows returns its results
            if (precall(L, ra, nargs, -1) !== undefined) continue reload;
            break;
          }
          const fp = f.proto;
          const func = ci.func;
          const need = func + 1 + fp.maxstacksize + (fp.isVararg ? nargs + 1 : 0);
          if (need > L.stackLimit) stackOverflow(L);
          if (stack.length < need) L.ensure(need + 64);
          for (let j = 0; j <= nargs; j++) stack[func + j] = stack[ra + j];
          for (let j = nargs; j < fp.numparams; j++) stack[func + 1 + j] = undefined;
          ci.closure = f;
          ci.base = func + 1;
          ci.pc = 0;
          ci.flags |= 1;  // FrameFlag.TAIL
          ci.nextra = fp.isVararg && nargs > fp.numparams ? nargs - fp.numparams : 0;
          continue reload;
        }
        case 70: /* RETURN */ {
          // an early check still pending (memory went past the limit in this
          // call, an interrupt) is taken here, inside the returning function,
          // where PUC-Rio's failed allocation would have raised: not at a
          // check of the caller's, outside a pcall that made this call
          if (G.checkRequested) { ci.pc = pc; takeRequestedCheck(L, -1); }
          const ra = base + A;
          const B = (i >>> 16) & 0xff;
          let n = B !== 0 ? B - 1 : L.top - ra;
          if (i & 0x8000) {
            if (ci.closeTop >= 0) n = ci.closeTop - ra;   // back from a __close handler
            ci.pc = pc;
            L.top = ra + n;
            if (ci.tbc.length) {
              ci.closeTop = ra + n;
              // a handler frame: RETURN runs again when it returns, for the next variable
              if (closeNextAsFrame(L, ci, base)) { ci.pc = pc - 1; continue reload; }
              L.top = ra + n;
            }
            L.closeUpvals(base);
          }
          if (trap !== 0) { ci.pc = pc; hookReturn(L, ci, ra, n); }
          L.depth--;
          const nres = ci.nresults;
          const func = ci.func;
          if (nres === -1) {
            for (let j = 0; j < n; j++) stack[func + j] = stack[ra + j];
            L.top = func + n;
          } else {
            const m = n < nres ? n : nres;
            for (let j = 0; j < m; j++) stack[func + j] = stack[ra + j];
            for (let j = m; j < nres; j++) stack[func + j] = undefined;
          }
          if (ci.cont !== Cont.NONE) finishReturn(L, ci);
          continue reload;
        }
        case 71: /* RETURN0 */ {
          if (G.checkRequested) { ci.pc = pc; takeRequestedCheck(L, -1); }   // as RETURN
          if (trap !== 0) { ci.pc = pc; hookReturn(L, ci, base + A, 0); }
          L.depth--;
          const nres = ci.nresults;
          const func = ci.func;
          if (nres === -1) L.top = func;
          else for (let j = 0; j < nres; j++) stack[func + j] = undefined;
          if (ci.cont !== Cont.NONE) finishReturn(L, ci);
          continue reload;
        }
        case 72: /* RETURN1 */ {
          if (G.checkRequested) { ci.pc = pc; takeRequestedCheck(L, -1); }   // as RETURN
          if (trap !== 0) { ci.pc = pc; L.top = base + A + 1; hookReturn(L, ci, base + A, 1); }
          L.depth--;
          const nres = ci.nresults;
          const func = ci.func;
          stack[func] = stack[base + A];
          if (nres === -1) L.top = func + 1;
          else for (let j = 1; j < nres; j++) stack[func + j] = undefined;
          if (ci.cont !== Cont.NONE) finishReturn(L, ci);
          continue reload;
        }
        case 73: /* FORLOOP */ {
          const ra = base + A;
          const step = stack[ra + 2], count = stack[ra + 1];
          if (typeof count === 'number' && typeof step === 'number' && Number.isSafeInteger(step)) {
            if (count > 0) {
              stack[ra + 1] = count - 1;
              const idx = (stack[ra] as number) + step;   // FORPREP left an integer there
              stack[ra] = idx;
              stack[ra + 3] = idx;
              pc -= i >>> 15;
              if (--G.ticks < 0) { ci.pc = pc; tick(L, ci, false); }
            }
            break;
          }
          if (forLoop(stack, ra)) {
            pc -= i >>> 15;
            if (--G.ticks < 0) { ci.pc = pc; tick(L, ci, false); }
          }
          break;
        }
        case 74: /* FORPREP */ {
          ci.pc = pc;
          if (forPrep(L, base + A)) pc += (i >>> 15) + 1;
          break;
        }
        case 75: /* TFORPREP */ {
          const v = stack[base + A + 3];
          if (v !== undefined && v !== false) {
            ci.pc = pc;
            if (metafield(L.global, v, '__close') === undefined) {
              runError(L, "variable '(for state)' got a non-closable value");
            }
            ci.tbc.push(base + A + 3);
          }
          pc += i >>> 15;
          break;
        }
        case 76: /* TFORCALL */ {
          const ra = base + A;
          stack[ra + 4] = stack[ra];
          stack[ra + 5] = stack[ra + 1];
          stack[ra + 6] = stack[ra + 2];
          ci.pc = pc;
          if (precall(L, ra + 4, 2, i >>> 24) !== undefined) continue reload;
          break;
        }
        case 77: /* TFORLOOP */ {
          const ra = base + A;
          const v = stack[ra + 4];
          if (v !== undefined) {
            stack[ra + 2] = v;
            pc -= i >>> 15;
            if (--G.ticks < 0) { ci.pc = pc; tick(L, ci, false); }
          }
          break;
        }
        case 78: /* SETLIST */ {
          const ra = base + A;
          let n = (i >>> 16) & 0xff;
          if (n === 0) n = L.top - ra - 1;
          let last = i >>> 24;
          if (i & 0x8000) { last += (code[pc] >>> 7) * 256; pc++; }
          const t = stack[ra] as LuaTable;
          t.reserveList(last + n);  // the array part grows once, to exactly the list's size
          for (let j = 1; j <= n; j++) t.setInt(last + j, stack[ra + j]);
          break;
        }
        case 79: /* CLOSURE */ {
          const np = p.protos[i >>> 15];
          const descs = np.upvalues;
          const uvs: UpVal[] = new Array(descs.length);
          for (let j = 0; j < descs.length; j++) {
            const d = descs[j];
            uvs[j] = d.instack ? L.findUpval(base + d.index) : upvals[d.index];
          }
          stack[base + A] = new LuaClosure(heap, np, uvs);
          if (heap.debt > 0) { ci.pc = pc; gcStep(L, base + A + 1); }
          break;
        }
        case 80: /* VARARG */ {
          const ra = base + A;
          const wanted = (i >>> 24) - 1;
          const nextra = ci.nextra;
          const from = ci.func + 1 + p.numparams;
          if (wanted < 0) {
            L.ensure(ra + nextra + 1);
            for (let j = 0; j < nextra; j++) stack[ra + j] = stack[from + j];
            L.top = ra + nextra;
          } else {
            for (let j = 0; j < wanted; j++) stack[ra + j] = j < nextra ? stack[from + j] : undefined;
          }
          break;
        }
        case 81: /* VARARGPREP */ {
          const nextra = ci.nextra;
          if (nextra > 0) {
            // move the function and the fixed parameters above the extra arguments
            const func = ci.func;
            const nfunc = func + 1 + p.numparams + nextra;
            L.ensure(nfunc + 1 + p.maxstacksize);
            for (let j = 0; j <= p.numparams; j++) stack[nfunc + j] = stack[func + j];
            base = ci.base = nfunc + 1;
          }
          if (L.hookmask !== 0) { ci.pc = pc; trap = hookVarargCall(L, ci, pc); }
          break;
        }
        case 82: /* EXTRAARG */ break;
        default:
          ci.pc = pc;
          runError(L, `invalid opcode ${i & 0x7f}`);
      }
    }
  }
}

/** ADDK..BXORK in order, as ArithOp values. */
const KOPS: ArithOp[] = [
  ArithOp.ADD, ArithOp.SUB, ArithOp.MUL, ArithOp.MOD, ArithOp.POW, ArithOp.DIV, ArithOp.IDIV,
  ArithOp.BAND, ArithOp.BOR, ArithOp.BXOR,
];

