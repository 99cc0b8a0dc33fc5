/**
 * # JS modules in the place of C libraries
 *
 * Responsibility: loading a host module found along `package.cpath` — on
 * Node, a JavaScript module (a path template ending in `.js`, `.cjs` or
 * `.mjs`, e.g. `package.cpath = "./?.js;" .. package.cpath`) — as PUC-Rio's C searchers
 * load a shared library: the module exports an open function named
 * `luaopen_` + the module name (dots as underscores; for `a-b`, first
 * `luaopen_a`, then `luaopen_b`), which receives the `LuaState` and the
 * module name and returns the module's value (any JS value `toLua`
 * converts, or a Lua value). `package.loadlib(file, "luaopen_x")` returns
 * such a function without calling it.
 *
 * ```js
 * // greet.js (CommonJS)
 * exports.luaopen_greet = (lua) => lua.toLua({ hello: (who) => `hello ${who}` }, { deep: true });
 * ```
 * ```lua
 * package.cpath = "./?.js;" .. package.cpath
 * print(require("greet").hello("you"))   --> hello you
 * ```
 *
 * CommonJS modules (`.js`, `.cjs`) load synchronously, anywhere. An ES
 * module (`.mjs`) is imported asynchronously: `require` then waits for it,
 * which works when the state runs asynchronously (`lua.run`) and is
 * "attempt to yield across a C-call boundary" in a synchronous call.
 *
 * Manual: §6.3 (`package.searchers`, `package.loadlib`). PUC-Rio
 * counterpart: `loadlib.c` (`searcher_C`, `searcher_Croot`, `lookforfunc`).
 *
 * Invariant: errors say what PUC-Rio's would, "error loading module 'x'
 * from file 'f':" followed by the reason. Which files are modules and how
 * they load is the platform's (`HostModules`; Node's in
 * `src/platform/node-modules.ts`); a platform without them loads none.
 *
 * Read next: `package.ts`, `src/platform/node-modules.ts`.
 */
import { nativeGen, type LuaState } from '../api/state.ts';
import { awaitValue } from '../api/task.ts';
import { luaError } from '../api/auxlib.ts';
import { platformOf, type HostModules } from '../api/platform.ts';
import type { CallRequest, LuaNative, LuaThread } from '../api/lua.ts';
import type { Value } from '../value/index.ts';

/** The platform's host modules, if `file` is one of them. */
export function moduleLoader(L: LuaThread, file: string): HostModules | undefined {
  const modules = platformOf(L).modules;
  return modules?.isModule(file) ? modules : undefined;
}

/** Load the module's exports: at once, or through a host wait when the platform gives a Promise. */
function* loadExports(modules: HostModules, file: string): Generator<CallRequest, Record<string, unknown>, Value[]> {
  const r = modules.load(file);
  if (r !== null && typeof (r as PromiseLike<unknown>).then === 'function') {
    return (yield* awaitValue(r as PromiseLike<unknown>))[0] as Record<string, unknown>;
  }
  return r as Record<string, unknown>;
}

/** The first line of a loading error (Node appends the require stack). */
function firstLine(e: unknown): string {
  return String((e as Error).message ?? e).split('\n')[0];
}

/** The open function names to try for module `name` (luaopen_a, then luaopen_b for "a-b"). */
export function openNames(name: string): string[] {
  const under = (s: string) => 'luaopen_' + s.replace(/\./g, '_');
  const mark = name.indexOf('-');
  return mark >= 0 ? [under(name.slice(0, mark)), under(name.slice(mark + 1))] : [under(name)];
}

/**
 * A loader for `require`: import `file`, find its open function among
 * `names`, call it with the state, and return the module's value.
 */
export function jsLoader(modules: HostModules, name: string, file: string): LuaNative {
  return nativeGen('jsloader', function* (L: LuaThread) {
    let exports: Record<string, unknown>;
    try {
      exports = yield* loadExports(modules, file);
    } catch (e) {
      luaError(L, `error loading module '${name}' from file '${file}':\n\t${firstLine(e)}`);
    }
    const open = openNames(name).map((n) => exports[n]).find((f) => typeof f === 'function');
    if (open === undefined) {
      luaError(L, `error loading module '${name}' from file '${file}':\n\tno function '${openNames(name).join("' or '")}'`);
    }
    return [callOpen(L, open as OpenFunction, name, file)];
  });
}

type OpenFunction = (lua: LuaState, name: string, file: string) => unknown;

function callOpen(L: LuaThread, open: OpenFunction, name: string, file: string): Value {
  const state = L.global.host as LuaState;
  return state.toLua(open(state, name, file));
}

/**
 * `package.loadlib(file, funcname)` on a JS module: the exported function
 * as a Lua function (`"*"`: only load the module, and return true).
 * Returns [value] or [nil, message, 'open' | 'init'].
 */
export function* loadlibJS(modules: HostModules, L: LuaThread, file: string, funcname: string): Generator<CallRequest, Value[], Value[]> {
  let exports: Record<string, unknown>;
  try {
    exports = yield* loadExports(modules, file);
  } catch (e) {
    return [undefined, firstLine(e), 'open'];
  }
  if (funcname === '*') return [true];
  const f = exports[funcname];
  if (typeof f !== 'function') return [undefined, `undefined symbol: ${funcname}`, 'init'];
  const state = L.global.host as LuaState;
  // a JS function as a Lua function: it gets the state, then the converted arguments
  return [state.toLua((...args: unknown[]) => (f as (...a: unknown[]) => unknown)(state, ...args))];
}
