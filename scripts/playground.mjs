#!/usr/bin/env node
/**
 * Builds the playground (playground/, docs/tour.md links to it) into the
 * built site: esbuild bundles playground/main.ts with lucid's sources and
 * CodeMirror for the browser (one classic script, so the page also works
 * opened from the disk), next to the page and its style sheet.
 *
 * Usage: node scripts/playground.mjs [outdir]   (default docs/api/playground,
 * so run it after typedoc: `npm run docs` does both)
 * Prints the bundle's size, raw and gzipped. The browser spec
 * (spec/browser/playground.spec.ts) imports `buildPlayground` and builds
 * into a directory of its own.
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(import.meta.dirname, '..');

/**
 * Build the playground into `outdir`; resolves to the bundle's sizes in
 * bytes. `editor: false` replaces CodeMirror by nothing (only to measure
 * what the editor weighs; that page does not work).
 */
export async function buildPlayground({ outdir = join(root, 'docs/api/playground'), minify = true, editor = true } = {}) {
  mkdirSync(outdir, { recursive: true });
  const plugins = editor ? [] : [{
    name: 'no-editor',
    setup(b) {
      b.onResolve({ filter: /^(codemirror|@codemirror\/)/ }, (args) => ({ path: args.path, namespace: 'stub' }));
      b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'module.exports = new Proxy({}, { get: () => function () {} });', loader: 'js' }));
    },
  }];
  await build({
    entryPoints: [join(root, 'playground/main.ts')],
    outfile: join(outdir, 'playground.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify,
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'warning',
    plugins,
  });
  for (const f of ['index.html', 'playground.css']) copyFileSync(join(root, 'playground', f), join(outdir, f));
  const js = readFileSync(join(outdir, 'playground.js'));
  return { raw: js.length, gzip: gzipSync(js).length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outdir = process.argv[2] ? resolve(process.argv[2]) : undefined;
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  // no top-level await: the browser spec loads this module through a CommonJS hook
  buildPlayground({ outdir }).then(
    (size) => console.log(`playground: playground.js ${kb(size.raw)} (${kb(size.gzip)} gzipped)`),
    (e) => { console.error(e); process.exitCode = 1; },
  );
}
