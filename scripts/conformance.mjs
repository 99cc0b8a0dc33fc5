/**
 * The official-suite runner: `npm run conformance -- --suite DIR [files...]`
 *
 * Runs each file of the official Lua 5.4.8 test suite (the `testes/` folder
 * of lua-5.4.8-tests; never part of this repository) in its own child process
 * of `bin/lucid.mjs` — or of a real interpreter with `--lua lua5.4` — with
 * `_port=true; _soft=true` set first (portable and quick modes of the suite;
 * main.lua, which runs the interpreter through the shell, gets only _soft),
 * the suite folder as working directory and a per-file timeout. Prints PASS,
 * FAIL or TIMEOUT per file with the first error and how far into the file it
 * got, then compares the run with lua-tests/conformance-expectations.txt and
 * exits non-zero on any regression (a file expected to pass that does not).
 *
 * Options:
 *   --suite DIR        the testes/ folder (or set LUA_TESTS_DIR)
 *   --lua ENGINE       run on another interpreter (e.g. lua5.4) instead of lucid
 *   --timeout SECONDS  per file (default 120)
 *   --jobs N           files run at once (default 1; the suite is CPU-heavy)
 *   --expectations F   another expectations file
 *   files...           only these files (heavy.lua runs only when named)
 *   --mode MODE        the suite's flags: `default` (the above), `full` (no
 *                      _port, no _soft: heavy and non-portable tests, as
 *                      PUC-Rio runs it on Linux), `port` (_port only), `soft`
 *                      (_soft only). Each mode is judged against its
 *                      expectations: the default lines of the file,
 *                      overlaid by the mode's `[mode M]` section.
 * Lines listed in lua-tests/conformance-patches.txt (checks lucid cannot meet
 * by design, each with its reason) are blanked before their file runs, and
 * in the files all.lua runs.
 *
 *   --all              run only all.lua: the whole suite as one program
 *   --lucid-opt OPT    pass an option to lucid before the file (repeatable),
 *                      e.g. --lucid-opt -W
 *
 * The collector's stress mode comes from the environment, which the files
 * inherit: `LUCID_GC_STRESS=1 npm run conformance -- --suite DIR`. TMPDIR
 * is a private folder, removed at the end: no temporary file is left.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runProgram, pool, errorMessage } from './lib/engines.mjs';
import { readExpectations, progress as progressIn, judge } from './lib/expectations.mjs';

const root = resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
let suite = process.env.LUA_TESTS_DIR;
let engine = 'lucid'; let timeout = 120; let jobs = 1; let mode = 'default';
let expectationsFile = join(root, 'lua-tests', 'conformance-expectations.txt');
const lucidOpts = []; const files = [];
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--suite') suite = argv[++i];
  else if (a === '--lua') engine = argv[++i];
  else if (a === '--timeout') timeout = Number(argv[++i]);
  else if (a === '--jobs') jobs = Number(argv[++i]);
  else if (a === '--expectations') expectationsFile = argv[++i];
  else if (a === '--lucid-opt') lucidOpts.push(argv[++i]);
  else if (a === '--mode') mode = argv[++i];
  else if (a === '--all') files.push('all.lua');   // the suite as one program, as PUC-Rio runs it
  else files.push(a);
}

/** The globals each mode sets before a file runs (all.lua reads them). */
const MODE_FLAGS = { full: '', port: '_port=true', soft: '_soft=true' };
if (mode !== 'default' && !(mode in MODE_FLAGS)) {
  console.error(`unknown --mode ${mode}: default, full, port or soft`);
  process.exit(2);
}

if (!suite || !existsSync(join(suite, 'all.lua'))) {
  console.log(`No official test suite found${suite ? ` at ${suite}` : ''}; skipping.
To run it, get the Lua 5.4.8 test suite — the lua-5.4.8-tests archive from
https://www.lua.org/tests/, or the testes/ folder of the lua/lua repository at
tag v5.4.8 — and run:
  npm run conformance -- --suite path/to/testes
(or set LUA_TESTS_DIR=path/to/testes).`);
  process.exit(0);
}

const all = readdirSync(suite).filter((f) => f.endsWith('.lua')).sort();
// heavy.lua is not part of all.lua: it builds strings and tables until memory
// runs out (more than 16 GB on lua5.4), so it only runs when named.
const manualOnly = new Set(['heavy.lua']);
const selected = files.length ? files.map((f) => f.replace(/^.*\//, '')) : all.filter((f) => !manualOnly.has(f));
for (const f of all) if (!files.length && manualOnly.has(f)) console.log(`SKIP     ${f}  (runs only when named: it exhausts memory by design)`);
const expectations = engine === 'lucid' ? readExpectations(expectationsFile, mode) : new Map();
const total = Object.fromEntries(selected.map((f) => {
  try { return [f, readFileSync(join(suite, f), 'latin1').split('\n').length]; } catch { return [f, 0]; }
}));

const progress = (file, message) => progressIn(file, message, total[file]);

/** Files that run with lucid's part of the T testing library. */
const T_FILES = new Set(['api.lua', 'code.lua', 'errors.lua', 'events.lua', 'gc.lua', 'gengc.lua', 'strings.lua']);

/**
 * main.lua tests the standalone interpreter by running it through the
 * shell, and under _port it skips everything: it runs in soft mode only.
 */
const NOT_PORT = new Set(['main.lua']);
/**
 * The patch list: lines of the suite to blank before a file runs. A patched
 * file is loaded by a prelude from its text with those lines emptied (same
 * chunk name, same line numbers); the prelude then ends the run, so the
 * original file is never run. A first line starting with `#` is blanked
 * too, as loadfile skips it.
 */
const patches = new Map();
for (const l of readFileSync(join(root, 'lua-tests', 'conformance-patches.txt'), 'utf8').split('\n')) {
  const m = /^([\w.-]+):(\d+)\s/.exec(l);
  if (m) patches.set(m[1], [...(patches.get(m[1]) ?? []), Number(m[2])]);
}
/**
 * all.lua runs the other files through `dofile` and `loadfile`: its
 * prelude replaces both, so that a file of the patch list is loaded from
 * its patched text there too.
 */
const allPrelude = () => {
  const table = [...patches].map(([file, lines]) => `[${JSON.stringify(file)}] = {${lines.map((x) => `[${x}] = true`).join(', ')}}`);
  return ['-e', `do local patches = {${table.join(', ')}} ` +
    'local loadfile0 = loadfile ' +
    'local function patched (name) local lines = type(name) == "string" and patches[name:match("[^/]*$")] ' +
    'if not lines then return nil end local t, n = {}, 0 ' +
    'for l in io.lines(name) do n = n + 1 t[n] = (lines[n] or n == 1 and l:sub(1, 1) == "#") and "" or l end ' +
    'return table.concat(t, "\\n") end ' +
    'function loadfile (name, ...) local text = patched(name) ' +
    'if text then return load(text, "@" .. name, ...) end return loadfile0(name, ...) end ' +
    'function dofile (name) return assert(loadfile(name))() end end'];
};
const patchPrelude = (f) => {
  if (f === 'all.lua' && patches.size > 0) return allPrelude();
  const lines = patches.get(f);
  if (!lines) return [];
  return ['-e', `do local t, n = {}, 0 for l in io.lines(${JSON.stringify(f)}) do n = n + 1 ` +
    `t[n] = (${lines.map((x) => `n == ${x}`).join(' or ')} or n == 1 and l:sub(1, 1) == '#') and '' or l end ` +
    `local chunk = assert(load(table.concat(t, '\\n'), '@${f}')) chunk() os.exit(true) end`];
};
const preFor = (f) => {
  const modes = mode !== 'default' ? MODE_FLAGS[mode] || 'local _ = nil'
    : NOT_PORT.has(f) ? '_soft=true' : '_port=true; _soft=true';
  return engine === 'lucid' ? [...lucidOpts, '-e', modes, ...patchPrelude(f)] : ['-e', modes, ...patchPrelude(f)];
};
/**
 * The files make temporary files (os.tmpname, io.tmpfile, io.popen) and a
 * file that fails midway leaves them behind (main.lua removes its own only
 * at its end). lucid puts them in TMPDIR: each run gets a private folder,
 * removed when the run ends. (lua5.4's os.tmpname always uses /tmp.)
 */
// no '-' in the name: main.lua loads a temporary file with `lua -l NAME`, and lua.c cuts a global name at its first '-'
const scratch = mkdtempSync(join(tmpdir(), 'lucid_conformance_'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
const results = await pool(selected.map((f) => async () => {
  // code.lua inspects compiled code, gc.lua and gengc.lua the collector, api.lua,
  // errors.lua, events.lua and strings.lua the C API (T.testC), through the T library
  // (src/lib/testlib.ts, testc.ts, testlib-api.ts); the other files that use T
  // need parts lucid does not give (T.querytab, C hooks that yield), so T is on
  // for these files only
  const env = { ...process.env, TMPDIR: scratch, ...(engine === 'lucid' && T_FILES.has(f) ? { LUCID_TESTLIB: '1' } : {}) };
  // stdin is an empty pipe: files.lua (full mode) expects seeking it to fail, as on the terminal of PUC-Rio's runs
  const run = await runProgram(engine, f, { pre: preFor(f), cwd: suite, timeout: timeout * 1000, env, stdin: 'pipe' });
  let status = run.timedOut ? 'TIMEOUT' : run.status === 0 ? 'PASS' : 'FAIL';
  // the collector tests print progress dots on stderr: the message is the first other line
  const message = errorMessage(run.stderr).replace(/^\.+/gm, '').split('\n').find((l) => l !== '') ?? '';
  // all.lua announces each file it runs: the last one is where it stopped
  const inFile = [...run.stdout.matchAll(/\*{5} FILE '([^']+)'/g)].pop()?.[1];
  const line = status === 'PASS'
    ? `PASS     ${f}  (${(run.ms / 1000).toFixed(1)} s)`
    : `${status.padEnd(8)} ${f}  (${inFile ? `in ${inFile}, ` : ''}${progress(inFile ?? f, `${message}\n${run.stderr}`)}): ${message.slice(0, 200)}`;
  console.log(line);
  return { f, status };
}), jobs);

const counts = { PASS: 0, FAIL: 0, TIMEOUT: 0 };
for (const { status } of results) counts[status]++;
const verdict = judge(results, expectations);
if (mode !== 'default') console.log(`mode ${mode}: judged against the default expectations overlaid by [mode ${mode}]`);
for (const { f, status } of verdict.regressions) console.log(`REGRESSION ${f}: expected PASS, got ${status}`);
for (const { f, expected } of verdict.improvements) {
  console.log(`IMPROVED   ${f}: now passes (expected ${expected.status}: ${expected.reason}); record it in the expectations file`);
}
const regressions = verdict.regressions.length; const improvements = verdict.improvements.length;
const unlisted = engine === 'lucid' ? selected.filter((f) => !expectations.has(f)) : [];
if (unlisted.length) console.log(`not in the expectations file: ${unlisted.join(', ')}`);
console.log(`\n${engine}: ${counts.PASS} PASS, ${counts.FAIL} FAIL, ${counts.TIMEOUT} TIMEOUT of ${results.length} files` +
  (engine === 'lucid' ? `; ${regressions} regressions, ${improvements} improvements against ${expectationsFile.replace(root + '/', '')}` : ''));
process.exitCode = regressions > 0 ? 1 : 0;
