/**
 * # Host tasks: budgets and Promises without JS recursion
 *
 * Responsibility: running a Lua call from the host so that it can stop and
 * go on later — after a budget of checks, at a deadline, or while a host
 * function's Promise is pending — with the event loop free in between.
 * `LuaTask` is that resumable call; `LuaState.run` drives one to the end.
 *
 * Manual: §4.4 (calls from the host), §2.6 (coroutines: the same
 * suspension mechanism), §6.2. PUC-Rio counterpart: `ldo.c` (lua_resume
 * and its continuations), `lua.c` (the interrupt hook).
 *
 * How it works: a suspension throws `Suspend` (call.ts) out of every
 * dispatch loop with all frames intact. A coroutine resumed inside the
 * run is a JS call (`resume` in coroutine.ts); as the signal passes it,
 * it records a `ResumeLevel`. The task turns those levels into its own
 * stack of *contexts* (thread + where its result goes), so continuing
 * never rebuilds JS recursion: it runs the innermost context; when that
 * coroutine stops, its `resume` results are delivered to the context
 * below, and so on down to the root call.
 *
 * Invariants:
 * - Only one task runs on a state's main thread at a time.
 * - An awaiting native is a generator frame on top of its thread with
 *   `awaiting` set; settling the Promise drives that generator with
 *   `[value]`, or throws the rejection into it as a Lua error at the
 *   calling instruction.
 *
 * Read next: src/vm/budget.ts (when the loop stops), src/api/state.ts (the API).
 */
import { precall, deliver, driveGenerator, unwindTo, closeStackReserve, Suspend, AWAIT, type ResumeLevel } from '../vm/call.ts';
import { execute, recover } from '../vm/execute.ts';
import { finishResume, runProtected, wrapError } from '../vm/resume.ts';
import { toLuaError, libWhere } from '../vm/errors.ts';
import { setBudget, endHostRun } from '../vm/budget.ts';
import type { LuaThread } from '../object/objects.ts';
import { LuaError, type Value } from '../value/index.ts';
import { platformOf } from './platform.ts';

/** How a task step ended. */
export type TaskStatus = 'done' | 'budget' | 'waiting';

/**
 * Limits of one step of a task. They hold wherever Lua code runs: where
 * the run can be suspended, `step` returns 'budget' and the next step goes
 * on exactly there; inside a library function that calls Lua (a sort
 * comparator, a gsub callback, `__tostring`, a metamethod the table
 * library calls, a finalizer, a message handler), whose JS frame cannot
 * be suspended, the Lua error "budget exhausted" or "deadline exceeded"
 * is raised instead, at every check until the code is back where it can
 * suspend (src/vm/budget.ts).
 */
export interface StepOptions {
  /** Most checks (calls and backward jumps) to run before returning 'budget'. */
  budget?: number;
  /** Stop (returning 'budget') once `Date.now()` passes this time (ms since epoch); seen within 16,384 checks. */
  deadline?: number;
}

interface Context {
  T: LuaThread;
  /** For the root call: the depth its frame runs at. */
  stop: number;
  /** For a nested coroutine: who resumed it. */
  level: ResumeLevel | undefined;
}

/**
 * A Lua call started by the host that may stop and continue.
 *
 * ```ts
 * const task = lua.start(lua.load('for i = 1, 1e9 do end return "done"'));
 * while (task.step({ budget: 1e6 }) === 'budget') { /* do other work *\/ }
 * task.results;   // ['done']
 * ```
 */
export class LuaTask {
  /** The call's results once `step` returned 'done'. */
  results: Value[] = [];
  /** The error that ended the task, if it failed. */
  error: LuaError | undefined = undefined;
  private status: TaskStatus | 'failed' = 'budget';
  private contexts: Context[] = [];
  private action: (() => void) | undefined;
  private slot: number;
  /** A Promise the innermost thread waits on, until it settles. */
  private waiting: PromiseLike<unknown> | undefined = undefined;
  private settled = false;

  constructor(private readonly L: LuaThread, f: Value, args: Value[]) {
    const G = L.global;
    if (G.activeTask !== undefined) throw new LuaError('another task is running on this state');
    G.activeTask = this;
    const slot = L.top;
    this.slot = slot;
    L.ensure(slot + args.length + 2);
    L.stack[slot] = f;
    for (let i = 0; i < args.length; i++) L.stack[slot + 1 + i] = args[i];
    L.top = slot + 1 + args.length;
    const stop = L.depth + 1;
    this.contexts.push({ T: L, stop, level: undefined });
    this.action = () => { if (precall(L, slot, args.length, -1) !== undefined) execute(L, stop); };
  }

  /**
   * Abandon an unfinished task: its frames are unwound (closing upvalues
   * and to-be-closed variables), coroutines it was inside are dead, and the
   * state can start another task.
   */
  cancel(): void {
    if (this.finished) return;
    for (let i = this.contexts.length - 1; i > 0; i--) {
      const lv = this.contexts[i].level!;
      lv.co.status = 'dead';
      lv.resumer.status = 'running';
    }
    this.status = 'failed';
    this.error = new LuaError('cancelled');
    this.restore();
  }

  /**
   * A failed or cancelled task leaves the main thread as it found it:
   * frames above the root call unwound, the top back at the call's slot,
   * the stack-overflow reserve closed, the state free for another task.
   */
  private restore(): void {
    const L = this.L;
    const stop = this.contexts[0].stop;
    if (L.depth >= stop) unwindTo(L, stop - 1, undefined);
    L.top = this.slot;
    if (stop === 0) closeStackReserve(L);
    L.ccall = undefined;
    L.global.activeTask = undefined;
  }

  /** True once the call returned or failed. */
  get finished(): boolean { return this.status === 'done' || this.status === 'failed'; }

  /**
   * Run until the call finishes ('done'), the budget or deadline runs out
   * ('budget': call `step` again to go on exactly where it stopped), or a
   * host Promise is pending ('waiting'). Throws the LuaError that ends a
   * failed call.
   */
  step(options: StepOptions = {}): TaskStatus {
    return this.advance(options.budget ?? Infinity, options.deadline ?? Infinity, true);
  }

  /**
   * One step under a budget and deadline: `hard` when they are the host's
   * limits (an error where the run cannot suspend, src/vm/budget.ts),
   * not when they are only `run`'s pauses.
   */
  private advance(budget: number, deadline: number, hard: boolean): TaskStatus {
    if (this.status === 'failed') throw this.error!;
    if (this.status === 'done') return 'done';
    if (this.waiting !== undefined && !this.settled) return 'waiting';
    this.waiting = undefined;
    setBudget(this.L, budget, deadline, hard);
    try {
      return this.status = this.loop();
    } catch (e) {
      this.status = 'failed';
      this.error = e instanceof LuaError ? e : toLuaError(this.L, e);
      this.restore();
      throw this.error;
    } finally {
      setBudget(this.L, Infinity, Infinity);
      if (this.finished) endHostRun(this.L);
    }
  }

  /**
   * Drive the task to its end, awaiting host Promises; between slices of
   * `slice` checks (default 1e6) it lets the event loop run, so timers and
   * `interrupt()` work while Lua loops, and calls the state's output
   * flush (`GlobalState.flush`). Resolves to the call's results.
   */
  async run(slice = 1_000_000): Promise<Value[]> {
    for (;;) {
      const s = this.advance(slice, Infinity, false);
      if (s === 'done') return this.results;
      if (s === 'waiting') {
        try { await this.waiting; } catch { /* the rejection is delivered by the settle handler */ }
        await Promise.resolve();  // let the settle handlers run first
      } else {
        // a pause between slices: what Lua printed so far goes out now (a
        // program that prints and then computes for long shows its output)
        this.L.global.flush();
        await platformOf(this.L).pause();
      }
    }
  }

  private loop(): TaskStatus {
    for (;;) {
      const ctx = this.contexts[this.contexts.length - 1];
      const action = this.action ?? (() => execute(ctx.T, ctx.level ? 0 : ctx.stop));
      this.action = undefined;
      let err: LuaError | undefined;
      try {
        if (ctx.level !== undefined) err = runProtected(ctx.T, () => { action(); execute(ctx.T, 0); });
        else err = this.runRoot(ctx, action);
      } catch (e) {
        if (!(e instanceof Suspend)) throw e;
        return this.suspended(e);
      }
      if (ctx.level === undefined) {
        if (err !== undefined) throw err;
        const L = this.L;
        this.results = L.stack.slice(this.slot, L.top);
        L.top = this.slot;
        L.global.activeTask = undefined;
        return 'done';
      }
      // a coroutine stopped: its resume (or wrap function) returns in the context below
      this.contexts.pop();
      const { co, resumer, wrap } = ctx.level;
      const r = finishResume(resumer, co, err);
      if (!wrap) this.action = () => deliver(resumer, r, undefined);
      else if (r[0] === true) this.action = () => deliver(resumer, r.slice(1), undefined);
      else this.action = () => deliver(resumer, [], wrapError(resumer, co, r[1]));
    }
  }

  /** Run the root call; errors go to a pcall inside or end the task. */
  private runRoot(ctx: Context, action: () => void): LuaError | undefined {
    for (;;) {
      try {
        action();
        execute(ctx.T, ctx.stop);
        return undefined;
      } catch (e) {
        if (e instanceof Suspend) throw e;
        const err = toLuaError(ctx.T, e);
        ctx.T.ccall = undefined;
        if (!recover(ctx.T, ctx.stop, err)) return err;
        action = () => {};
      }
    }
  }

  private suspended(s: Suspend): TaskStatus {
    for (let i = s.levels.length - 1; i >= 0; i--) {
      const level = s.levels[i];
      this.contexts.push({ T: level.co, stop: 0, level });
    }
    if (s.promise === undefined) return 'budget';
    const T = s.thread;
    this.waiting = s.promise;
    this.settled = false;
    const resumeWith = (values: Value[] | undefined, err: LuaError | undefined) => {
      this.settled = true;
      this.action = () => {
        const ci = T.frames[T.depth];
        ci.awaiting = undefined;
        driveGenerator(T, ci, values, err);
      };
    };
    s.promise.then(
      (v) => resumeWith([v], undefined),
      (reason) => {
        if (reason instanceof LuaError) { resumeWith(undefined, reason); return; }
        // the error is raised at the call: position of the Lua frame that called the host function
        const msg = reason instanceof Error ? reason.message : String(reason);
        const caller = T.depth >= 1 ? T.frames[T.depth - 1] : undefined;
        resumeWith(undefined, new LuaError(libWhere(caller) + msg));
      },
    );
    return 'waiting';
  }
}

/**
 * Wait for a Promise from inside a generator native: `const [v] = yield*
 * awaitValue(p)`. The thread suspends until `p` settles; a rejection is
 * thrown here as a LuaError.
 */
export function* awaitValue(p: PromiseLike<unknown>): Generator<[typeof AWAIT, PromiseLike<unknown>], Value[], Value[]> {
  return yield [AWAIT, p];
}
