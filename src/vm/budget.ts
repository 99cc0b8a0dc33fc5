/**
 * # Budgets, deadlines and interrupts: the one check in the loop
 *
 * Responsibility: deciding what happens when the check counter
 * (`GlobalState.ticks`) runs out: raise "interrupted!" when the host asked
 * for it, suspend the run when its budget or deadline is used up, or start
 * a new slice.
 *
 * Manual: none (a host facility; §4.7 debug hooks play this part in C).
 * PUC-Rio counterpart: `lua.c` (laction/lstop: a count hook raising
 * "interrupted!"), `ldebug.c` luaG_traceexec (the count hook).
 *
 * Interrupts come two ways: `interrupt()` on the state's own thread (a
 * timer or signal handler while an async run lets the event loop go), and
 * a shared `Int32Array` another thread writes (`interruptSignal`), looked
 * at with the clock at the end of each slice, which reaches a synchronous
 * run (`doString` in a worker) that no event of its own thread can.
 *
 * The counter is paid once per *check*: each CALL and TAILCALL and each
 * backward jump (FORLOOP, TFORLOOP, JMP back) in the dispatch loop, each
 * Lua function a generator native requests (`load`'s reader, pcall's
 * function) and each nested synchronous call (`callSync`: sort
 * comparators, gsub callbacks, `__tostring`, finalizers, message
 * handlers, hooks). A budget of N is N checks, which bounds both loop
 * iterations and calls; straight code between checks is finite, so no Lua
 * code anywhere can run forever without one. An early check (an
 * interrupt, an allocation past the memory limit: `requestCheck`) is also
 * taken at every return, unpaid, so that a memory error is raised in the
 * function that allocated, under the pcall that called it, as PUC-Rio's
 * failed allocation is.
 *
 * Where a limit cannot suspend: a run is suspended by unwinding the JS
 * stack to the task (src/api/task.ts), which only works when no
 * synchronous nested call is in progress (`G.nny === 0`): a JS frame such
 * as `table.sort`'s cannot be resumed. Inside one, a limit the host set
 * (`step({ budget, deadline })`, `G.hardLimit`) raises the Lua error
 * "budget exhausted" or "deadline exceeded" instead, and keeps raising it
 * at every later check until the code is back where it can suspend (then
 * the task suspends as usual) or the error reaches the host: a `pcall`
 * inside the comparator cannot swallow it for good. An interrupt inside a
 * nested call is sticky the same way; at the top level it is raised once,
 * and pcall may catch it, as in lua.c. The slices `LuaState.run` uses to
 * let the event loop breathe are not limits: inside a nested call they
 * just run over.
 *
 * Invariant: a suspension happens only when `G.nny === 0`.
 *
 * Read next: `src/api/task.ts` (who sets budgets and resumes), `execute.ts`.
 */
import { Suspend } from './call.ts';
import { TICK_QUANTUM, type Frame, type LuaThread, type GlobalState } from '../object/objects.ts';
import { LuaError } from '../value/index.ts';
import { gcStep } from '../gc/collector.ts';

/** Checks without a frame tolerated past a limit at the top level before it becomes an error. */
const FRAMELESS_MAX = 1000;

/** Checks between two looks at the clock when a deadline is set (so it is seen within a few ms). */
export const DEADLINE_QUANTUM = 1 << 14;

/**
 * The counter went negative at a check of frame `ci`, whose `pc` is saved.
 * `again` is true when the instruction must run again after a suspension
 * (a CALL checks before it acts); backward jumps check after acting.
 * Without a frame (a nested call's check) the run never suspends here.
 */
export function tick(L: LuaThread, ci: Frame | undefined, again: boolean, top = -1): void {
  const G = L.global;
  if (G.checkRequested) {
    takeRequestedCheck(L, top);
    if (G.ticks >= 0) return;
  }
  G.budget -= G.slice;
  const spent = G.budget <= 0;
  if (spent || (G.deadline !== Infinity && Date.now() >= G.deadline)) {
    if (G.nny === 0 && ci !== undefined) {
      G.budget = 0; G.slice = 0; G.ticks = 0;
      if (again) ci.pc--;
      throw new Suspend(L, undefined);
    }
    if (G.hardLimit) {
      if (spent) G.budget = 0;
      G.slice = 0; G.ticks = 0;   // see the next check at once
      // a check without a frame at the top level (a native a generator
      // requested): the next check with one suspends, unless none comes
      if (G.nny === 0 && ++G.framelessChecks < FRAMELESS_MAX) return;
      // cannot suspend here: stop with an error
      throw new LuaError(spent ? 'budget exhausted' : 'deadline exceeded');
    }
  }
  const s = G.budget > 0 ? Math.min(G.budget, G.quantum) : G.quantum;
  G.slice = s;
  G.ticks = s - 1;  // this check is the first of the new slice
  const signal = G.interruptSignal;
  if (signal !== undefined && Atomics.load(signal, 0) !== 0) {
    // another thread's interrupt: taken (reset) here, then raised as interrupt() is
    Atomics.store(signal, 0, 0);
    G.interrupted = true;
    raiseInterrupt(G);
  }
}

/**
 * Checks per slice for a run with this deadline: fewer when the clock or
 * another thread's interrupt signal must be looked at soon.
 */
export function quantumFor(G: GlobalState, deadline: number): number {
  return deadline === Infinity && G.interruptSignal === undefined ? TICK_QUANTUM : DEADLINE_QUANTUM;
}

/**
 * Take the early check `requestCheck` asked for (an interrupt, memory past
 * the limit), as the next check would: the slice under way goes on after
 * it. `tick` takes it at a check; every return takes it too (execute.ts),
 * so that a memory error is raised inside the function that allocated,
 * under the pcall that called it.
 */
export function takeRequestedCheck(L: LuaThread, top: number): void {
  const G = L.global;
  G.checkRequested = false;
  G.ticks = G.savedTicks;
  if (G.interrupted) raiseInterrupt(G);
  if (G.heap.total > G.heap.limit) emergency(L, top);
}

/**
 * Make the next check come at once (`interrupt()`, an allocation past the
 * memory limit), keeping what is left of the slice for afterwards. Costs
 * the loop nothing: it only zeroes the counter the loop already tests.
 */
export function requestCheck(G: GlobalState): void {
  if (G.checkRequested) return;
  G.checkRequested = true;
  G.savedTicks = G.ticks;
  G.ticks = 0;
}

/**
 * Raise the host's interrupt. Inside a nested call the request stays set
 * (and the next check comes at once) so that a pcall, a finalizer or a
 * failing message handler in there cannot swallow it; at the top level it
 * is consumed by this error.
 */
function raiseInterrupt(G: GlobalState): never {
  if (G.nny === 0) G.interrupted = false;
  else requestCheck(G);
  throw new LuaError('interrupted!');
}

/**
 * Memory went past the limit since the last check, somewhere no safe point
 * of the collector comes soon (a loop filling a table): the collector's
 * emergency collection, then "not enough memory" if that was not enough
 * (src/gc/collector.ts `gcStep`). A check is a safe point: the frames'
 * registers are all the running thread holds.
 */
function emergency(L: LuaThread, top: number): void {
  const h = L.global.heap;
  if (h.busy) return;   // inside a finalizer: the collection under way decides
  h.debt = Math.max(h.debt, 1);
  gcStep(L, top);
}

/**
 * Start a slice for a host run: `budget` checks (Infinity: none), a
 * deadline, a clock quantum (smaller when a deadline is set). `hard`: the
 * budget and deadline are the host's limits, raised as errors where the
 * run cannot suspend; otherwise they are only pauses (`LuaTask.run`).
 */
export function setBudget(L: LuaThread, budget: number, deadline: number, hard = true,
  quantum = quantumFor(L.global, deadline)): void {
  const G = L.global;
  G.budget = budget;
  G.deadline = deadline;
  G.quantum = quantum;
  G.hardLimit = hard && (budget !== Infinity || deadline !== Infinity);
  G.framelessChecks = 0;
  const s = Math.min(budget, quantum);
  G.slice = s;
  G.ticks = s;
}

/**
 * A host call or task has ended: an interrupt still pending from inside a
 * nested call is dropped, so the next run does not start interrupted.
 */
export function endHostRun(L: LuaThread): void {
  const G = L.global;
  if (G.interrupted && G.nny === 0) {
    G.interrupted = false;
    if (G.checkRequested) { G.checkRequested = false; G.ticks = G.savedTicks; }
  }
}
