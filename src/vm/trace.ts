/**
 * # Watching the machine: the instruction trace
 *
 * Responsibility: `lucid --trace` (and {@link startTrace} for an embedder)
 * prints every instruction as it runs, in the manner of clox's
 * DEBUG_TRACE_EXECUTION: the function it belongs to when the running
 * function changes, then for each instruction its pc, its line, its opcode
 * with operands as `luac -l` shows them, and on the lines under it the
 * registers the instruction wrote, with their new values.
 *
 *     -- main <tour.lua:0,0>
 *         2  [1] LOADI      0 2
 *                R0 = 2
 *
 * Manual: none (a teaching aid; the nearest thing in Lua is a count hook of
 * period 1, §6.10 debug.sethook). PUC-Rio counterpart: none; the layout of
 * an instruction is `luac -l`'s (src/bytecode/listing.ts).
 *
 * How it stays off the hot path: the trace is one more event bit of the
 * thread's hook mask (`HookMask.TRACE`, src/vm/hooks.ts). The dispatch
 * loop already calls `traceExec` before each instruction while the mask is
 * non-zero and tests nothing more while it is zero, so the loop itself is
 * unchanged and pays nothing when the trace is off. New coroutines inherit
 * the bit from the state (`GlobalState.trace`).
 *
 * How the written registers are found: before each instruction the tracer
 * copies the frame's registers; before the next one (of the same frame) it
 * compares. A register written with the value it already held does not
 * show; a call's results show when the caller runs again, under the
 * `-- main` (or `-- function`) line that says so. Registers above the
 * frame's top that a library function used as scratch space show too.
 *
 * Invariant: tracing never changes what the program does: it reads the
 * stack, calls no metamethod and allocates no Lua object.
 *
 * Read next: `hooks.ts` (the path the trace shares with debug hooks),
 * `execute.ts` (the loop), docs/tour.md (the trace of one line of Lua).
 */
import type { LuaValue } from '../value/types.ts';
import { LuaFloat, number2string } from '../value/index.ts';
import type { Frame, LuaClosure, LuaThread } from '../object/objects.ts';
import { getOp } from '../bytecode/instruction.ts';
import { OPCODES } from '../bytecode/opcodes.ts';
import { formatOperands } from '../bytecode/listing.ts';
import { chunkid } from '../parser/errors.ts';
import { HookMask } from './hooks.ts';

/** A value as the trace shows it: never through a metamethod. */
export function traceValue(v: LuaValue): string {
  switch (typeof v) {
    case 'undefined': return 'nil';
    case 'boolean': return String(v);
    case 'number': case 'bigint': return number2string(v);
    case 'string': {
      const s = JSON.stringify(v.length > 40 ? v.slice(0, 40) + '...' : v);
      return s;
    }
    default:
      if (v instanceof LuaFloat) return number2string(v);
      return (v as { luaType: string }).luaType;
  }
}

/** A frame's registers as they were before its last traced instruction. */
interface Snapshot { closure: LuaClosure; base: number; stack: LuaValue[]; before: LuaValue[] }

/**
 * Trace every instruction `L`'s state runs from now on, one line at a time
 * to `out`. Threads created later are traced too.
 */
export function startTrace(L: LuaThread, out: (line: string) => void): void {
  // the frame traced last, and for each frame its registers before its last instruction
  let last: Frame | undefined;
  const seen = new WeakMap<Frame, Snapshot>();
  L.global.trace = (T: LuaThread, ci: Frame): void => {
    const cl = ci.closure!;
    const p = cl.proto;
    const stack = T.stack;
    // what the previous instruction wrote in the registers of its frame; for
    // a frame we come back to, what its call left there
    const shot = seen.get(ci);
    if (ci !== last) out(`-- ${p.linedefined === 0 ? 'main' : 'function'} <${chunkid(p.source ?? '=?')}:${p.linedefined},${p.lastlinedefined}>`);
    if (shot !== undefined && shot.closure === cl && shot.base === ci.base && shot.stack === stack) {
      for (let r = 0; r < shot.before.length; r++) {
        const now = stack[ci.base + r];
        if (now !== shot.before[r]) out(`           R${r} = ${traceValue(now)}`);
      }
    }
    const pc = ci.pc;
    const name = OPCODES[getOp(p.code[pc])].name;
    const operands = formatOperands(p, pc, () => 'function').replace('\t', '   ');
    out(`${String(pc + 1).padStart(5)}  [${p.lineAt(pc)}] ${name.padEnd(10)} ${operands}`);
    last = ci;
    seen.set(ci, { closure: cl, base: ci.base, stack, before: stack.slice(ci.base, ci.base + p.maxstacksize) });
  };
  L.hookmask |= HookMask.TRACE;
}
