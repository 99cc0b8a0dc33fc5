// How bin/lucid.mjs and bin/lucidc.mjs start lucid.
//
// In the installed package they import dist/cli/<name>.js, the bundle
// `npm run build` made (scripts/bundles.mjs says why bundles). In a checkout
// (src/ beside bin/) the sources are the program and there is no build step
// to remember: dist/ is used only while it is newer than every file under
// src/; otherwise the first run bundles the entry point with the same
// settings into .lucid-cache/dist/, and later runs import that bundle while
// it is fresh. When the cache cannot be written or esbuild is missing, the
// sources run through tsx. LUCID_NO_BUNDLE=1 forces the tsx path.
//
// Where Node has it (22.1 and later), V8's compile cache keeps the bundle's
// compiled code between runs (docs/cli.md, "Start-up").
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const cacheDir = join(root, '.lucid-cache', 'dist');
/** The entry points, by program name. */
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
 * Bundle one program into the cache and write it under a private name, then
 * rename it in place: a rename replaces a file atomically, so a run started
 * meanwhile (tests start many at once) imports either the old bundle or
 * the new one. (esbuild writing the files itself delays the exit by
 * seconds, so it hands them over instead.)
 */
async function build(name) {
  const { loadEsbuild, nodeEsmOptions } = await import(pathToFileURL(join(root, 'scripts', 'bundles.mjs')).href);
  const options = nodeEsmOptions(cacheDir, { [name]: ENTRIES[name] });
  const { outputFiles } = loadEsbuild().buildSync({
    ...options, splitting: false, outExtension: { '.js': '.mjs' }, write: false,
  });
  mkdirSync(cacheDir, { recursive: true });
  for (const f of outputFiles) {
    const tmp = `${f.path}.${process.pid}`;
    writeFileSync(tmp, f.contents);
    renameSync(tmp, f.path);
  }
}

/** The JavaScript file to import for program `name`, or undefined: run the sources. */
async function program(name) {
  const built = join(root, 'dist', 'cli', `${name}.js`);
  if (!existsSync(join(root, 'src'))) return built;   // the installed package
  if (process.env.LUCID_NO_BUNDLE === '1') return undefined;
  const sources = newest(join(root, 'src'));
  if (mtime(built) >= sources) return built;
  const cached = join(cacheDir, `${name}.mjs`);
  try {
    if (mtime(cached) < sources) await build(name);
    return cached;
  } catch {
    return undefined;   // no bundle could be made (no esbuild, a read-only checkout)
  }
}

export async function launch(name) {
  const file = await program(name);
  if (file !== undefined) {
    nodeModule.enableCompileCache?.();
    await import(pathToFileURL(file).href);
    return;
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, ENTRIES[name])).href);
}
