/**
 * # The machine the playground drives: run, step, pause, never block
 *
 * Responsibility: one Lua state running the learner's program as a
 * resumable host task (`LuaTask`, src/api/task.ts), in slices of a few
 * milliseconds each (`step({ deadline })`), so the page stays responsive
 * and `while true do end` can be stopped. Stepping one instruction, one
 * line, or running to a breakpoint is done by the per-instruction hook the
 * dispatch loop already has: the instruction trace (`GlobalState.trace`,
 * `HookMask.TRACE` in src/vm/hooks.ts, what `lucid --trace` uses). It is
 * called before every instruction; when the playground wants to stop
 * there, it throws the VM's own suspension signal (`Suspend`,
 * src/vm/call.ts) — the very signal a used-up budget throws — so the task
 * stops with every frame intact, exactly before that instruction.
 *
 * Manual: §4.7 (debug hooks: a count hook of period 1 and the line hook
 * are the standard way to watch each instruction and line; lua.h's hooks
 * cannot suspend the host here, the trace can), §2.6. PUC-Rio
 * counterpart: `ldebug.c` luaG_traceexec, `ldo.c` lua_resume / yields
 * from a hook.
 *
 * The hook stays on for whole runs too: it costs about 15% of the loop's
 * speed, and buys an exact instruction count and a guard against a loop
 * that cannot be paused (below).
 *
 * Invariants:
 * - A stop happens only when no synchronous nested call is under way
 *   (`nny === 0`: a metamethod or finalizer called from JS cannot be
 *   suspended); inside one the step simply runs on until it returns, or
 *   is interrupted with an error after NESTED_LIMIT_MS.
 * - After a stop the task is resumed at the same instruction, which the
 *   trace sees again: `resuming` lets it through once.
 * - The program runs inside `xpcall(main, debug.traceback)`, so an error
 *   comes back with lucid's traceback, taken before the stack unwinds.
 *
 * Read next: `src/api/task.ts`, `src/vm/budget.ts`, `src/vm/trace.ts`,
 * `panels.ts` (what the page shows of a stopped machine).
 */
import { LuaState, browserPlatform, LuaTable, LuaError, type LuaClosure, type LuaThread, type LuaTask, type Frame } from '../src/browser.ts';
import { Suspend } from '../src/vm/call.ts';
import { HookMask } from '../src/vm/hooks.ts';
import { listEveryObject } from '../src/api/introspect.ts';

/** How far the next run goes: one instruction, one line, or to a breakpoint or the end. */
export type StepMode = 'instr' | 'line' | 'run';

/** What the machine is doing. */
export type MachineStatus = 'paused' | 'running' | 'done' | 'error';

/** Where a stopped program stands: the thread, frame and pc of the instruction about to run. */
export interface StopPoint { thread: LuaThread; frame: Frame; pc: number }

/** What the page is told. */
export interface MachineEvents {
  /** Text the program wrote to standard output. */
  stdout(text: string): void;
  /** The status changed (a stop, the end, an error). */
  changed(): void;
  /** A slice of a run ended and the run goes on (for the memory chart). */
  slice(): void;
}

/** Milliseconds of Lua per slice: short enough to keep the page at 60 frames a second. */
const SLICE_MS = 12;

/** How long a call that cannot pause (its caller is JS) may run before it is interrupted. */
const NESTED_LIMIT_MS = 3000;

/** The chunk name messages and tracebacks show. */
export const CHUNK_NAME = '@main.lua';

export class Machine {
  /** The Lua state (a browser platform: output comes to `events.stdout`). */
  readonly lua: LuaState;
  /** The compiled program, unless it did not compile. */
  readonly main: LuaClosure | undefined;
  status: MachineStatus = 'paused';
  /** The error message (with traceback) the program ended with, or its syntax error. */
  error: string | undefined;
  /** Where the program stands while paused. */
  stoppedAt: StopPoint | undefined;
  /** Lines with a breakpoint (a run stops when it reaches one of them anew). */
  readonly breakpoints = new Set<number>();
  /** Instructions run so far (the trace sees each one). */
  instructions = 0;
  /** Milliseconds from the first slice to the end, once done. */
  elapsed = 0;
  private task: LuaTask | undefined;
  private mode: StepMode = 'instr';
  private resuming = false;
  private pausedByTrace = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private started = 0;
  private sliceEnd = 0;
  // the instruction traced last: a new line starts when the frame, the line changes or the pc goes back
  private lastFrame: Frame | undefined;
  private lastPc = -1;
  private lastLine = -1;

  constructor(source: string, private readonly events: MachineEvents) {
    this.lua = new LuaState({ platform: browserPlatform({ stdout: (text) => events.stdout(text) }) });
    // every object on the collector's list from birth, so the GC view sees them all
    listEveryObject(this.lua.L);
    try {
      this.main = this.lua.load(source, CHUNK_NAME);
    } catch (e) {
      this.status = 'error';
      this.error = String((e as { message?: string }).message ?? e);
      return;
    }
    const G = this.lua.global;
    G.trace = (T, ci) => this.onInstruction(T, ci);
    this.lua.L.hookmask |= HookMask.TRACE;  // threads made later inherit it (objects.ts)
    const xpcall = this.lua.globals.get('xpcall');
    const traceback = (this.lua.globals.get('debug') as LuaTable).get('traceback');
    this.task = this.lua.start(xpcall, this.main, traceback);
  }

  /** Go on: one instruction, one line, or until a breakpoint, the end or `stop()`. */
  go(mode: StepMode): void {
    if (this.task === undefined || this.status === 'done' || this.status === 'error') return;
    this.mode = mode;
    if (this.status === 'running') return;  // already running: the new mode applies from the next instruction
    this.status = 'running';
    if (this.started === 0) this.started = performance.now();
    this.schedule();
  }

  /** Pause a run at the next instruction it can stop at. */
  stop(): void {
    if (this.status === 'running') this.mode = 'instr';
  }

  /** Abandon the machine (the page resets): no more slices. */
  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.task !== undefined && !this.task.finished) this.task.cancel();
  }

  private schedule(): void {
    this.timer = setTimeout(() => this.slice(), 0);
  }

  /** One slice of the run: a few milliseconds of Lua, then back to the page. */
  private slice(): void {
    this.timer = undefined;
    const task = this.task!;
    this.pausedByTrace = false;
    this.sliceEnd = Date.now() + SLICE_MS;
    let status;
    try {
      status = task.step({ deadline: this.sliceEnd });
    } catch (e) {
      // xpcall catches the program's errors; what gets here is the host's (a cancelled task)
      this.finish('error', String((e as { message?: string }).message ?? e));
      return;
    }
    if (status === 'done') {
      const [ok, msg] = task.results;
      this.finish(ok === true ? 'done' : 'error', ok === true ? undefined : String(msg));
      return;
    }
    if (this.pausedByTrace) {
      this.status = 'paused';
      this.lua.global.flush();
      this.events.changed();
      return;
    }
    this.lua.global.flush();
    this.events.slice();
    this.schedule();
  }

  private finish(status: 'done' | 'error', error: string | undefined): void {
    this.lua.global.flush();
    this.status = status;
    this.error = error;
    this.stoppedAt = undefined;
    this.elapsed = performance.now() - this.started;
    this.events.changed();
  }

  /** The trace hook: before every instruction of every Lua function. */
  private onInstruction(T: LuaThread, ci: Frame): void {
    const at = this.stoppedAt;
    if (this.resuming && at !== undefined && at.thread === T && at.frame === ci && at.pc === ci.pc) {
      // the instruction we stopped before: let it run this time (a finalizer the
      // GC buttons ran while the machine was stopped is traced, but is not it)
      this.resuming = false;
      this.instructions++;
      return;
    }
    const p = ci.closure!.proto;
    const pc = ci.pc;
    const line = p.lineAt(pc);
    const newLine = ci !== this.lastFrame || pc <= this.lastPc || line !== this.lastLine;
    this.lastFrame = ci; this.lastPc = pc; this.lastLine = line;
    let stop: boolean;
    switch (this.mode) {
      case 'instr': stop = true; break;
      case 'line': stop = newLine; break;
      default: stop = newLine && this.breakpoints.has(line) && this.breakpoints.size > 0;
    }
    if (T.global.nny !== 0) {
      // inside a call from JS (a sort comparator, a finalizer, ...): no stop is
      // possible until it returns, and the page waits; a few seconds of it is a hang
      if ((this.instructions & 0xffff) === 0 && Date.now() > this.sliceEnd + NESTED_LIMIT_MS) {
        throw new LuaError(`interrupted! (${NESTED_LIMIT_MS / 1000} s inside a function called by a library function or the collector, where the playground cannot pause)`);
      }
      stop = false;
    }
    if (!stop) { this.instructions++; return; }
    // stop before it: it is counted when it runs, after the resume
    this.resuming = true;
    this.pausedByTrace = true;
    this.stoppedAt = { thread: T, frame: ci, pc };
    throw new Suspend(T, undefined);
  }
}
