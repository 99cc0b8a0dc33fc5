/**
 * `npm run build`: dist/ from src/ — what the published package runs
 * (scripts/bundles.mjs has the choices behind each file).
 *
 *   dist/index.js                                the library as an ES module (import)
 *   dist/index.cjs                               the library as CommonJS, for require()
 *   dist/cli/lucid.cjs, lucidc.cjs               the programs, one CommonJS file each,
 *                                                first line their SHA-256 (bin/code-cache.cjs),
 *                                                each with a .stamp (bin/stamp.cjs)
 *   dist/lucid.browser.js                        the core on the browser platform
 *   dist/types/                                  declarations (tsc): .d.ts for import,
 *                                                .d.cts for require
 *
 * each with its source map. The browser bundle's gzipped size is printed
 * and checked against its budget (BROWSER_BUDGET, the 150 KB);
 * `--no-types` skips tsc, for the consumer spec's quick rebuild checks.
 *
 * Usage: node scripts/build.mjs [--no-types]
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { browserOptions, loadEsbuild, nodeCjsOptions, nodeCliOptions, nodeEsmOptions, stampBundle } from './bundles.mjs';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
/** The browser bundle's budget, gzipped (issue 14). */
export const BROWSER_BUDGET = 150 * 1024;

const esbuild = loadEsbuild();
const { writeStamp } = createRequire(import.meta.url)('../bin/stamp.cjs');
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

rmSync(dist, { recursive: true, force: true });
// before any source is read: the programs' stamps say "built from what was there then"
const started = Date.now() - 1000;
const programs = ['lucid', 'lucidc'];
const [, , browser, ...clis] = await Promise.all([
  esbuild.build(nodeEsmOptions(dist)),
  esbuild.build(nodeCjsOptions(join(dist, 'index.cjs'))),
  esbuild.build(browserOptions(join(dist, 'lucid.browser.js'))),
  ...programs.map((name) => esbuild.build(nodeCliOptions(name, join(dist, 'cli', `${name}.cjs`)))),
]).catch((e) => {
  console.error(e.message);
  process.exit(1);
});
void browser;
mkdirSync(join(dist, 'cli'), { recursive: true });
for (const { outputFiles } of clis) {
  for (const [file, contents] of stampBundle(outputFiles)) writeFileSync(file, contents);
}
for (const name of programs) writeStamp(root, join(dist, 'cli', `${name}.cjs`), started);

// declarations: tsc writes them with the sources' `.ts` specifiers, which a
// consumer's tsc refuses (TS5097); they name the emitted `.js` files instead
if (!process.argv.includes('--no-types')) {
  const tsc = join(root, 'node_modules', '.bin', 'tsc');
  const r = spawnSync(tsc, ['-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(r.stdout + r.stderr);
    process.exit(1);
  }
  const types = join(dist, 'types');
  copyFileSync(join(root, 'src/parser/grammar.ohm-bundle.d.ts'), join(types, 'parser/grammar.ohm-bundle.d.ts'));
  const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]);
  const specifiers = /((?:from|import)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]*?)\.ts\2/g;
  for (const file of walk(types)) {
    const text = readFileSync(file, 'utf8');
    const fixed = text.replace(specifiers, '$1$2$3.js$2');
    if (fixed !== text) writeFileSync(file, fixed);
    // the same declarations for the `require` condition: in this ES-module
    // package a .d.ts declares an ES module, which a CommonJS consumer's
    // tsc (module node16/nodenext) refuses to require (TS1479); a .d.cts
    // tree whose specifiers name .cjs files declares CommonJS
    writeFileSync(file.replace(/\.d\.ts$/, '.d.cts'), text.replace(specifiers, '$1$2$3.cjs$2'));
  }
}

const size = (f) => statSync(join(dist, f)).size;
const gz = gzipSync(readFileSync(join(dist, 'lucid.browser.js')), { level: 9 }).length;
console.log(`dist/index.js ${kb(size('index.js'))}, dist/index.cjs ${kb(size('index.cjs'))}, ` +
  `dist/cli/lucid.cjs ${kb(size('cli/lucid.cjs'))}`);
console.log(`dist/lucid.browser.js ${kb(size('lucid.browser.js'))}, gzipped ${kb(gz)} (budget ${kb(BROWSER_BUDGET)})`);
if (gz > BROWSER_BUDGET) {
  console.error(`the browser bundle is over its budget: ${kb(gz)} gzipped > ${kb(BROWSER_BUDGET)}`);
  process.exit(1);
}
