/**
 * # The core of the door: lua.h in TypeScript
 *
 * Responsibility: the operations a library or a host program may perform
 * on the machine, with lua.h's meanings: the object types a native sees,
 * calling, closing a state, and (as this module grows) pushing, reading,
 * indexing, comparing, arithmetic, metatables, errors and loading.
 * Libraries import the machine through this module and `auxlib.ts`, never
 * from `src/vm`, `src/object`, `src/gc` or `src/bytecode` directly.
 *
 * Manual: §4 (the application program interface). PUC-Rio counterpart:
 * `lapi.c` / `lua.h`.
 *
 * Invariant: what this module exports is the whole of what `src/lib` may
 * touch below the api layer (the dependency rules of
 * `.dependency-cruiser.cjs` check it).
 *
 * Read next: `auxlib.ts` (argument checks), `state.ts` (the host's state).
 */
export {
  LuaNative, LuaClosure, LuaThread, FrameFlag,
  type CallRequest, type NativeFn, type NativeGen, type Frame, type GlobalState,
} from '../object/objects.ts';
export { LuaUserdata } from '../object/userdata.ts';
export { callSync, closeAllTbc } from '../vm/call.ts';
export { closeHeap } from '../gc/collector.ts';
