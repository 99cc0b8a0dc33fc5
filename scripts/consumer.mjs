/**
 * The package as a stranger gets it (issue 14): `npm pack` (whose prepack
 * step runs `npm run build`), the tarball installed into a scratch project
 * in a temporary folder, and there, with no flag:
 *
 *   - an ES module (`import { LuaState } from 'lucid-lua'`, and the browser
 *     entry `lucid-lua/browser`), a CommonJS file (`require('lucid-lua')`)
 *     and the `lucid` program (also as npm installs the `lucid` and
 *     `lucidc` commands, run through their #! lines), each on Node 20, 22
 *     and 24;
 *   - a TypeScript file checked by `tsc --strict` (the repository's
 *     typescript) under `moduleResolution` node16 and bundler, and a
 *     CommonJS one (.cts) under nodenext, with skipLibCheck off so that
 *     the package's declarations are checked too;
 *   - the tarball's file list: dist/, bin/, the grammar, README, LICENSE,
 *     and nothing of src/, spec/ or the caches.
 *
 * The Node versions other than the one running come from the npm packages
 * `node-<platform>-<arch>@22` and `@24` (each ships its `bin/node`),
 * installed on first use into the user's cache folder
 * (~/.cache/lucid/node-NN), not into the repository: as devDependencies
 * they would add two Node binaries (some 100 MB each) to every install of
 * the repository, and npm cannot hold two versions of one package name
 * without aliases. A version that cannot be had is a failure with a
 * message, never a skip.
 *
 * A script step of `npm test` rather than a spec: packing builds dist/
 * (tsc's declarations take most of the time), and the whole takes 30 s of
 * CPU, half a minute on a quiet 2-core machine (two on one shared by many).
 * The checks after the install run side by side. Prints one line per check
 * and `N passed, M failed`.
 *
 * Usage: node scripts/consumer.mjs [--keep]   (--keep leaves the scratch folder)
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let passed = 0;
let failed = 0;

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  return { status: r.status ?? 1, stdout: r.stdout ?? '', out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

const started = Date.now();
/** `run`, without blocking: the checks that do not depend on each other run side by side. */
function runAsync(cmd, args, options = {}) {
  return new Promise((done) => {
    const child = spawn(cmd, args, options);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', (e) => done({ status: 1, stdout, out: `${stdout}${stderr}${e}` }));
    child.on('close', (status) => done({ status: status ?? 1, stdout, out: stdout + stderr }));
  });
}

function check(name, ok, detail = '') {
  if (ok) passed++; else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'}  ${name}  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (!ok && detail) console.log(detail.trimEnd().replace(/^/gm, '      '));
}

/** The folder a Node binary of major version `major` is installed in. */
function nodeCache(major) {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'lucid', `node-${major}`);
}

/**
 * The path of a `node` of major version `major`: this one, or the binary of
 * the npm package node-<platform>-<arch>@major, installed when missing.
 * Throws with the reason when it cannot be had.
 */
function nodeBinary(major) {
  if (Number(process.versions.node.split('.')[0]) === major) return process.execPath;
  const pkg = `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
  const dir = nodeCache(major);
  const bin = join(dir, 'node_modules', pkg, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    const r = run(npm, ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', `${pkg}@${major}`]);
    if (r.status !== 0 || !existsSync(bin)) {
      throw new Error(`Node ${major} could not be installed from the npm package ${pkg}@${major} into ${dir}:\n${r.out}`);
    }
  }
  const v = run(bin, ['--version']).stdout.trim();
  if (!v.startsWith(`v${major}.`)) throw new Error(`${bin} says ${v || 'nothing'}, not Node ${major}`);
  return bin;
}

// --- pack -----------------------------------------------------------------
const scratch = mkdtempSync(join(tmpdir(), 'lucid-consumer-'));
const packed = run(npm, ['pack', '--json', '--pack-destination', scratch], { cwd: root });
let info;
try {
  info = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')))[0];
} catch {
  check('npm pack (with its prepack build)', false, packed.out);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(1);
}
check('npm pack (with its prepack build)', packed.status === 0, packed.out);
const tarball = join(scratch, info.filename);
const files = info.files.map((f) => f.path);
const stray = files.filter((f) => !/^(dist\/|bin\/|grammar\.ohm$|README\.md$|LICENSE$|package\.json$)/.test(f));
check('the tarball holds dist/, bin/, grammar.ohm, README.md, LICENSE and nothing else', stray.length === 0 &&
  ['dist/index.js', 'dist/index.cjs', 'dist/lucid.browser.js', 'dist/types/index.d.ts', 'dist/types/index.d.cts',
    'dist/cli/lucid.cjs', 'dist/cli/lucidc.cjs', 'bin/lucid.cjs', 'bin/code-cache.cjs', 'LICENSE']
    .every((f) => files.includes(f)), `unexpected: ${stray.join(', ')}`);

// --- the scratch project ----------------------------------------------------
const project = join(scratch, 'project');
mkdirSync(project);
writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }, null, 2));
const installed = run(npm, ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', tarball], { cwd: project });
check('npm install <tarball> in a scratch project', installed.status === 0, installed.out);

const EXPECTED = 'hello from Lua 5.4\n42\tnumber\nboom\n';
const program = (load) => `${load}
const lua = new LuaState();
lua.doString('print("hello from " .. _VERSION)');
const [answer] = lua.doString('return 6 * 7');
console.log(answer + '\\t' + typeof answer);
try { lua.doString('error("boom", 0)'); } catch (e) { console.log(e instanceof LuaError ? e.message : 'not a LuaError: ' + e); }
`;
writeFileSync(join(project, 'esm.mjs'), program("import { LuaState, LuaError } from 'lucid-lua';"));
writeFileSync(join(project, 'cjs.cjs'), program("const { LuaState, LuaError } = require('lucid-lua');"));
writeFileSync(join(project, 'browser.mjs'), `import { LuaState, browserPlatform } from 'lucid-lua/browser';
let out = '';
const lua = new LuaState({ platform: browserPlatform({ stdout: (text) => { out += text; } }) });
lua.doString('io.open("notes", "w"):write("kept in memory"):close() print(1 + 1, io.open("notes"):read("a"))');
process.stdout.write(out);
`);
writeFileSync(join(project, 'script.lua'), 'print(#arg, arg[1], ("%5.1f"):format(math.pi))\n');

// --- TypeScript -------------------------------------------------------------
writeFileSync(join(project, 'main.ts'), `import { LuaState, LuaError, LuaTable, type Value } from 'lucid-lua';
import { LuaState as BrowserState, browserPlatform } from 'lucid-lua/browser';

const lua: LuaState = new LuaState();
const results: Value[] = lua.doString('return 1, "two", {}');
const t: unknown = results[2];
if (t instanceof LuaTable) t.length();
const square = lua.register('square', (x: number) => x * x);
void square;
try { lua.doString('error("x")'); } catch (e) { if (e instanceof LuaError) console.log(e.message.length); }
const page = new BrowserState({ platform: browserPlatform({ stdout: (text: string) => console.log(text) }) });
page.doString('print(1)');
`);
// the same file as CommonJS (.cts): the package's `require` condition has
// declarations of its own (.d.cts), so it type-checks under node16 as well
// as nodenext (with the .d.ts alone, node16 says TS1479)
writeFileSync(join(project, 'main.cts'), `import { LuaState } from 'lucid-lua';
const results: unknown[] = new LuaState().doString('return 1');
console.log(results.length);
`);
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const typeChecks = [
  ['node16', 'node16', 'main.ts'], ['bundler', 'esnext', 'main.ts'], ['nodenext', 'nodenext', 'main.cts'],
  ['node16', 'node16', 'main.cts'],
].map(([resolution, module, file]) => {
  const config = `tsconfig.${resolution}.${file}.json`;
  writeFileSync(join(project, config), JSON.stringify({
    compilerOptions: {
      strict: true, target: 'es2022', module, moduleResolution: resolution,
      noEmit: true, skipLibCheck: false, types: [],
    },
    files: [file],
  }, null, 2));
  return runAsync(process.execPath, [tsc, '-p', config], { cwd: project })
    .then((r) => [`tsc --strict ${file}, moduleResolution ${resolution}`, r.status === 0, r.out]);
});

// --- each Node ----------------------------------------------------------------
const bin = join(project, 'node_modules', 'lucid-lua', 'bin', 'lucid.cjs');
const binMjs = join(project, 'node_modules', 'lucid-lua', 'bin', 'lucid.mjs');
/** The checks on one Node: [name, ok, detail] each. */
async function onNode(major) {
  let node;
  try {
    node = nodeBinary(major);
  } catch (e) {
    return [[`Node ${major} is available`, false, e.message]];
  }
  const at = (args, expected, name) => runAsync(node, args, { cwd: project })
    .then((r) => [`Node ${major}: ${name}`, r.status === 0 && r.stdout === expected, r.out]);
  // the command npm installed, run as a shell runs it: through its #! line,
  // whose V8 flags this Node must accept (`env` finds it first on the PATH)
  const PATH = `${dirname(node)}${delimiter}${process.env.PATH ?? ''}`;
  const asCommand = (name, args, expected) => runAsync(join(project, 'node_modules', '.bin', name), args, { cwd: project, env: { ...process.env, PATH } })
    .then((r) => [`Node ${major}: the ${name} command, through its #! line`, r.status === 0 && r.stdout === expected, r.out]);
  return Promise.all([
    at(['esm.mjs'], EXPECTED, 'esm.mjs'),
    at(['cjs.cjs'], EXPECTED, 'cjs.cjs'),
    at(['browser.mjs'], '2\tkept in memory\n', 'lucid-lua/browser'),
    at([bin, 'script.lua', 'x'], '1\tx\t  3.1\n', 'the lucid program'),
    at([binMjs, 'script.lua', 'y'], '1\ty\t  3.1\n', 'the lucid program by its former name (bin/lucid.mjs)'),
    ...(process.platform === 'win32' ? [] : [
      asCommand('lucid', ['script.lua', 'z'], '1\tz\t  3.1\n'),
      asCommand('lucidc', ['-p', 'script.lua'], ''),
    ]),
  ]);
}
const results = await Promise.all([...typeChecks, ...[20, 22, 24].map(onNode)]);
for (const r of results.flatMap((r) => (Array.isArray(r[0]) ? r : [r]))) check(...r);

// --- sizes, for the record ------------------------------------------------------
function du(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    n += e.isDirectory() ? du(p) : statSync(p).size;
  }
  return n;
}
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
console.log(`tarball ${kb(info.size)}, unpacked ${kb(info.unpackedSize)}, ` +
  `scratch node_modules ${existsSync(join(project, 'node_modules')) ? kb(du(join(project, 'node_modules'))) : '-'}`);

if (process.argv.includes('--keep')) console.log(`scratch project kept in ${project}`);
else rmSync(scratch, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
