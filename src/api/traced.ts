/**
 * # Calls with lua.c's message handler
 *
 * Responsibility: `tracedCall`, the function behind `LuaState.callTraced`
 * and `runTraced`: it calls a function under a message handler that
 * turns the error into its message followed by a `stack traceback:` taken
 * where the error happened, as the standalone interpreter reports errors;
 * and `handlerFrame`, the protected frame with a message handler that it
 * and the API's `pcall` share.
 *
 * Manual: §7 (the standalone interpreter), §4.4 (lua_pcall's message
 * handler). PUC-Rio counterpart: `lua.c` (msghandler, docall).
 *
 * Invariant: the handler always returns a string (a `__tostring` result,
 * a number's text, or "(error object is a X value)").
 *
 * Read next: `state.ts` (callTraced, runTraced), src/vm/traceback.ts.
 */
import { LuaNative, FrameFlag, type LuaThread, type NativeGen } from '../object/objects.ts';
import { traceback } from '../vm/traceback.ts';
import { metafield, typeName } from '../vm/meta.ts';
import { callSync } from '../vm/call.ts';
import { LuaFloat, number2string, type Value } from '../value/index.ts';

/** lua.c's message handler: the message plus a traceback from the erroring level. */
const msghandler = new LuaNative('msghandler', (L, base, nargs) => {
  let msg = nargs >= 1 ? L.stack[base] : undefined;
  if (typeof msg !== 'string') {
    const h = metafield(L.global, msg, '__tostring');
    if (h !== undefined) {
      const r = callSync(L, h, [msg])[0];
      if (typeof r === 'string') { L.push(r); return 1; }
    }
    msg = typeof msg === 'number' || typeof msg === 'bigint' || msg instanceof LuaFloat
      ? number2string(msg) : `(error object is a ${typeName(L.global, msg)} value)`;
  }
  L.push(traceback(L, msg as string, 1));
  return 1;
});

/**
 * A generator native whose frame is a protected call of `f(...args)` with
 * message handler `msgh` (the API's `pcall` with a handler, and
 * `tracedCall`).
 */
export function handlerFrame(f: Value, args: Value[], msgh: Value): LuaNative {
  return new LuaNative('?', function* (L: LuaThread) {
    const ci = L.frames[L.depth];
    ci.flags |= FrameFlag.PROTECT;
    ci.msgh = msgh;
    return yield [f, ...args];
  } as NativeGen, true);
}

/** A function that calls `f(...args)` under lua.c's message handler (its docall). */
export function tracedCall(f: Value, args: Value[]): LuaNative {
  return handlerFrame(f, args, msghandler);
}
