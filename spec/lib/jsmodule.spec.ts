/**
 * JS modules in the place of C libraries: `require` finds them along
 * `package.cpath`, calls their `luaopen_*` function with the state;
 * `package.loadlib` returns an exported function; shared libraries still
 * fail as in a build without dlopen.
 *
 * Manual: §6.3 (require, package.searchers, package.loadlib).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolve } from 'node:path';
import { LuaState, LuaError } from '../../src/index.ts';

const dir = resolve(import.meta.dirname, 'fixtures/js-modules');
/** A state whose package.cpath looks in the fixtures folder for JS modules. */
function state(): LuaState {
  const lua = new LuaState();
  lua.globals.set('FIXTURES', dir);
  lua.doString('package.cpath = FIXTURES .. "/?.js;" .. FIXTURES .. "/?.mjs;" .. package.cpath');
  return lua;
}

test('require loads a CommonJS module found along package.cpath', () => {
  const lua = state();
  const [hello, name, where, again] = lua.doString(`
    local g, where = require("greet")
    return g.hello("you"), g.name, where, require("greet") == g
  `);
  assert.equal([hello, name, again], ['hello you', 'greet', true]);
  assert.ok(String(where).endsWith('/fixtures/js-modules/greet.js'));
});

test('submodules and hyphenated names follow the C searchers\' rules', () => {
  const lua = state();
  assert.equal(lua.doString('return require("shapes.square").area(7)'), [49]);
  assert.equal(lua.doString('return (require("v2-impl"))'), ['old-style name']);
});

test('a module without its open function is an error naming the file', () => {
  const lua = state();
  const [ok, msg] = lua.doString('return pcall(require, "broken")');
  assert.equal(ok, false);
  assert.match(String(msg), /^error loading module 'broken' from file '.*broken\.js':\n\tno function 'luaopen_broken'$/);
});

test('package.loadlib: an exported function, "*", and its two kinds of failure', () => {
  const lua = state();
  const r = lua.doString(`
    local f = assert(package.loadlib(FIXTURES .. "/greet.js", "twice"))
    local a, b, c = package.loadlib(FIXTURES .. "/greet.js", "nothere")
    local d, e, g = package.loadlib(FIXTURES .. "/nofile.js", "x")
    local so = {package.loadlib("lib.so", "luaopen_lib")}
    return f(21), package.loadlib(FIXTURES .. "/greet.js", "*"), a, b, c, d, g, so[1], so[2], so[3]
  `);
  assert.equal(r, [42, true, undefined, 'undefined symbol: nothere', 'init', undefined, 'open',
    undefined, 'dynamic libraries not enabled; check your Lua installation', 'absent']);
});

test('an ES module is awaited when the state runs asynchronously, refused synchronously', async () => {
  const lua = state();
  assert.equal(await lua.run('return require("esm").kind'), ['esm']);
  const fresh = state();
  assert.throws(() => fresh.doString('return require("esm")'),
    (e: unknown) => e instanceof LuaError && /attempt to yield across a C-call boundary/.test(String(e.value)));
});

test.run();
