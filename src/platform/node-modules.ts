/**
 * # Node modules in the place of C libraries
 *
 * Responsibility: finding and loading the JavaScript modules that
 * `require` and `package.loadlib` load along `package.cpath` where
 * PUC-Rio loads shared libraries (`src/lib/jsmodule.ts` has the rules:
 * open functions, names, errors). A `.js` or `.cjs` file is a CommonJS
 * module, loaded synchronously; an `.mjs` file is an ES module, imported
 * asynchronously (its exports come as a Promise).
 *
 * Manual: §6.3 (`package.searchers`, `package.loadlib`). PUC-Rio
 * counterpart: `lsys_load` and `lsys_sym` in loadlib.c (over dlopen/dlsym).
 *
 * Invariant: a file name is Lua bytes; Node gets the path they encode
 * (UTF-8), resolved against the current directory.
 *
 * Read next: `src/lib/jsmodule.ts`, `node.ts`.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { HostModules } from '../api/platform.ts';

const requireCJS = createRequire(import.meta.url);

/**
 * Where the program runs from bin/code-cache.cjs (inside `vm.Script`, from
 * V8's code cache), an `import()` of its own finds no module loader, so
 * the launcher passes one in under this name; elsewhere it is undeclared.
 */
declare const __lucidImport: ((url: string) => Promise<Record<string, unknown>>) | undefined;

function importESM(url: string): Promise<Record<string, unknown>> {
  return typeof __lucidImport === 'function' ? __lucidImport(url) : import(url) as Promise<Record<string, unknown>>;
}

/** Node's host modules: CommonJS and ES modules. */
export const nodeModules: HostModules = {
  isModule: (file) => /\.(c|m)?js$/.test(file),
  load(file) {
    const full = resolve(Buffer.from(file, 'latin1').toString('utf8'));
    if (file.endsWith('.mjs')) return importESM(pathToFileURL(full).href);
    return requireCJS(full) as Record<string, unknown>;
  },
};
