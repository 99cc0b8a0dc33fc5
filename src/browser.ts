/**
 * # lucid's public API (browsers)
 *
 * Responsibility: the package's surface for a host without files or
 * processes of its own — a web page, a worker, a bundle: the same API as
 * `src/index.ts`, and a state made here runs on the browser platform
 * (files in memory, output to callbacks or the console, no processes)
 * unless given another. Nothing this module imports touches Node.
 *
 * Manual: §4 (the application program interface), in lucid's JS shape.
 * PUC-Rio counterpart: `lua.h` / `lauxlib.h`, and `linit.c` with an ISO C
 * build's choices.
 *
 * ```ts
 * import { LuaState, browserPlatform } from 'lucid-lua/browser';
 * let out = '';
 * const lua = new LuaState({ platform: browserPlatform({ stdout: (text) => { out += text; } }) });
 * lua.doString('io.open("notes.txt", "w"):write("kept in memory"):close() print(io.open("notes.txt"):read("a"))');
 * out;   // 'kept in memory\n'
 * ```
 *
 * Invariant: every error thrown out of this API is a `LuaError`.
 *
 * Read next: `src/surface.ts`, `src/platform/browser.ts`.
 */
import { LuaState as StateOnPlatform, type LuaStateOptions } from './api/state.ts';
import { browserPlatform } from './platform/browser.ts';
import { standardLibraries } from './lib/init.ts';
import { checkStateOptions } from './api/options.ts';

export * from './surface.ts';

/** A Lua state; its platform is a new browser platform unless `options.platform` says otherwise. */
export class LuaState extends StateOnPlatform {
  constructor(options: LuaStateOptions = {}) {
    checkStateOptions(options);   // before the defaults are spread over it
    super({
      ...options,
      platform: options.platform ?? browserPlatform(),
      libraries: options.libraries ?? standardLibraries,
    });
  }
}
