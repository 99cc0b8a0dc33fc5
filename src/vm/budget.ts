/**
 * # Budgets, deadlines and interrupts: the one check in the loop
 *
 * Responsibility: deciding what happens when the dispatch loop's check
 * counter (`GlobalState.ticks`) runs out: raise "interrupted!" when the host
 * asked for it, suspend the run when its budget or deadline is used up, or
 * start a new slice.
 *
 * Manual: none (a host facility; §4.7 debug hooks play this part in C).
 * PUC-Rio counterpart: `lua.c` (laction/lstop: a count hook raising
 * "interrupted!"), `ldebug.c` luaG_traceexec (the count hook).
 *
 * The loop pays one decrement and compare per *check*: each CALL and
 * TAILCALL, and each backward jump (FORLOOP, TFORLOOP, JMP back). A budget
 * of N is N checks, which bounds both loop iterations and calls; straight
 * code between checks is finite, so nothing can run forever without one.
 *
 * Invariant: a suspension happens only when no synchronous nested call is
 * in progress (`G.nny === 0`): a JS frame cannot be resumed. Inside one the
 * budget overruns until the nested call returns; interrupts still work.
 *
 * Read next: `src/api/task.ts` (who sets budgets and resumes), `execute.ts`.
 */
import { Suspend } from './call.ts';
import { TICK_QUANTUM, type Frame, type LuaThread } from '../object/objects.ts';
import { LuaError } from '../value/index.ts';

/**
 * The counter went negative at a check of frame `ci`, whose `pc` is saved.
 * `again` is true when the instruction must run again after a suspension
 * (a CALL checks before it acts); backward jumps check after acting.
 */
export function tick(L: LuaThread, ci: Frame, again: boolean): void {
  const G = L.global;
  if (G.interrupted) {
    G.interrupted = false;
    G.ticks = G.savedTicks;
    throw new LuaError('interrupted!');
  }
  G.budget -= G.slice;
  if ((G.budget <= 0 || (G.deadline !== Infinity && Date.now() >= G.deadline)) && G.nny === 0) {
    G.budget = 0; G.slice = 0; G.ticks = 0;
    if (again) ci.pc--;
    throw new Suspend(L, undefined);
  }
  const s = G.budget > 0 ? Math.min(G.budget, G.quantum) : G.quantum;
  G.slice = s;
  G.ticks = s - 1;  // this check is the first of the new slice
}

/** Start a slice for a host run: `budget` checks (Infinity: none), a deadline, a clock quantum. */
export function setBudget(L: LuaThread, budget: number, deadline: number, quantum = TICK_QUANTUM): void {
  const G = L.global;
  G.budget = budget;
  G.deadline = deadline;
  G.quantum = quantum;
  const s = Math.min(budget, quantum);
  G.slice = s;
  G.ticks = s;
}
