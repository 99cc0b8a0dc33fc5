/**
 * # Debug hooks
 *
 * Responsibility: calling the hook function `debug.sethook` installed on a
 * thread at the events it asked for — "call" / "tail call" when a function
 * starts, "return" when it returns, "line" when a Lua function reaches a new
 * line, "count" every N instructions — with PUC-Rio's rules for which
 * instructions start a line, and keeping what `debug.getinfo(level, 'r')`
 * reports about the values a call or return hands over.
 *
 * Manual: §6.10 (debug.sethook, debug.gethook), §4.7 (lua_Hook, lua_sethook).
 * PUC-Rio counterpart: `ldo.c` (luaD_hook, luaD_hookcall, rethook),
 * `ldebug.c` (luaG_traceexec, changedline), `ldblib.c` (hookf).
 *
 * How the dispatch loop pays for hooks: nothing per instruction while no
 * hook is set. On entering a frame the loop copies `L.hookmask` into a local
 * `trap`; only while `trap` is non-zero does it call {@link traceExec}
 * before each instruction, and {@link hookReturn} before each return. A hook
 * set by a native the frame called is noticed because the loop re-enters
 * the frame (`continue reload`) when `L.hookmask` changed across a call.
 *
 * Invariants:
 * - A hook runs as an ordinary synchronous Lua call (it may raise errors,
 *   which propagate; it may not yield). While it runs, `L.allowhook` is
 *   false, so nothing it calls is hooked.
 * - The hooked frame is marked FrameFlag.HOOKED for the hook's duration:
 *   the hook function's level is then named "hook '?'" (funcnamefromcall).
 * - A line event fires when the instruction about to run is on another
 *   line than the last one traced (`L.oldpc`), or is at or before it (a
 *   backward jump, a new function: `oldpc` is 0 on entry).
 *
 * Read next: `execute.ts` (where the loop calls these), `src/lib/debug.ts`.
 */
import type { LuaValue } from '../value/types.ts';
import { FrameFlag, type Frame, type LuaThread } from '../object/objects.ts';
import { callSync } from './call.ts';

/**
 * Event bits of `LuaThread.hookmask` (LUA_MASKCALL … LUA_MASKCOUNT), and
 * lucid's own TRACE: the instruction trace of src/vm/trace.ts, which rides
 * on the same per-instruction path and survives `debug.sethook`.
 *
 * @property CALL - A call event when a function is entered (`"c"` in `debug.sethook`).
 * @property RET - A return event when a function returns (`"r"`).
 * @property LINE - A line event when the VM starts a new line or jumps back (`"l"`).
 * @property COUNT - A count event every `basehookcount` instructions.
 * @property TRACE - lucid's instruction trace (`lucid --trace`): print every instruction it runs.
 */
export const enum HookMask { CALL = 1, RET = 2, LINE = 4, COUNT = 8, TRACE = 16 }

/** ftransfer/ntransfer of `ci` if a call or return hook of it is running, else 0, 0. */
export function transferInfo(L: LuaThread, ci: Frame | undefined): [number, number] {
  const t = L.hookTransfer;
  return t !== undefined && ci !== undefined && t.frame === ci ? [t.ftransfer, t.ntransfer] : [0, 0];
}

/** Install (or, with mask 0, remove) the hook of `L` (lua_sethook). */
export function setHook(L: LuaThread, fn: LuaValue, mask: number, count: number): void {
  if (fn === undefined || mask === 0) { fn = undefined; mask = 0; }
  L.hook = fn;
  L.basehookcount = count;
  L.hookcount = count;
  L.hookmask = mask | (L.hookmask & HookMask.TRACE);
}

/**
 * Call the hook for `event` with `ci` as the hooked level (luaD_hook).
 * A running plain native (`L.ccall`) gets a frame of its own first, so
 * the hook sees it as level 2, as it sees a Lua function.
 */
function runHook(L: LuaThread, ci: Frame | undefined, event: string, line: number, ftransfer: number, ntransfer: number): void {
  const h = L.hook;
  if (!L.allowhook || h === undefined) return;
  const savedC = L.ccall;
  let pushed = false;
  if (savedC !== undefined) {
    // the native's own window: arguments from cfunc+1 up to top (getlocal sees them)
    const top = L.top;
    const f = L.pushFrame();
    f.native = savedC;
    f.func = L.cfunc;
    f.base = L.cfunc + 1;
    f.pc = top;  // a native frame keeps its top in pc
    f.nresults = 0;
    L.ccall = undefined;
    ci = f;
    pushed = true;
  }
  const savedTop = L.top;
  const savedCfunc = L.cfunc, savedN = L.cnresults, savedName = L.cname;
  if (ci !== undefined) {
    ci.flags |= FrameFlag.HOOKED;
    if (ftransfer !== 0 || ntransfer !== 0) L.hookTransfer = { frame: ci, ftransfer, ntransfer };
  }
  L.allowhook = false;
  try {
    callSync(L, h, [event, line >= 0 ? line : undefined]);
  } finally {
    L.allowhook = true;
    L.hookTransfer = undefined;
    if (ci !== undefined) ci.flags &= ~FrameFlag.HOOKED;
    if (pushed) L.depth--;
    L.ccall = savedC;
    L.top = savedTop;
    L.cfunc = savedCfunc; L.cnresults = savedN; L.cname = savedName;
  }
}

/**
 * A Lua frame is (re)entered with hooks on: at its first instruction, the
 * call hook (luaD_hookcall). A vararg function is hooked later, by its
 * VARARGPREP ({@link hookVarargCall}). Returns the mask the loop watches.
 */
export function enterFrame(L: LuaThread, ci: Frame): number {
  if (ci.pc !== 0) return L.hookmask;
  const p = ci.closure!.proto;
  if (p.isVararg) return 0;  // VARARGPREP is not traced; it calls the hook itself
  hookCall(L, ci, 0);
  return L.hookmask;
}

/** The call hook of a vararg function, from its VARARGPREP (`pc` is 1). */
export function hookVarargCall(L: LuaThread, ci: Frame, pc: number): number {
  hookCall(L, ci, pc);
  L.oldpc = pc;  // the next instruction counts as a new line
  return L.hookmask;
}

function hookCall(L: LuaThread, ci: Frame, pc: number): void {
  L.oldpc = 0;
  if ((L.hookmask & HookMask.CALL) === 0) return;
  ci.pc = pc + 1;  // hooks see the instruction about to run as the current one
  const event = ci.flags & FrameFlag.TAIL ? 'tail call' : 'call';
  runHook(L, ci, event, -1, 1, ci.closure!.proto.numparams);
  ci.pc = pc;
}

/**
 * Before the instruction at `ci.pc` runs (luaG_traceexec): count and line
 * events. Returns the mask the loop keeps watching.
 */
export function traceExec(L: LuaThread, ci: Frame): number {
  const mask = L.hookmask;
  if (mask & HookMask.TRACE) L.global.trace!(L, ci);
  if ((mask & (HookMask.LINE | HookMask.COUNT)) === 0) return mask;
  const npc = ci.pc;
  const countHook = --L.hookcount === 0 && (mask & HookMask.COUNT) !== 0;
  if (countHook) L.hookcount = L.basehookcount;
  else if ((mask & HookMask.LINE) === 0) return mask;
  ci.pc = npc + 1;
  if (countHook) runHook(L, ci, 'count', -1, 0, 0);
  if (mask & HookMask.LINE) {
    const p = ci.closure!.proto;
    const oldpc = L.oldpc < p.code.length ? L.oldpc : 0;
    if (npc <= oldpc || p.lineAt(oldpc) !== p.lineAt(npc)) runHook(L, ci, 'line', p.lineAt(npc), 0, 0);
    L.oldpc = npc;
  }
  ci.pc = npc;
  return L.hookmask;
}

/**
 * A Lua frame returns `n` values from slot `first` (rethook): the return
 * hook, then the caller's `oldpc` is its calling instruction, so the line
 * after the call is only an event if the line changed.
 */
export function hookReturn(L: LuaThread, ci: Frame, first: number, n: number): void {
  if (L.hookmask & HookMask.RET) runHook(L, ci, 'return', -1, first - (ci.base - 1), n);
  const caller = L.depth > 0 ? L.frames[L.depth - 1] : undefined;
  if (caller !== undefined && caller.closure !== undefined) L.oldpc = caller.pc - 1;
}

/** A plain native (already `L.ccall`) starts with `nargs` arguments. */
export function hookNativeCall(L: LuaThread, nargs: number): void {
  if (L.hookmask & HookMask.CALL) runHook(L, undefined, 'call', -1, 1, nargs);
}

/** A plain native (still `L.ccall`) returns `n` values at the top. */
export function hookNativeReturn(L: LuaThread, n: number): void {
  if (L.hookmask & HookMask.RET) runHook(L, undefined, 'return', -1, L.top - n - L.cfunc, n);
  const caller = L.depth >= 0 ? L.frames[L.depth] : undefined;
  if (caller !== undefined && caller.closure !== undefined) L.oldpc = caller.pc - 1;
}

/**
 * A coroutine is resumed where a plain native (`coroutine.yield`) left it:
 * that call returns now, with `n` values (PUC-Rio's poscall on resume).
 */
export function hookYieldReturn(L: LuaThread, n: number): void {
  if (L.hookmask & HookMask.RET) runHook(L, undefined, 'return', -1, 0, n);
  const caller = L.depth >= 0 ? L.frames[L.depth] : undefined;
  if (caller !== undefined && caller.closure !== undefined) L.oldpc = caller.pc - 1;
}

/** A generator native (pcall, ...) starts in its own frame `ci` with `nargs` arguments. */
export function hookGeneratorCall(L: LuaThread, ci: Frame, nargs: number): void {
  if (L.hookmask & HookMask.CALL) runHook(L, ci, 'call', -1, 1, nargs);
}
