/**
 * The browser platform, run in Node with no host access: output goes to
 * callbacks, files live in memory (io, os.remove/rename/tmpname, loadfile,
 * dofile, require), there are no processes (io.popen and os.execute fail
 * as in a C build without them), no environment unless given, and
 * os.exit ends the Lua program without ending the process.
 *
 * Manual: §6.8 (io), §6.9 (os), §6.3 (require, package.searchpath),
 * §6.1 (dofile, loadfile).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LuaState, LuaExit, LuaError, browserPlatform, type BrowserPlatformOptions } from '../../src/browser.ts';

/** A state on a browser platform whose output is captured. */
function state(options: BrowserPlatformOptions = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const platform = browserPlatform({ stdout: (t) => out.push(t), stderr: (t) => err.push(t), ...options });
  const lua = new LuaState({ platform });
  return { lua, platform, out: () => out.join(''), err: () => err.join(''), pieces: out };
}

test('the browser entry gives a new state the browser platform', () => {
  const lua = new LuaState({ platform: browserPlatform({ stdout: () => {} }) });
  assert.ok(lua.platform.processes === undefined);
  assert.ok(lua.platform.modules === undefined);
  const plain = new LuaState();
  assert.ok(plain.platform.processes === undefined, 'the default platform of src/browser.ts has no processes');
});

test('print, io.write and io.stdout go to the stdout callback, in order, as text', () => {
  const { lua, out } = state();
  lua.doString('print("a", 1) io.write("b", 2.5, "\\n") io.stdout:write("é\\n") print(nil)');
  assert.is(out(), 'a\t1\nb2.5\né\nnil\n');
});

test('a UTF-8 character split across two writes reaches the callback whole', () => {
  const { lua, pieces } = state();
  lua.doString('io.write("\\xC3") io.write("\\xA9!")');
  assert.equal(pieces, ['é!']);
});

test('io.stderr and warnings go to the stderr callback', () => {
  const { lua, out, err } = state();
  lua.doString('io.stderr:write("oops\\n") warn("@on") warn("careful")');
  assert.is(err(), 'oops\nLua warning: careful\n');
  assert.is(out(), '');
});

test('io.open, read, write, seek and lines work on files in memory, which the host can read and fill', () => {
  const { lua, platform } = state({ files: { 'data/in.txt': 'one\ntwo\n3 4.5\n' } });
  const r = lua.doString(`
    local f = assert(io.open("data/in.txt"))
    local a, b, n, x = f:read("l", "L", "n", "n")
    f:close()
    local w = assert(io.open("/out.txt", "w"))
    w:write("hello ", 42, "\\n") w:write("world\\n")
    assert(w:seek("set", 6) == 6) w:write("XY")
    w:close()
    local lines = {}
    for l in io.lines("./out.txt") do lines[#lines + 1] = l end
    local app = io.open("out.txt", "a") app:write("more\\n") app:close()
    return a, b, n, x, table.concat(lines, "|"), io.open("out.txt"):read("a")
  `);
  assert.equal(r.slice(0, 5), ['one', 'two\n', 3, 4.5, 'hello XY|world']);
  assert.is(r[5], 'hello XY\nworld\nmore\n');
  assert.is(new TextDecoder().decode(platform.files.readFile('/out.txt')), 'hello XY\nworld\nmore\n');
  assert.ok(platform.files.list().includes('/data/in.txt'));
});

test('bytes 0-255 are kept as they are', () => {
  const { lua, platform } = state();
  const [same] = lua.doString(`
    local t = {} for i = 0, 255 do t[#t + 1] = string.char(i) end
    local s = table.concat(t)
    local f = io.open("bytes", "wb") f:write(s) f:close()
    return io.open("bytes", "rb"):read("a") == s
  `);
  assert.is(same, true);
  const bytes = platform.files.readFile('bytes')!;
  assert.is(bytes.length, 256);
  assert.is(bytes[200], 200);
});

test('failures are nil, message, errno as C reports them', () => {
  const { lua } = state({ files: { 'dir/f': 'x' } });
  assert.equal(lua.doString('return io.open("missing.txt")'), [undefined, 'missing.txt: No such file or directory', 2]);
  assert.equal(lua.doString('return io.open("dir")'), [undefined, 'dir: Is a directory', 21]);
  assert.equal(lua.doString('return os.remove("nothing")'), [undefined, 'nothing: No such file or directory', 2]);
  assert.equal(lua.doString('return os.remove("dir")'), [undefined, 'dir: Directory not empty', 39]);
  assert.equal(lua.doString('return os.rename("nothing", "b")'), [undefined, 'No such file or directory', 2]);
  assert.equal(lua.doString('return pcall(io.lines, "missing.txt")'),
    [false, "cannot open file 'missing.txt' (No such file or directory)"]);
});

test('os.remove, os.rename, os.tmpname and io.tmpfile act on the memory files', () => {
  const { lua, platform } = state({ files: { a: '1', 'd/x': '2', 'd/y': '3' } });
  const [name, kept] = lua.doString(`
    assert(os.rename("a", "b"))
    assert(os.rename("d", "e"))
    assert(os.remove("e/x"))
    local t = os.tmpname()
    local f = io.tmpfile() f:write("scratch") f:seek("set") local s = f:read("a") f:close()
    return t, s
  `);
  assert.is(kept, 'scratch');
  assert.ok(platform.files.exists(String(name)), 'tmpname creates the file');
  assert.equal(platform.files.list().filter((n) => !n.startsWith('/tmp/')).sort(), ['/b', '/e/y']);
});

test('io.read and io.lines read the standard input given to the platform', () => {
  const { lua } = state({ stdin: 'first\nsecond\n' });
  assert.equal(lua.doString('local a = io.read() local t = {} for l in io.lines() do t[#t + 1] = l end return a, t[1], #t'),
    ['first', 'second', 1]);
});

test('without processes, io.popen is not supported and os.execute finds no shell', () => {
  const { lua } = state();
  const [ok, msg] = lua.doString('return pcall(io.popen, "ls")');
  assert.is(ok, false);
  assert.match(String(msg), /'popen' not supported/);
  assert.equal(lua.doString('return os.execute()'), [false]);
  assert.equal(lua.doString('return os.execute("ls")'), [undefined, 'exit', 127]);
});

test('os.getenv sees only the variables given; package.path starts from LUA_PATH among them', () => {
  assert.equal(state().lua.doString('return os.getenv("HOME"), os.getenv("PATH")'), [undefined, undefined]);
  const { lua } = state({ env: { GREETING: 'héllo', LUA_PATH: 'lib/?.lua;;' } });
  const [greeting, p] = lua.doString('return os.getenv("GREETING"), package.path');
  assert.is(greeting, 'héllo');   // results are decoded text (issue 14)
  assert.match(String(p), /^lib\/\?\.lua;\/usr\/local\/share\/lua\/5\.4\/\?\.lua;/);
});

test('require finds modules among the memory files; searchpath, loadfile and dofile read them', () => {
  const { lua, out } = state({
    files: {
      'greet.lua': 'local M = {} function M.hi(n) return "hi " .. n end return M',
      'pkg/init.lua': 'return { name = ... }',
      'lib/util.lua': 'print("loading util") return 7',
      'main.lua': '#!/usr/bin/env lua\nreturn 1 + 1',
    },
    env: { LUA_PATH: './?.lua;./?/init.lua;lib/?.lua' },
  });
  assert.equal(lua.doString('return require("greet").hi("you"), require("pkg").name, require("util"), require("util")'),
    ['hi you', 'pkg', 7, 7]);
  assert.is(out(), 'loading util\n');
  assert.equal(lua.doString('return package.searchpath("util", package.path)'), ['lib/util.lua']);
  assert.equal(lua.doString('return loadfile("main.lua")(), dofile("main.lua")'), [2, 2]);
  assert.equal(lua.doFile('main.lua'), [2]);
  const [ok, msg] = lua.doString('return pcall(require, "nowhere")');
  assert.is(ok, false);
  assert.match(String(msg), /module 'nowhere' not found:\n\tno field package\.preload\['nowhere'\]\n\tno file '\.\/nowhere\.lua'/);
  // no host modules: a JS file along cpath is a library this build cannot load
  assert.equal(lua.doString('return package.loadlib("mod.js", "*")'),
    [undefined, 'dynamic libraries not enabled; check your Lua installation', 'absent']);
});

test('os.exit ends the Lua program, not the process: the host hears the status', () => {
  let status: number | undefined;
  const { lua, out } = state({ onExit: (s) => { status = s; } });
  let caught: unknown;
  try {
    lua.doString('print("before") os.exit(3) print("after")');
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof LuaExit);
  assert.ok(caught instanceof LuaError);
  assert.is((caught as LuaExit).status, 3);
  assert.is(status, 3);
  assert.is(out(), 'before\n');
  // the state is still usable, and os.exit(true) is status 0
  assert.throws(() => lua.doString('os.exit(true)'), (e: unknown) => e instanceof LuaExit && e.status === 0);
});

test('os.clock, os.time and os.date work without a host clock of their own', () => {
  const { lua } = state();
  const [clock, time, year] = lua.doString('return os.clock(), os.time(), os.date("*t").year');
  assert.ok(typeof lua.toJS(clock) === 'number' && (lua.toJS(clock) as number) >= 0);
  assert.ok(Math.abs(Number(time) - Date.now() / 1000) < 5);
  assert.is(year, new Date().getFullYear());
});

test('an asynchronous run lets the host\'s event loop turn through the platform between slices', async () => {
  const platform = browserPlatform({ stdout: () => {} });
  let pauses = 0;
  const counting = { ...platform, pause: () => { pauses++; return platform.pause(); } };
  const lua = new LuaState({ platform: counting });
  assert.equal(await lua.run('local n = 0 for i = 1, 3e6 do n = n + 1 end return n'), [3000000]);
  assert.ok(pauses >= 1);
});

test('nothing reaches the real file system', () => {
  const real = path.join(os.tmpdir(), `lucid-browser-${process.pid}.txt`);
  const { lua, platform } = state();
  lua.globals.set('REAL', real);
  lua.doString('local f = io.open(REAL, "w") f:write("in memory") f:close()');
  assert.not.ok(fs.existsSync(real));
  assert.ok(platform.files.exists(real));
  // a file that does exist on disk is not there for Lua
  lua.globals.set('PKG', path.resolve(import.meta.dirname, '../../package.json'));
  assert.equal(lua.doString('return io.open(PKG) == nil, loadfile(PKG) == nil'), [true, true]);
});

test.run();
