/**
 * # lucid's public API
 *
 * Responsibility: what a host program imports to embed Lua: create a state,
 * load and run chunks, call Lua functions and read their results, set and
 * get globals, register JS functions.
 *
 * Manual: §4 (the application program interface), in lucid's JS shape.
 * PUC-Rio counterpart: `lua.h` / `lauxlib.h`.
 *
 * ```ts
 * import { LuaState } from 'lucid-lua';
 * const lua = new LuaState();
 * lua.register('greet', (name) => `hello ${name}`);
 * const [r] = lua.doString('return greet("you") .. "!"');   // 'hello you!'
 * const add = lua.doString('return function(a, b) return a + b end')[0];
 * lua.call(add, 1, 2);                                        // [3]
 * await lua.run('return fetchSomething()');                   // host Promises are awaited
 * const task = lua.start('while true do end');                // resumable, with budgets
 * task.step({ budget: 1e6 });                                 // 'budget'
 * ```
 *
 * Values cross the boundary in lucid's representation (docs/design.md §2):
 * nil is `undefined`, integers are numbers (bigints beyond 2^53), integral
 * floats are `LuaFloat` boxes, strings are byte strings (use
 * `toLuaString`/`fromLuaString` for JS text), tables are `LuaTable`.
 *
 * Invariant: every error thrown out of this API is a `LuaError`.
 *
 * Read next: `src/api/state.ts`, docs/vm.md.
 */
import './lib/base.ts';
import './lib/coroutine.ts';
import './lib/debug.ts';
// the package library lists every other library in package.loaded: it opens last
import './lib/math.ts';
import './lib/string.ts';
import './lib/table.ts';
import './lib/utf8.ts';
import './lib/os.ts';
import './lib/io.ts';
import './lib/testlib.ts';
import './lib/package.ts';

export { LuaState, toLuaString, fromLuaString, native, nativeGen, addLibrary } from './api/state.ts';
export type { LuaStateOptions, LibOpener } from './api/state.ts';
export { LuaTask, awaitValue } from './api/task.ts';
export { traceback, stackLevels } from './vm/traceback.ts';
export type { TaskStatus, StepOptions } from './api/task.ts';
export type { ConvertOptions } from './api/interop.ts';
export { LuaClosure, LuaNative, LuaThread } from './object/objects.ts';
export type { NativeFn, NativeGen, CallRequest } from './object/objects.ts';
export { LuaUserdata } from './object/userdata.ts';
export { LuaTable, LuaError, LuaFloat, mkfloat } from './value/index.ts';
export type { Value } from './value/index.ts';
export { tostringMeta } from './lib/base.ts';
export * as args from './api/auxlib.ts';
// types that appear in the signatures above, so the reference documents them
export type { LuaObject, LuaValue } from './value/types.ts';
export type { TableKey } from './value/table.ts';
export { Proto } from './bytecode/proto.ts';
export type { Constant, LocalVarInfo, UpvalueDesc } from './bytecode/proto.ts';
export type { UpVal, GlobalState, Frame, Cont } from './object/objects.ts';
export { AWAIT } from './vm/call.ts';
export type { StackLevel } from './vm/traceback.ts';
export { toLuaValue, toJSValue } from './api/interop.ts';
export type { FunctionWrapper, LuaFunctionWrapper } from './api/interop.ts';
export type { GCObject, Collector } from './value/collectable.ts';
export { Heap, Phase } from './gc/heap.ts';
export type { TestWarnings } from './api/warn.ts';
