/**
 * lucidc like luac: binary chunks written with -o (and stripped with -s)
 * that lucid and load() run, several files combined into one main
 * function, listings, -p, and errors for bad options and corrupt chunks.
 *
 * Manual: §7; luac(1). PUC-Rio counterpart: `luac.c`.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lucidc-'));
const run = (bin: string, args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'bin', bin), ...args], { cwd: dir, encoding: 'latin1' });

fs.writeFileSync(path.join(dir, 'a.lua'), 'print("a", ...)\nx = 1\n');
fs.writeFileSync(path.join(dir, 'b.lua'), 'local t <const> = 2\nprint("b", x + t)\n');

test('-o writes a binary chunk that lucid runs; the default name is luac.out', () => {
  assert.is(run('lucidc.mjs', ['-o', 'a.out', 'a.lua']).status, 0);
  const bytes = fs.readFileSync(path.join(dir, 'a.out'));
  assert.equal([...bytes.subarray(0, 5)], [0x1b, 0x4c, 0x75, 0x61, 0x54]);   // "\27LuaT"
  const r = run('lucid.mjs', ['a.out', 'arg1']);
  assert.is(r.stdout, 'a\targ1\n');
  assert.is(run('lucidc.mjs', ['a.lua']).status, 0);
  assert.ok(fs.existsSync(path.join(dir, 'luac.out')));
});

test('several files are combined into one main function, run in order', () => {
  assert.is(run('lucidc.mjs', ['-o', 'ab.out', 'a.lua', 'b.lua']).status, 0);
  assert.is(run('lucid.mjs', ['ab.out']).stdout, 'a\nb\t3\n');
  const listing = run('lucidc.mjs', ['-p', '-l', 'a.lua', 'b.lua']).stdout;
  assert.match(listing, /^\nmain <\(luac\):0,0> \(6 instructions/);
  assert.match(listing, /2 functions/);
});

test('-s strips debug information: smaller, and errors lose their lines', () => {
  fs.writeFileSync(path.join(dir, 'e.lua'), 'local x = nil\nreturn x.y\n');
  run('lucidc.mjs', ['-o', 'full.out', 'e.lua']);
  run('lucidc.mjs', ['-s', '-o', 'strip.out', 'e.lua']);
  assert.ok(fs.statSync(path.join(dir, 'strip.out')).size < fs.statSync(path.join(dir, 'full.out')).size);
  assert.match(run('lucid.mjs', ['full.out']).stderr, /e\.lua:2: attempt to index a nil value \(local 'x'\)/);
  // like luac -s: no source name and no lines, so lua5.4 says "?:-1:" and "?: in main chunk"
  const stripped = run('lucid.mjs', ['strip.out']).stderr;
  assert.match(stripped, /^lucid: \?:-1: attempt to index a nil value\n/);
  assert.match(stripped, /\n\t\?: in main chunk\n/);
});

test('load() reads binary chunks, honours its mode, and refuses corrupt ones', () => {
  const r = run('lucid.mjs', ['-e', `
    local f = assert(io.open("a.out", "rb")) local s = f:read("a") f:close()
    print(load(s, "=bin", "t"))
    print(pcall(load(s, "=bin", "b"), "loaded"))
    print(load(s:sub(1, 20), "=bin"))
    print(load("\\27Lux" .. s:sub(5), "=bin"))
  `]);
  assert.is(r.stdout, [
    "nil\tattempt to load a binary chunk (mode is 't')",
    'a\tloaded\ntrue',
    'nil\tbin: bad binary format (truncated chunk)',
    'nil\tbin: bad binary format (not a binary chunk)',
  ].join('\n') + '\n');
});

test('bad options and missing files', () => {
  const r = run('lucidc.mjs', ['-x']);
  assert.is(r.status, 1);
  assert.match(r.stderr, /unrecognized option '-x'/);
  assert.match(run('lucidc.mjs', ['-o']).stderr, /'-o' needs argument/);
  assert.match(run('lucidc.mjs', []).stderr, /no input files given/);
  assert.match(run('lucidc.mjs', ['none.lua']).stderr, /cannot open none\.lua/);
});

test.after(() => fs.rmSync(dir, { recursive: true, force: true }));
test.run();
