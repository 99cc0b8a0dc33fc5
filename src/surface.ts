/**
 * # lucid's public surface, shared by both entry points
 *
 * Responsibility: everything a host program imports to embed Lua except
 * the `LuaState` class itself, which each entry point gives its default
 * platform: `src/index.ts` (Node: real files, processes, the process's
 * streams) and `src/browser.ts` (files in memory, output to callbacks).
 * Importing this module opens no host system and registers the standard
 * libraries.
 *
 * Manual: §4 (the application program interface), in lucid's JS shape.
 * PUC-Rio counterpart: `lua.h` / `lauxlib.h` / `lualib.h`.
 *
 * Values cross the boundary by the conversion rules of docs/embedding.md
 * (src/api/interop.ts); the Lua values themselves (`LuaTable`,
 * `LuaFloat`, byte strings, …) are exported for natives and runners,
 * which work in lucid's representation (docs/design.md §2).
 *
 * Invariant: nothing here, nor below it, imports a `node:` module.
 *
 * Read next: `src/index.ts`, `src/browser.ts`, `src/api/state.ts`.
 */
import { standardLibraries } from './lib/init.ts';

export { standardLibraries };
export { toLuaString, fromLuaString, native, nativeGen, addLibrary } from './api/state.ts';
// the class both entry points' LuaState extend: it needs `options.platform`
export { LuaState as LuaStateBase } from './api/state.ts';
export type { LuaStateOptions, LibOpener, Library } from './api/state.ts';
export { requiref } from './api/libraries.ts';
export { LuaTask, awaitValue } from './api/task.ts';
export { traceback, stackLevels } from './vm/traceback.ts';
export type { TaskStatus, StepOptions } from './api/task.ts';
export type { ConvertOptions } from './api/interop.ts';
export { LuaClosure, LuaNative, LuaThread } from './object/objects.ts';
export type { NativeFn, NativeGen, CallRequest } from './object/objects.ts';
export { LuaUserdata } from './object/userdata.ts';
export { LuaTable, LuaError, LuaFloat, mkfloat } from './value/index.ts';
export type { Value } from './value/index.ts';
export { tolstring as tostringMeta } from './api/auxlib.ts';
export * as args from './api/auxlib.ts';
/** lua.h's operations for natives (src/api/lua.ts); lauxlib's are `args`. */
export * as lua from './api/lua.ts';
export { StringBuffer } from './api/buffer.ts';
// types that appear in the signatures above, so the reference documents them
export type { LuaObject, LuaValue } from './value/types.ts';
export type { TableKey } from './value/table.ts';
export { Proto } from './bytecode/proto.ts';
export type { Constant, LocalVarInfo, UpvalueDesc } from './bytecode/proto.ts';
export type { UpVal, GlobalState, Frame, Cont } from './object/objects.ts';
export { AWAIT } from './vm/call.ts';
export type { StackLevel } from './vm/traceback.ts';
export { toLuaValue, toJSValue, isClass } from './api/interop.ts';
export type { Bridge } from './api/interop.ts';
export type { GCObject, Collector } from './value/collectable.ts';
export { Heap, Phase } from './gc/heap.ts';
export type { TestWarnings } from './api/warn.ts';
// the host system a state runs on (src/api/platform.ts) and the platform without one
export { LuaExit } from './api/platform.ts';
export type {
  Platform, HostStream, HostPipe, HostProcesses, HostModules, HostError, LocalZone, ExitStatus,
  Buffering, Whence, OpenMode,
} from './api/platform.ts';
export { browserPlatform } from './platform/browser.ts';
export type { BrowserPlatform, BrowserPlatformOptions } from './platform/browser.ts';
export { MemoryFileSystem } from './platform/memory-fs.ts';
