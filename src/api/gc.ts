/**
 * # The collector's controls, for natives
 *
 * Responsibility: `lua_gc`'s operations (what `collectgarbage` offers):
 * a full collection, a step, stopping and restarting, the memory count,
 * the tuning parameters, and switching between incremental and
 * generational mode.
 *
 * Manual: §2.5 (garbage collection), §4.6 (lua_gc), §6.1
 * (collectgarbage). PUC-Rio counterpart: `lua_gc` in `lapi.c`.
 *
 * Invariant: a collection started here runs at a safe point of the
 * calling native: the live part of its thread's stack ends at `L.top`
 * (its arguments and what it pushed), so nothing above is kept by mistake.
 * Inside a finalizer the collector is busy: `gc` returns undefined
 * (lua_gc's -1) and does nothing.
 *
 * Read next: `src/gc/collector.ts`, `src/lib/base.ts` (collectgarbage).
 */
import type { LuaThread } from '../object/objects.ts';
import { fullCollect, explicitStep, switchMode } from '../gc/collector.ts';
import { LuaError, MEMERRMSG } from '../value/index.ts';

/** The operations of `gc`, named as collectgarbage names them (LUA_GCSTOP, ...). */
export type GcOption = 'stop' | 'restart' | 'collect' | 'count' | 'step' | 'setpause' | 'setstepmul' |
  'isrunning' | 'generational' | 'incremental';

/** A tuning parameter as PUC-Rio stores it: a quarter of the value, in a byte. */
function param(v: number): number { return (Math.trunc(v / 4) & 0xff) * 4; }

/**
 * `lua_gc(L, what, a, b, c)`. Results: 'collect', 'stop', 'restart' → 0;
 * 'count' → the bytes in use; 'step' → whether a cycle ended (`a`: KB of
 * debt to add, 0 for one basic step); 'setpause' / 'setstepmul' → the
 * previous value (`a` is the new one); 'isrunning' → a boolean;
 * 'generational' (`a` minormul, `b` majormul) and 'incremental' (`a`
 * pause, `b` stepmul, `c` stepsize; 0 keeps a value) → the previous mode.
 * Undefined while the collector runs a finalizer.
 */
export function gc(L: LuaThread, what: GcOption, a = 0, b = 0, c = 0): number | boolean | string | undefined {
  const G = L.global, h = G.heap;
  if (h.busy) return undefined;
  switch (what) {
    case 'collect': fullCollect(G, L, L.top); return 0;
    case 'stop': h.running = false; return 0;
    case 'restart': h.running = true; h.debt = 0; return 0;
    case 'count': return Math.max(h.total, 0);
    case 'step': return explicitStep(G, L, a, L.top);
    case 'setpause': { const old = h.pause; h.pause = param(a); return old; }
    case 'setstepmul': { const old = h.stepmul; h.stepmul = param(a); return old; }
    case 'isrunning': return h.running;
    case 'generational':
      if (a !== 0) h.minormul = a & 0xff;   // PUC-Rio keeps it in a byte
      if (b !== 0) h.majormul = param(b);
      return switchMode(G, L, 'generational', L.top);
    case 'incremental':
      if (a !== 0) h.pause = param(a);
      if (b !== 0) h.stepmul = param(b);
      if (c !== 0) h.stepsize = c;
      return switchMode(G, L, 'incremental', L.top);
  }
}

/**
 * Make room for `bytes` a library function is about to allocate (a string
 * it is building), before the JS engine builds it: past the state's memory
 * limit, an emergency full collection, then "not enough memory" if there
 * is still no room (luaM_malloc's emergency collection and error). Cheap
 * when no limit is set. The bytes themselves are charged when the string
 * is returned (src/vm/call.ts precall).
 */
export function reserve(L: LuaThread, bytes: number): void {
  const G = L.global, h = G.heap;
  if (h.total + bytes <= h.limit) return;
  if (!h.busy) fullCollect(G, L, -1);
  if (h.total + bytes > h.limit) throw new LuaError(MEMERRMSG);
}
