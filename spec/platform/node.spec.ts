/**
 * The Node platform: what the io, os and package libraries and the `lucid`
 * command get from the host — real files (any bytes in their names),
 * buffered writes flushed when the program exits as C's `exit` flushes
 * stdio (os.exit, or the end of a host program that never closed them),
 * the process's environment (with `lucid -E` hiding LUA_PATH and its kin
 * from Lua only), and one platform per state.
 *
 * Manual: §6.8 (io.open, file:write), §6.9 (os.exit, os.getenv), §6.3
 * (package.path), §7 (lua -E).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LuaState, nodePlatform, toLuaString } from '../../src/index.ts';

const root = path.resolve(import.meta.dirname, '../..');
const LUCID = path.join(root, 'bin/lucid.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lucid-node-platform-'));

test('os.exit flushes files left open, as C\'s exit flushes every stream', () => {
  const file = path.join(dir, 'exit.txt');
  const r = spawnSync(process.execPath, [LUCID, '-e',
    `local f = io.open(${JSON.stringify(file)}, "w") f:setvbuf("full") f:write("kept") io.write("out") os.exit(0)`],
    { encoding: 'utf8' });
  assert.is(r.status, 0);
  assert.is(r.stdout, 'out');
  assert.is(fs.readFileSync(file, 'utf8'), 'kept');
});

test('a host program that ends without closing a file still gets its buffered writes on disk', () => {
  const file = path.join(dir, 'host.txt');
  const script = path.join(dir, 'host.ts');
  fs.writeFileSync(script, [
    `import { LuaState } from ${JSON.stringify(pathToFileURL(path.join(root, 'src/index.ts')).href)};`,
    'const lua = new LuaState();',
    `lua.doString('keep = io.open(${JSON.stringify(file).replace(/'/g, "\\'")}, "w") keep:write("unclosed")');`,
  ].join('\n'));
  const r = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: root, encoding: 'utf8' });
  assert.is(r.stderr, '');
  assert.is(fs.readFileSync(file, 'utf8'), 'unclosed');
});

test('the process hears of a platform only while it has open files', () => {
  const before = process.listenerCount('exit');
  const lua = new LuaState();
  lua.globals.set('F', path.join(dir, 'listener.txt'));
  lua.doString('f = io.open(F, "w")');
  assert.is(process.listenerCount('exit'), before + 1);
  lua.doString('f:close()');
  assert.is(process.listenerCount('exit'), before);
});

test('file names are bytes: a UTF-8 name reaches the disk as that name', () => {
  const lua = new LuaState();
  lua.globals.set('DIR', toLuaString(dir));
  lua.doString('local f = assert(io.open(DIR .. "/caf\\xC3\\xA9.txt", "w")) f:write("ok") f:close()');
  assert.is(fs.readFileSync(path.join(dir, 'café.txt'), 'utf8'), 'ok');
  assert.equal(lua.doString('return io.open(DIR .. "/caf\\xC3\\xA9.txt"):read("a"), os.remove(DIR .. "/caf\\xC3\\xA9.txt")'), ['ok', true]);
});

test('os.getenv gives the variable as UTF-8 bytes; a platform can hide variables', () => {
  process.env.LUCID_SPEC_VAR = 'héllo';
  try {
    const lua = new LuaState();
    assert.equal(lua.doString('return os.getenv("LUCID_SPEC_VAR") == "h\\xC3\\xA9llo"'), [true]);
    const hidden = new LuaState({ platform: nodePlatform({ hideEnv: ['LUCID_SPEC_VAR'] }) });
    assert.equal(hidden.doString('return os.getenv("LUCID_SPEC_VAR")'), [undefined]);
  } finally {
    delete process.env.LUCID_SPEC_VAR;
  }
});

test('lucid -E: package.path ignores LUA_PATH, which commands still see', () => {
  const r = spawnSync(process.execPath, [LUCID, '-E', '-e',
    'print(package.path:find("^/my/") == nil, io.popen("echo $LUA_PATH"):read("l"))'],
    { encoding: 'utf8', env: { ...process.env, LUA_PATH: '/my/?.lua' } });
  assert.is(r.stdout, 'true\t/my/?.lua\n');
  const plain = spawnSync(process.execPath, [LUCID, '-e', 'print(package.path)'],
    { encoding: 'utf8', env: { ...process.env, LUA_PATH: '/my/?.lua' } });
  assert.is(plain.stdout, '/my/?.lua\n');
});

test('every state gets its own platform; doFile reads through it', () => {
  const a = new LuaState();
  const b = new LuaState();
  assert.ok(a.platform !== b.platform);
  const file = path.join(dir, 'chunk.lua');
  fs.writeFileSync(file, '#!/usr/bin/env lua\nreturn ...');
  assert.equal(a.doFile(file), []);
  assert.throws(() => a.doFile(path.join(dir, 'none.lua')), /cannot open/);
});

test.after(() => fs.rmSync(dir, { recursive: true, force: true }));
test.run();
