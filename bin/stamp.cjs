'use strict';
// Is a program bundle still the sources' bundle? (Checkouts only: the
// installed package has no src/ and runs dist/ as it is.)
//
// Each build writes, beside the bundle, `<bundle>.stamp`: the time it
// started reading the sources, the bundle's size and modification time,
// and the list of every file and folder it depends on (src/ whole, the
// esbuild settings, Ohm's package). The bundle is fresh while the bundle
// is the one stamped and nothing on the list is newer than that time.
// Stating the list (some 160 paths) costs about a millisecond, where
// walking src/ with readdir cost 15–25 ms.
//
// Why the list is enough: editing a file changes its own time; adding,
// removing or renaming one changes its folder's time, and every folder is
// on the list; a checkout (git) writes files with the current time. A
// path that is gone makes the bundle stale.
//
// Invariant: a stale bundle is never taken for fresh; a fresh one may be
// rebuilt needlessly (a file touched without a change), which only costs a
// second. The rebuild writes every file under a private name and renames
// it in place, so runs started meanwhile see the old files or the new.
const fs = require('node:fs');
const path = require('node:path');

/** The paths (relative to the root) a program bundle depends on. */
function dependencies(root) {
  const out = ['scripts/bundles.mjs', 'node_modules/ohm-js/package.json'];
  const walk = (rel) => {
    out.push(rel);
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(child); else out.push(child);
    }
  };
  walk('src');
  return out;
}

/** True when `bundle` has a stamp and nothing it lists changed since. */
function fresh(root, bundle) {
  let stamp;
  try { stamp = JSON.parse(fs.readFileSync(`${bundle}.stamp`, 'utf8')); } catch { return false; }
  const b = fs.statSync(bundle, { throwIfNoEntry: false });
  if (b === undefined || b.size !== stamp.size || b.mtimeMs !== stamp.mtimeMs) return false;
  const base = root + path.sep;   // not path.join: it normalises every path, slower than the stat
  for (const rel of stamp.paths) {
    const s = fs.statSync(base + rel, { throwIfNoEntry: false });
    if (s === undefined || s.mtimeMs > stamp.time) return false;
  }
  return true;
}

/** Write `bytes` as `file`, atomically. */
function put(file, bytes) {
  const tmp = `${file}.${process.pid}`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, file);
}

/**
 * Write the stamp of `bundle`, built from sources read after `time` (the
 * list is taken now: a file added during the build makes its folder newer
 * than `time`, so the next run rebuilds).
 */
function writeStamp(root, bundle, time) {
  const b = fs.statSync(bundle);
  put(`${bundle}.stamp`, JSON.stringify({ time, size: b.size, mtimeMs: b.mtimeMs, paths: dependencies(root) }));
}

/**
 * Bundle program `name` into `outfile` (with its source map) and stamp it;
 * throws when esbuild is missing or the folder cannot be written.
 */
async function rebuild(root, name, outfile) {
  const { pathToFileURL } = require('node:url');
  const bundles = await import(pathToFileURL(path.join(root, 'scripts', 'bundles.mjs')).href);
  // a second before any read: a file written during the build is stamped
  // later than this even where file times lag the clock (coarse
  // timestamps); an edit in the second before only costs one more rebuild
  const time = Date.now() - 1000;
  const { outputFiles } = await bundles.loadEsbuild().build(bundles.nodeCliOptions(name, outfile));
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  // the map first: a run that sees the new bundle finds its map
  const files = bundles.stampBundle(outputFiles).sort(([a], [b]) => Number(a === outfile) - Number(b === outfile));
  for (const [file, contents] of files) put(file, contents);
  writeStamp(root, outfile, time);
}

module.exports = { fresh, rebuild, writeStamp };
