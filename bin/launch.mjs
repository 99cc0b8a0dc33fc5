// How bin/lucid.mjs and bin/lucidc.mjs start the TypeScript sources.
//
// The sources are the program: there is no build step to remember. Compiling
// ~100 modules through tsx on every start costs a few tenths of a second,
// though, which a command-line tool should not spend. So the first run
// bundles the entry points with esbuild (which tsx brings along) into
// .lucid-cache/dist/, and later runs import that bundle while it is newer
// than every file under src/. Edit a source file and the next run rebuilds;
// when the cache cannot be written or esbuild is missing, the sources run
// through tsx as before. LUCID_NO_BUNDLE=1 forces the tsx path.
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const outdir = join(root, '.lucid-cache', 'dist');
/** The entry points bundled together. */
const ENTRIES = { lucid: 'src/cli/lucid.ts', lucidc: 'src/cli/lucidc.ts' };

/** The newest modification time under `dir` (ms). */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    const m = e.isDirectory() ? newest(p) : statSync(p).mtimeMs;
    if (m > t) t = m;
  }
  return t;
}

function mtime(file) {
  try { return statSync(file).mtimeMs; } catch { return -1; }
}

/**
 * Bundle every entry and write each output file under a private name, then
 * rename it in place: a rename replaces a file atomically, so a run started
 * meanwhile (tests start many at once) imports either the old bundle or
 * the new one. (esbuild writing the files itself delays the exit by
 * seconds, so it hands them over instead.)
 */
function build() {
  const require = createRequire(createRequire(import.meta.url).resolve('tsx'));
  const esbuild = require('esbuild');
  const { outputFiles } = esbuild.buildSync({
    entryPoints: ENTRIES, outdir, outExtension: { '.js': '.mjs' },
    absWorkingDir: root, bundle: true, platform: 'node', format: 'esm',
    // the dependencies stay imports: resolved from the cache folder upwards, as from src/
    external: ['ohm-js', 'tsx', 'esbuild'],
    logLevel: 'silent', sourcemap: 'linked', write: false,
  });
  mkdirSync(outdir, { recursive: true });
  for (const f of outputFiles) {
    const tmp = `${f.path}.${process.pid}`;
    writeFileSync(tmp, f.contents);
    renameSync(tmp, f.path);
  }
}

export async function launch(name) {
  const bundle = join(outdir, `${name}.mjs`);
  let fresh = false;
  if (process.env.LUCID_NO_BUNDLE !== '1') {
    try {
      if (mtime(bundle) < newest(join(root, 'src'))) build();
      fresh = true;
    } catch {
      // no bundle could be made (no esbuild, a read-only install): run the sources
    }
  }
  if (fresh) {
    await import(pathToFileURL(bundle).href);
    return;
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, ENTRIES[name])).href);
}
