/**
 * How `lucid` and `lucidc` start (issue "A package people can install",
 * start-up): the program bundle runs through V8's code cache
 * (bin/code-cache.cjs), and in a checkout a bundle is used only while
 * its stamp says the sources have not changed (bin/stamp.cjs).
 *
 * The cache: written by the first run, reused (not rewritten) by the
 * next, never written with LUCID_CODE_CACHE=0, moved to the temporary
 * folder when the home cache cannot be written, a corrupted file rejected
 * and written again, a changed bundle (a new key) never served the old
 * code, day-old files removed when a new one is written; none of it ever
 * fails a run. Small bundles made here stand for
 * the real one, so that each case costs one short process.
 *
 * Manual: none (lucid's own). See docs/cli.md, "Start-up".
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(import.meta.dirname, '../../bin');
const CODE_CACHE = join(BIN, 'code-cache.cjs');
const stamp = createRequire(import.meta.url)(join(BIN, 'stamp.cjs')) as {
  fresh(root: string, bundle: string): boolean;
  writeStamp(root: string, bundle: string, time: number): void;
};

let scratch = '';
test.before.each(() => { scratch = mkdtempSync(join(tmpdir(), 'lucid-code-cache-spec-')); });
test.after.each(() => { rmSync(scratch, { recursive: true, force: true }); });

/** A bundle as the build writes one: its SHA-256 on the first line, then the code. */
function bundle(name: string, code: string): string {
  const body = `\n${code}\n`;
  const file = join(scratch, name);
  writeFileSync(file, `// lucid-bundle sha256:${createHash('sha256').update(body).digest('hex')}${body}`);
  return file;
}

/** Run `file` through the code cache, with `env` added; the child's result. */
function run(file: string, env: Record<string, string>, flags: string[] = []) {
  return spawnSync(process.execPath, [...flags, '-e', `require(${JSON.stringify(CODE_CACHE)}).runBundle(${JSON.stringify(file)})`], {
    encoding: 'utf8', env: { ...process.env, LUCID_CODE_CACHE: '', LUCID_CODE_CACHE_DIR: '', ...env },
  });
}

/** The cache files in `dir` (none when it does not exist). */
function caches(dir: string): string[] {
  try { return readdirSync(dir).filter((f) => f.endsWith('.bin')); } catch { return []; }
}

const PROGRAM = 'const f = (n) => n < 2 ? n : f(n - 1) + f(n - 2); process.stdout.write(["fib", f(15), typeof require, typeof module.exports].join(" ") + "\\n");';
const OUTPUT = 'fib 610 function object\n';

test('the first run writes the cache; the second reuses it and writes nothing', () => {
  const dir = join(scratch, 'cache');
  const file = bundle('p.cjs', PROGRAM);
  const first = run(file, { LUCID_CODE_CACHE_DIR: dir });
  assert.is(first.stdout + first.stderr, OUTPUT);
  const written = caches(dir);
  assert.is(written.length, 1);
  const before = statSync(join(dir, written[0]));
  const second = run(file, { LUCID_CODE_CACHE_DIR: dir });
  assert.is(second.stdout + second.stderr, OUTPUT);
  assert.equal(caches(dir), written);
  const after = statSync(join(dir, written[0]));
  assert.is(after.ino, before.ino, 'not written again (a rewrite renames a new file in)');
  assert.is(after.mtimeMs, before.mtimeMs);
});

test('LUCID_CODE_CACHE=0: the program runs and no cache is written', () => {
  const dir = join(scratch, 'cache');
  const r = run(bundle('p.cjs', PROGRAM), { LUCID_CODE_CACHE_DIR: dir, LUCID_CODE_CACHE: '0' });
  assert.is(r.stdout + r.stderr, OUTPUT);
  assert.equal(caches(dir), []);
});

test('a home cache that cannot be written: the temporary folder takes the cache', () => {
  const notADir = join(scratch, 'file');
  writeFileSync(notADir, 'a file where the cache folder would be');
  const tmp = join(scratch, 'tmp');
  mkdirSync(tmp);
  const r = run(bundle('p.cjs', PROGRAM), { XDG_CACHE_HOME: notADir, TMPDIR: tmp });
  assert.is(r.stdout + r.stderr, OUTPUT);
  const fallback = readdirSync(tmp).filter((d) => d.startsWith('lucid-code-cache-'));
  assert.is(fallback.length, 1);
  assert.is(caches(join(tmp, fallback[0])).length, 1);
});

test('a cache folder that cannot be written at all costs nothing but time', () => {
  const notADir = join(scratch, 'file');
  writeFileSync(notADir, '');
  const r = run(bundle('p.cjs', PROGRAM), { LUCID_CODE_CACHE_DIR: join(notADir, 'sub') });
  assert.is(r.status, 0);
  assert.is(r.stdout + r.stderr, OUTPUT);
});

test('a corrupted cache file is rejected and written again', () => {
  const dir = join(scratch, 'cache');
  const file = bundle('p.cjs', PROGRAM);
  run(file, { LUCID_CODE_CACHE_DIR: dir });
  const [name] = caches(dir);
  const good = readFileSync(join(dir, name));
  const bad = Buffer.from(good);
  for (let i = bad.length >> 1; i < bad.length; i += 97) bad[i] ^= 0x5a;   // flip bytes in the data
  writeFileSync(join(dir, name), bad);
  const r = run(file, { LUCID_CODE_CACHE_DIR: dir });
  assert.is(r.stdout + r.stderr, OUTPUT);
  const rewritten = readFileSync(join(dir, name));
  assert.not.ok(rewritten.equals(bad), 'the corrupted file was replaced');
  assert.is(rewritten.subarray(0, 8).toString(), 'lucidcc1');
  // and a truncated one too
  writeFileSync(join(dir, name), good.subarray(0, good.length >> 1));
  assert.is(run(file, { LUCID_CODE_CACHE_DIR: dir }).stdout, OUTPUT);
  assert.ok(statSync(join(dir, name)).size > good.length >> 1);
});

test("under --verify-snapshot-checksum (the #! line's flag) V8 checks the data: a corrupted file is rejected, and zlib is never loaded", () => {
  const dir = join(scratch, 'cache');
  const flags = ['--verify-snapshot-checksum'];
  const zlib = 'process.stdout.write(process.moduleLoadList.includes("NativeModule zlib") ? "zlib\\n" : "no zlib\\n");';
  const file = bundle('p.cjs', PROGRAM + zlib);
  const expected = `${OUTPUT}no zlib\n`;
  assert.is(run(file, { LUCID_CODE_CACHE_DIR: dir }, flags).stdout, expected);
  const [name] = caches(dir);
  const good = readFileSync(join(dir, name));
  assert.is(good.readUInt32LE(8), 0, 'no checksum of ours: V8 keeps its own in the data');
  const second = run(file, { LUCID_CODE_CACHE_DIR: dir }, flags);
  assert.is(second.stdout, expected);
  assert.ok(readFileSync(join(dir, name)).equals(good), 'the good cache is used, not rewritten');
  const bad = Buffer.from(good);
  for (let i = bad.length >> 1; i < bad.length; i += 97) bad[i] ^= 0x5a;
  writeFileSync(join(dir, name), bad);
  assert.is(run(file, { LUCID_CODE_CACHE_DIR: dir }, flags).stdout, expected);
  assert.not.ok(readFileSync(join(dir, name)).equals(bad), 'the corrupted file was replaced');
  // without the flag, the same program checks a CRC-32 of its own, in a
  // file of its own (written at exit, so zlib is loaded from the second run)
  assert.is(run(file, { LUCID_CODE_CACHE_DIR: dir }).stdout, `${OUTPUT}no zlib\n`);
  const crc = caches(dir).filter((f) => f !== name);
  assert.is(crc.length, 1);
  assert.is.not(readFileSync(join(dir, crc[0])).readUInt32LE(8), 0);
  assert.is(run(file, { LUCID_CODE_CACHE_DIR: dir }).stdout, `${OUTPUT}zlib\n`);
});

test('a changed bundle has a new key: the old cache is never used for it', () => {
  const dir = join(scratch, 'cache');
  // the same length, different code: V8's own check (the source length)
  // would take one's cache for the other; the key tells them apart
  const one = bundle('p.cjs', 'console.log("one");');
  assert.is(run(one, { LUCID_CODE_CACHE_DIR: dir }).stdout, 'one\n');
  const two = bundle('p.cjs', 'console.log("two");');
  assert.is(run(two, { LUCID_CODE_CACHE_DIR: dir }).stdout, 'two\n');
  assert.is(caches(dir).length, 2);
  assert.is(run(two, { LUCID_CODE_CACHE_DIR: dir }).stdout, 'two\n');
});

test('writing a cache removes the cache files more than a day old, and only those', () => {
  const dir = join(scratch, 'cache');
  mkdirSync(dir);
  const day = 24 * 60 * 60;
  const stale = join(dir, `${'0'.repeat(64)}-old.bin`);
  const recent = join(dir, `${'1'.repeat(64)}-recent.bin`);
  const other = join(dir, 'notes.txt');
  for (const f of [stale, recent, other]) writeFileSync(f, 'x');
  const now = Date.now() / 1000;
  utimesSync(stale, now - 2 * day, now - 2 * day);
  utimesSync(recent, now - day / 2, now - day / 2);
  utimesSync(other, now - 2 * day, now - 2 * day);
  assert.is(run(bundle('p.cjs', PROGRAM), { LUCID_CODE_CACHE_DIR: dir }).stdout, OUTPUT);
  assert.not.ok(existsSync(stale), 'the day-old cache is gone');
  assert.ok(existsSync(recent), 'the recent cache stays');
  assert.ok(existsSync(other), 'a file that is not a cache stays');
  assert.is(caches(dir).length, 2, 'the new cache and the recent one');
});

test('lucid with its code cache: require of a JavaScript module, CommonJS or ES, works on every run', () => {
  // the ES module comes through an import() compiled outside the cached
  // script: one inside it has no loader once its code comes from the cache
  const fixtures = resolve(import.meta.dirname, '../lib/fixtures/js-modules');
  const env = { ...process.env, LUCID_CODE_CACHE: '', LUCID_CODE_CACHE_DIR: join(scratch, 'cache') };
  const chunk = `package.cpath = ${JSON.stringify(`${fixtures}/?.js;${fixtures}/?.mjs`)} print(require("esm").kind, type(require("greet")))`;
  for (const round of ['writes the cache', 'reads it']) {
    const r = spawnSync(process.execPath, [join(BIN, 'lucid.cjs'), '-e', chunk], { encoding: 'utf8', env });
    assert.is(r.stdout + r.stderr, 'esm\ttable\n', round);
  }
  assert.is(caches(join(scratch, 'cache')).length, 1);
});

test('a bundle without a key runs without the cache', () => {
  const dir = join(scratch, 'cache');
  const file = join(scratch, 'plain.cjs');
  writeFileSync(file, 'console.log("plain", typeof __dirname);\n');
  assert.is(run(file, { LUCID_CODE_CACHE_DIR: dir }).stdout, 'plain string\n');
  assert.equal(caches(dir), []);
});

test('the stamp: fresh until a source is edited, added or removed', () => {
  const root = join(scratch, 'checkout');
  mkdirSync(join(root, 'src', 'sub'), { recursive: true });
  mkdirSync(join(root, 'scripts'));
  mkdirSync(join(root, 'node_modules', 'ohm-js'), { recursive: true });
  for (const f of ['src/a.ts', 'src/sub/b.ts', 'scripts/bundles.mjs', 'node_modules/ohm-js/package.json']) writeFileSync(join(root, f), '');
  const out = join(root, 'out.cjs');
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? [...walk(join(dir, e.name)), join(dir, e.name)] : [join(dir, e.name)]));
  const restamp = () => {
    // every source older than the stamp, as after a build
    const past = (Date.now() - 5000) / 1000;
    for (const p of walk(root)) utimesSync(p, past, past);
    writeFileSync(out, 'bundle');
    stamp.writeStamp(root, out, Date.now() - 1000);
  };
  restamp();
  assert.ok(stamp.fresh(root, out), 'fresh after the build');
  writeFileSync(join(root, 'src/sub/b.ts'), 'edited');
  assert.not.ok(stamp.fresh(root, out), 'an edited file');
  restamp();
  writeFileSync(join(root, 'src/sub/c.ts'), 'new');
  assert.not.ok(stamp.fresh(root, out), 'an added file (its folder is newer)');
  restamp();
  rmSync(join(root, 'src/a.ts'));
  assert.not.ok(stamp.fresh(root, out), 'a removed file');
  restamp();
  writeFileSync(out, 'another bundle');
  assert.not.ok(stamp.fresh(root, out), 'a bundle that is not the stamped one');
  rmSync(`${out}.stamp`);
  assert.not.ok(stamp.fresh(root, out), 'no stamp');
});

test.run();
