'use strict';
// How bin/lucid.cjs and bin/lucidc.cjs start a program: which bundle, and
// V8's code cache for it.
//
// Which bundle. The installed package runs dist/cli/<name>.cjs, the single
// CommonJS file `npm run build` writes (scripts/bundles.mjs, nodeCliOptions).
// In a checkout (src/ beside bin/) the sources are the program: the bundle
// is used only while it is fresh, which bin/stamp.cjs checks against the
// stamp the build wrote beside it; otherwise the program is bundled again
// into .lucid-cache/dist/ (git-ignored), and when that cannot be done (no
// esbuild, a read-only checkout) the sources run through tsx.
// LUCID_NO_BUNDLE=1 forces the tsx path.
//
// The code cache. Compiling the 375 KB bundle is most of what Node does
// before lucid runs. The bundle goes through `vm.Script` with `cachedData`:
// the code V8 compiled in an earlier run, saved at that run's exit (so it
// holds the functions the run compiled lazily, not only the top level).
// The cache file is named after the bundle's SHA-256 (its first line), the
// Node version and V8 flags that change the code, so a new bundle or a new
// Node never meets an old cache; a cache V8 rejects, or whose own checksum
// does not match (a torn or corrupted file), is ignored and written again.
// By default V8 checks only the cache's header (its version, flags and the
// source's length): a flipped byte in the code itself is accepted, and run.
// The #! line of bin/lucid.cjs starts Node with --verify-snapshot-checksum,
// which makes V8 write a checksum into the cache and check it (in C++, at
// no measurable cost); a run without that flag (`node bin/lucid.cjs`)
// checks a CRC-32 of its own instead, which costs loading node:zlib and
// the stream modules it needs, 4-5 ms of every start.
// Where: $LUCID_CODE_CACHE_DIR, else $XDG_CACHE_HOME/lucid/code-cache, else
// ~/.cache/lucid/code-cache, else (not writable) the system's temporary
// folder; files a day old go when a new one is written. LUCID_CODE_CACHE=0
// turns it off. Nothing here ever fails a run:
// a cache that cannot be read or written only costs time.
//
// Invariant: only Node built-ins are loaded before the program (each one
// costs start-up time); the program sees the CommonJS globals it would see
// under require(). docs/cli.md, "Start-up", has the figures.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
/** The bundle's first line: `// lucid-bundle sha256:<64 hex digits>`. */
const KEY_PREFIX = '// lucid-bundle sha256:';
/** A cache file: MAGIC, the CRC-32 of the data (4 bytes, little-endian; 0 when V8 checks), the data. */
const MAGIC = Buffer.from('lucidcc1');
const HEADER = MAGIC.length + 4;
/** Whether V8 itself checksums the caches it writes and reads (see above). */
const V8_CHECKS = process.execArgv.includes('--verify-snapshot-checksum');

/** The folders to try for the cache, best first (generated: the last one needs node:os). */
function* cacheDirs() {
  const env = process.env;
  if (env.LUCID_CODE_CACHE_DIR) {
    yield env.LUCID_CODE_CACHE_DIR;
    return;
  }
  if (env.XDG_CACHE_HOME) yield path.join(env.XDG_CACHE_HOME, 'lucid', 'code-cache');
  else if (env.HOME) yield path.join(env.HOME, '.cache', 'lucid', 'code-cache');
  yield path.join(require('node:os').tmpdir(), `lucid-code-cache-${process.getuid?.() ?? 'user'}`);
}

/**
 * What besides the bundle decides whether V8 accepts a cache: the Node
 * (V8) version, the architecture and the V8 flags. Runs with other flags
 * (`node --max-semi-space-size=… bin/lucid.cjs`) get a file of their own
 * instead of rejecting and rewriting each other's.
 */
function variant() {
  const flags = process.execArgv.join(' ');
  let h = 0;
  for (let i = 0; i < flags.length; i++) h = (Math.imul(h, 31) + flags.charCodeAt(i)) | 0;
  return `${process.version}-${process.arch}-${(h >>> 0).toString(16)}`;
}

/** Our checksum of `data`: its CRC-32, or 0 when V8 keeps one inside the data. */
function checksum(data) {
  return V8_CHECKS ? 0 : require('node:zlib').crc32(data) >>> 0;
}

/** The cached data in `file`, or undefined (absent, torn, corrupted). */
function readCache(file) {
  let bytes;
  try { bytes = fs.readFileSync(file); } catch { return undefined; }
  if (bytes.length <= HEADER || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const data = bytes.subarray(HEADER);
  return bytes.readUInt32LE(MAGIC.length) === checksum(data) ? data : undefined;
}

/** Write `data` as the cache `name`, in the first folder that takes it; quietly nothing otherwise. */
function writeCache(name, data) {
  const header = Buffer.alloc(HEADER);
  MAGIC.copy(header);
  header.writeUInt32LE(checksum(data), MAGIC.length);
  for (const dir of cacheDirs()) {
    const file = path.join(dir, name);
    const tmp = `${file}.${process.pid}`;
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(tmp, Buffer.concat([header, data]));
      fs.renameSync(tmp, file);   // atomic: a run started meanwhile reads the old file or the new
      prune(dir, name);
      return;
    } catch {
      try { fs.unlinkSync(tmp); } catch { /* never written */ }
    }
  }
}

/** A cache file untouched this long goes when another is written. */
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Remove the cache files of `dir` older than MAX_AGE_MS, but `keep`: each
 * rebuilt bundle leaves a file of its own (about 560 KB), and a cache in
 * use is only written again when it is gone. Runs only when a cache was
 * just written, which is seldom.
 */
function prune(dir, keep) {
  const old = Date.now() - MAX_AGE_MS;
  for (const f of fs.readdirSync(dir)) {
    if (f === keep || !f.endsWith('.bin')) continue;
    try {
      if (fs.statSync(path.join(dir, f)).mtimeMs < old) fs.unlinkSync(path.join(dir, f));
    } catch { /* gone already, or not ours to remove */ }
  }
}

/** Find the cache `name`: the first folder that has a valid one. */
function findCache(name) {
  for (const dir of cacheDirs()) {
    const data = readCache(path.join(dir, name));
    if (data !== undefined) return data;
  }
  return undefined;
}

/**
 * Run the CommonJS bundle `file` as require() would, compiled with V8's
 * code cache when it can be.
 */
function runBundle(file) {
  if (process.env.LUCID_CODE_CACHE === '0') return require(file);
  const vm = require('node:vm');
  // the bundle is ASCII (stampBundle checks): read as Latin-1, V8 makes a
  // one-byte string without decoding UTF-8
  const source = fs.readFileSync(file, 'latin1');
  const key = source.startsWith(KEY_PREFIX) ? source.slice(KEY_PREFIX.length, KEY_PREFIX.length + 64) : '';
  if (!/^[0-9a-f]{64}$/.test(key)) return require(file);
  const name = `${key}-${variant()}.bin`;
  const cachedData = findCache(name);
  // the wrapper on the bundle's first line: line numbers (and so stack
  // traces and the source map) are those of the file. `import()` inside
  // the script would find no module loader once its code comes from the
  // cache (and vm's own remedy is experimental and warns): the program
  // imports ES modules (Lua's require of a .mjs) through __lucidImport,
  // an import() compiled here (src/platform/node-modules.ts)
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname, __lucidImport) {${source}\n})`,
    { filename: file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    // at exit, so the data holds the functions this run compiled as well
    // (measured: a cache made right after compiling, smaller, saves half
    // as much)
    process.once('exit', () => {
      try { writeCache(name, script.createCachedData()); } catch { /* a cache is never worth a failure */ }
    });
  }
  const mod = { exports: {}, filename: file, id: file, loaded: false };
  const req = require('node:module').createRequire(file);
  script.runInThisContext()(mod.exports, req, mod, file, path.dirname(file), (url) => import(url));
  mod.loaded = true;
  return mod.exports;
}

/** The bundle of program `name` to run, or undefined: run the sources through tsx. */
async function bundleFor(name) {
  const built = path.join(root, 'dist', 'cli', `${name}.cjs`);
  if (!fs.existsSync(path.join(root, 'src'))) return built;   // the installed package
  if (process.env.LUCID_NO_BUNDLE === '1') return undefined;
  const stamp = require('./stamp.cjs');
  if (stamp.fresh(root, built)) return built;
  const cached = path.join(root, '.lucid-cache', 'dist', `${name}.cjs`);
  if (stamp.fresh(root, cached)) return cached;
  try {
    await stamp.rebuild(root, name, cached);
    return cached;
  } catch {
    return undefined;
  }
}

/** Start program `name` (lucid or lucidc). */
async function launch(name) {
  const file = await bundleFor(name);
  if (file !== undefined) return runBundle(file);
  const { register } = await import('tsx/esm/api');
  register();
  return import(require('node:url').pathToFileURL(path.join(root, 'src', 'cli', `${name}.ts`)).href);
}

module.exports = { launch, runBundle, cacheDirs };
