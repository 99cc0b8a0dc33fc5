/**
 * The esbuild settings of every JavaScript file lucid ships, in one place:
 * `npm run build` (scripts/build.mjs) writes them to dist/, and bin/stamp.cjs
 * builds the command-line pair from the same settings into .lucid-cache/
 * when it runs in a checkout whose dist/ is absent or stale.
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
 *   maps lead back to src/. The command-line bundles are the exception:
 *   their identifiers are minified too, because each start reads the
 *   whole bundle and V8's code cache for it, 23% and 10% smaller so
 *   (4-6 ms of a start measured on Node 20); their stack traces name
 *   lucid's functions under `node --enable-source-maps`.
 * - The browser bundle is fully minified (it is downloaded) and built for
 *   the browser platform: a `node:` module or a Node built-in reached from
 *   src/browser.ts fails the build.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
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

/**
 * The grammar recipes without the text of their grammar and the positions
 * of its rules in it. Ohm keeps them only to show a rule's source
 * (grammar.source, grammar.rules[r].source, and messages about the
 * grammar itself, which is checked when the bundle is generated); lucid's
 * syntax errors come from its own diagnoser. Building the two grammars
 * from the recipe at start-up then makes no Interval objects: about half
 * of its time (6 ms of 14 measured on Node 20); and the bundles lose the
 * 16 KB of the grammar's text (with its comments).
 */
export const ohmRecipeWithoutPositions = {
  name: 'ohm-recipe-without-positions',
  setup(build) {
    // lucid's grammars, and the two Ohm builds the same way (its built-in
    // rules, and the little grammar of an operation's signature)
    build.onLoad({ filter: /(grammar\.ohm-bundle|built-in-rules|operations-and-attributes)\.js$/ }, (args) => ({
      loader: 'js',
      contents: readFileSync(args.path, 'utf8')
        .replace(/\{"sourceInterval":\[\d+,\d+\]\}/g, 'null')
        .replace(/\{"source":"(?:[^"\\]|\\.)*"\}/g, 'null'),
    }));
  },
};

/**
 * Ohm's table of Unicode categories with each regular expression made on
 * its first use. Ohm builds all 34 (`\p{Lu}` and the like) when it loads,
 * and V8 computes a property's character set as it builds the expression:
 * about 1.6 ms of every start on Node 20, for classes lucid's grammar
 * never uses (Lua names are ASCII; only Ohm's own `letter` rules refer to
 * three of them). Ohm calls nothing but `test` on them.
 */
export const ohmLazyUnicode = {
  name: 'ohm-lazy-unicode',
  setup(build) {
    build.onLoad({ filter: /ohm-js[\\/]src[\\/]unicode\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const eager = 'const toRegExp = val => new RegExp(String.raw`\\p{${val}}`, \'u\');';
      const ltmo = "UnicodeCategories['Ltmo'] = /\\p{Lt}|\\p{Lm}|\\p{Lo}/u;";
      if (!text.includes(eager) || !text.includes(ltmo)) {
        return { errors: [{ text: 'ohm-js/src/unicode.js has changed: review ohmLazyUnicode in scripts/bundles.mjs' }] };
      }
      const lazy = (pattern) => `{ re: null, test(ch) { return (this.re ??= new RegExp(${pattern}, 'u')).test(ch); } }`;
      return {
        loader: 'js',
        contents: text
          .replace(eager, () => `const toRegExp = val => (${lazy('String.raw`\\p{${val}}`')});`)
          .replace(ltmo, () => `UnicodeCategories['Ltmo'] = ${lazy('String.raw`\\p{Lt}|\\p{Lm}|\\p{Lo}`')};`),
      };
    });
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
  plugins: [ohmKernel, ohmRecipeWithoutPositions, ohmLazyUnicode],
};

/** The Node build of the library as an ES module; `outdir` is dist/. */
export function nodeEsmOptions(outdir, entries = NODE_ENTRIES) {
  return {
    ...common, entryPoints: entries, outdir, format: 'esm', splitting: true,
    platform: 'node', target: 'node20', chunkNames: 'chunks/[name]-[hash]',
    minifyWhitespace: true, minifySyntax: true,
  };
}

/** The entry points of the Node build. */
export const NODE_ENTRIES = { index: 'src/index.ts' };

/** The first line of a program bundle: its SHA-256, filled in by `stampBundle`. */
export const BUNDLE_KEY_PREFIX = '// lucid-bundle sha256:';
const KEY_PLACEHOLDER = BUNDLE_KEY_PREFIX + '0'.repeat(64);

/**
 * One program (`src/cli/<name>.ts`) as a single CommonJS file, what
 * bin/lucid.cjs and bin/lucidc.cjs run through bin/code-cache.cjs. CommonJS
 * because a classic script is what `vm.Script` compiles with V8's code
 * cache (an ES module has no such door on Node 20); one file so that the
 * cache covers the whole program. Its first line is a placeholder that
 * `stampBundle` replaces by the SHA-256 of the rest: the key of the cache.
 */
export function nodeCliOptions(name, outfile) {
  return {
    ...common, entryPoints: [`src/cli/${name}.ts`], outfile, format: 'cjs', write: false,
    platform: 'node', target: 'node20', minify: true,
    // import.meta.url's only uses are createRequire's base, which takes a
    // path as well as a URL: the file's path, because pathToFileURL would
    // set up Node's URL class during start-up (a few milliseconds)
    define: { 'import.meta.url': '__filename' },
    // "use strict" first: esbuild's own directive comes after the banner,
    // where it no longer counts
    banner: { js: `${KEY_PLACEHOLDER}\n'use strict';` },
  };
}

/**
 * The output files of a `nodeCliOptions` build, as [path, contents] with the
 * key written into the bundle's first line (same length as the placeholder,
 * so the source map's columns still hold).
 */
export function stampBundle(outputFiles) {
  return outputFiles.map((f) => {
    if (!f.path.endsWith('.cjs')) return [f.path, f.contents];
    const text = Buffer.from(f.contents).toString('utf8');
    if (!text.startsWith(KEY_PLACEHOLDER)) throw new Error(`${f.path}: no key placeholder on its first line`);
    const body = text.slice(KEY_PLACEHOLDER.length);
    // bin/code-cache.cjs reads the bundle as Latin-1 (faster than UTF-8);
    // esbuild's default charset escapes everything else
    if (/[^\x00-\x7f]/.test(body)) throw new Error(`${f.path}: not ASCII`);
    const key = createHash('sha256').update(body).digest('hex');
    return [f.path, Buffer.from(BUNDLE_KEY_PREFIX + key + body, 'utf8')];
  });
}

/** The library as one CommonJS file, for `require('lucid-lua')`. */
export function nodeCjsOptions(outfile) {
  return {
    ...common, entryPoints: ['src/index.ts'], outfile, format: 'cjs',
    platform: 'node', target: 'node20', minifyWhitespace: true, minifySyntax: true,
    // a CommonJS module has no import.meta: the one use (createRequire's
    // base, in src/platform/node-modules.ts) gets the file's own URL
    define: { 'import.meta.url': '__lucidModuleUrl' },
    // "use strict" first, as in nodeCliOptions
    banner: { js: "'use strict';const __lucidModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  };
}

/** The core on the browser platform, one minified ES module. */
export function browserOptions(outfile) {
  return {
    ...common, entryPoints: ['src/browser.ts'], outfile, format: 'esm',
    platform: 'browser', target: 'es2022', minify: true, metafile: true,
    plugins: [noNodeBuiltins, ...common.plugins],
  };
}
