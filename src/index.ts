/**
 * # lucid's public API (Node)
 *
 * Responsibility: what a host program imports to embed Lua in Node: create
 * a state, load and run chunks, call Lua functions and read their results,
 * set and get globals, register JS functions. A state made here runs on
 * the Node platform (real files, processes, environment, the process's
 * standard streams) unless given another; `src/browser.ts` is the same
 * surface with the browser platform as the default.
 *
 * Manual: §4 (the application program interface), in lucid's JS shape.
 * PUC-Rio counterpart: `lua.h` / `lauxlib.h`, and `linit.c` with a POSIX
 * build's choices.
 *
 * ```ts
 * import { LuaState } from 'lucid-lua';
 * const lua = new LuaState();
 * lua.register('greet', (name) => `hello ${name}`);
 * const [r] = lua.doString('return greet("you") .. "!"');   // 'hello you!'
 * const add = lua.doString('return function(a, b) return a + b end')[0];
 * lua.call(add, 1, 2);                                        // [3]
 * lua.set('Point', class Point { constructor(public x = 0) {} });
 * lua.doString('return Point(7).x');                          // [7]
 * lua.getNumber('answer');                                    // a number, or a LuaError
 * await lua.run('return fetchSomething()');                   // host Promises are awaited
 * const task = lua.start('while true do end');                // resumable, with budgets
 * task.step({ budget: 1e6 });                                 // 'budget'
 * const sandbox = new LuaState({ platform: browserPlatform() });   // files in memory, no processes
 * ```
 *
 * Values cross the boundary by docs/embedding.md's conversion rules: Lua
 * strings are JS text (UTF-8; `Uint8Array` with `strings: 'bytes'`),
 * numbers are numbers (BigInt beyond 2^53), nil is `undefined`, JS objects
 * reach Lua as proxies, tables come back as `LuaTable`s (copied with
 * `deep`, wrapped with `proxy`). `callLua`, `getGlobal` and `setGlobal`
 * keep lucid's own representation (docs/design.md §2).
 *
 * Invariant: every error thrown out of this API is a `LuaError`.
 *
 * Read next: `src/surface.ts` (everything else exported), `src/api/state.ts`,
 * `src/platform/node.ts`, docs/vm.md.
 */
import { LuaState as StateOnPlatform, type LuaStateOptions } from './api/state.ts';
import { nodePlatform } from './platform/node.ts';
import { standardLibraries } from './lib/init.ts';
import { checkStateOptions } from './api/options.ts';

export * from './surface.ts';
export { nodePlatform } from './platform/node.ts';
export type { NodePlatformOptions } from './platform/node.ts';

/**
 * A Lua state with the standard libraries open (src/lib/init.ts), as
 * `lua.c` makes one, on a new Node platform unless `options.platform` says
 * otherwise; `options.libraries` replaces the list of libraries,
 * `options.libs` picks from it.
 */
export class LuaState extends StateOnPlatform {
  constructor(options: LuaStateOptions = {}) {
    checkStateOptions(options);   // before the defaults are spread over it
    super({
      ...options,
      platform: options.platform ?? nodePlatform(),
      libraries: options.libraries ?? standardLibraries,
    });
  }
}
