/**
 * The Node platform against C's stdio and POSIX, as lua5.4 shows them
 * (issue 13): `os.remove` of a symbolic link to a directory removes the
 * link (C's remove() unlinks, and only a directory itself is rmdir'ed);
 * `os.rename` of and over symbolic links moves the links; `os.tmpname`
 * creates its file as mkstemp does; `io.popen` leaves no file behind, even
 * when never closed; exit statuses above 128 and signals are told apart
 * as waitpid tells them; a machine without the shell has no
 * `os.execute()` and an `io.popen` that fails cleanly. Every expected
 * value was printed by lua5.4 on Linux.
 *
 * Manual: §6.8 (io.popen, file:close), §6.9 (os.remove, os.rename,
 * os.tmpname, os.execute).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LuaState, nodePlatform } from '../../src/index.ts';

const LUCID = path.resolve(import.meta.dirname, '../../bin/lucid.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lucid-posix-'));
const at = (name: string) => path.join(dir, name);
const q = (name: string) => JSON.stringify(at(name));

test('§6.9 os.remove of a symbolic link to a directory removes the link, not the directory', () => {
  fs.mkdirSync(at('d'));
  fs.symlinkSync(at('d'), at('l'));
  const lua = new LuaState();
  assert.equal(lua.doString(`return os.remove(${q('l')})`), [true]);
  assert.not.ok(fs.existsSync(at('l')));
  assert.ok(fs.statSync(at('d')).isDirectory());
  fs.writeFileSync(at('d/x'), '');
  assert.equal(lua.doString(`return os.remove(${q('d')})`), [undefined, `${at('d')}: Directory not empty`, 39]);
  fs.unlinkSync(at('d/x'));
  assert.equal(lua.doString(`return os.remove(${q('d')})`), [true]);
});

test('§6.9 os.rename moves a symbolic link itself, and replaces a link it is renamed over', () => {
  fs.writeFileSync(at('f'), 'f');
  fs.writeFileSync(at('g'), 'g');
  fs.symlinkSync(at('f'), at('lf'));
  fs.symlinkSync(at('g'), at('lg'));
  const lua = new LuaState();
  assert.equal(lua.doString(`return os.rename(${q('lf')}, ${q('lf2')})`), [true]);
  assert.ok(fs.lstatSync(at('lf2')).isSymbolicLink());
  assert.equal(lua.doString(`return os.rename(${q('f')}, ${q('lg')})`), [true]);
  assert.not.ok(fs.lstatSync(at('lg')).isSymbolicLink());
  assert.is(fs.readFileSync(at('g'), 'utf8'), 'g');
});

test('§6.9 os.tmpname creates the file, lua_XXXXXX, readable and writable by its owner only', () => {
  const [name] = new LuaState().doString('return os.tmpname()') as [string];
  assert.match(path.basename(name), /^lua_[A-Za-z0-9]{6}$/);
  assert.is(fs.statSync(name).mode & 0o777, 0o600);
  fs.unlinkSync(name);
});

/** Temporary names io.popen may have left in the system's folder. */
const popenLeftovers = () => new Set(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('lucid-popen-')));

test('§6.8/§6.9 io.popen leaves no file behind, closed or not; statuses above 128 are exits, signals are signals, and nothing is printed about them', () => {
  const before = popenLeftovers();
  const r = spawnSync(process.execPath, [LUCID, '-e', `
    print(os.execute("exit 130"))
    print(os.execute("kill -TERM $$"))
    print(io.popen("exit 130"):close())
    print(io.popen("kill -TERM $$"):close())
    print(io.popen("exit 3", "w"):close())
    local a = io.popen("echo a") local b = io.popen("cat >/dev/null", "w") print(a:read("l"))
    os.exit(0)`], { encoding: 'utf8' });
  assert.is(r.stdout, 'nil\texit\t130\nnil\tsignal\t15\nnil\texit\t130\nnil\tsignal\t15\nnil\texit\t3\na\n');
  assert.is(r.stderr, '');
  const after = [...popenLeftovers()].filter((f) => !before.has(f));
  assert.equal(after, []);
});

test('§6.9 without the shell: os.execute() is false, a command is status 127, io.popen fails as a file does', () => {
  const lua = new LuaState({ platform: nodePlatform({ shell: at('no-such-shell') }) });
  assert.equal(lua.doString('return os.execute()'), [false]);
  assert.equal(lua.doString('return os.execute("true")'), [undefined, 'exit', 127]);
  assert.equal(lua.doString('return io.popen("ls")'), [undefined, 'ls: No such file or directory', 2]);
  assert.equal(new LuaState().doString('return os.execute()'), [true]);
});

test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

test.run();
