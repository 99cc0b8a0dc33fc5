/**
 * The esbuild settings of every JavaScript file lucid ships, in one place:
 * `npm run build` (scripts/build.mjs) writes them to dist/, and bin/launch.mjs
 * builds the command-line pair from the same settings into .lucid-cache/
 * when it runs in a checkout whose dist/ is absent or older than src/.
 *
 * Choices (docs/cli.md, "Start-up", says what each buys):
 * - Bundles, not one output file per module: Node loads one file of 400 KB
 *   faster than a hundred small ones, and a CommonJS build comes from the
 *   same sources for free.
 * - Ohm's kernel is bundled in. The package `ohm-js` evaluates, when
 *   imported, Ohm's own grammar (to compile `.ohm` text), which lucid never
 *   needs: its grammar comes precompiled as a recipe
 *   (src/parser/grammar.ohm-bundle.js) and only needs `makeRecipe`. Taking
 *   that from Ohm's kernel module saves a tenth of the start-up, and the
 *   installed package has no dependency at all.
 * - Whitespace and syntax are minified, identifiers are not: a stack trace
 *   through dist/ still names lucid's functions, and the linked source
 *   maps lead back to src/.
 * - The browser bundle is fully minified (it is downloaded) and built for
 *   the browser platform: a `node:` module or a Node built-in reached from
 *   src/browser.ts fails the build.
 */
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** esbuild, from the devDependencies (tsx brings one as well). */
export function loadEsbuild() {
  const require = createRequire(join(root, 'package.json'));
  return require('esbuild');
}

/**
 * `ohm-js` replaced by its kernel: `makeRecipe` (what the grammar bundle
 * imports) and the semantics' set-up, without Ohm's grammar of grammars.
 * The rest of src/ imports only Ohm's types.
 */
export const ohmKernel = {
  name: 'ohm-kernel',
  setup(build) {
    // the package's CommonJS entry is ohm-js/dist/ohm.cjs; its modules are in ohm-js/src
    const ohmSrc = join(dirname(createRequire(join(root, 'package.json')).resolve('ohm-js')), '..', 'src');
    build.onResolve({ filter: /^ohm-js$/ }, () => ({ path: 'ohm-kernel', namespace: 'ohm-kernel' }));
    build.onLoad({ filter: /.*/, namespace: 'ohm-kernel' }, () => ({
      resolveDir: ohmSrc,
      loader: 'js',
      contents: "export { makeRecipe } from './main-kernel.js';\nimport './semanticsDeferredInit.js';\n",
    }));
  },
};

/** Fails the build when a module of the browser bundle reaches a Node built-in. */
export const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(build) {
    const builtins = new Set(builtinModules);
    build.onResolve({ filter: /^[a-z_:/]+$/ }, (args) => {
      if (!args.path.startsWith('node:') && !builtins.has(args.path)) return undefined;
      return { errors: [{ text: `the browser bundle must not import the Node module '${args.path}' (imported by ${args.importer})` }] };
    });
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  sourcemap: 'linked',
  // the maps lead to src/ by name, without a copy of it (the package would triple)
  sourcesContent: false,
  // Ohm's licence notice is in LICENSE; the sources carry no other
  legalComments: 'none',
  logLevel: 'silent',
  plugins: [ohmKernel],
};

/**
 * The Node build: the library (index, as ES modules), the two programs
 * (cli/lucid, cli/lucidc), sharing chunks; `outdir` is dist/ or the cache.
 */
export function nodeEsmOptions(outdir, entries = NODE_ENTRIES) {
  return {
    ...common, entryPoints: entries, outdir, format: 'esm', splitting: true,
    platform: 'node', target: 'node20', chunkNames: 'chunks/[name]-[hash]',
    minifyWhitespace: true, minifySyntax: true,
  };
}

/** The entry points of the Node build. */
export const NODE_ENTRIES = {
  index: 'src/index.ts',
  'cli/lucid': 'src/cli/lucid.ts',
  'cli/lucidc': 'src/cli/lucidc.ts',
};

/** The library as one CommonJS file, for `require('lucid-lua')`. */
export function nodeCjsOptions(outfile) {
  return {
    ...common, entryPoints: ['src/index.ts'], outfile, format: 'cjs',
    platform: 'node', target: 'node20', minifyWhitespace: true, minifySyntax: true,
    // a CommonJS module has no import.meta: the one use (createRequire's
    // base, in src/platform/node-modules.ts) gets the file's own URL
    define: { 'import.meta.url': '__lucidModuleUrl' },
    banner: { js: "const __lucidModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  };
}

/** The core on the browser platform, one minified ES module. */
export function browserOptions(outfile) {
  return {
    ...common, entryPoints: ['src/browser.ts'], outfile, format: 'esm',
    platform: 'browser', target: 'es2022', minify: true, metafile: true,
    plugins: [noNodeBuiltins, ohmKernel],
  };
}
