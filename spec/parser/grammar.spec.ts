/**
 * Manual §9 and §3.1 as written in grammar.ohm: the readable grammar `Lua`
 * (characters, no scanner) accepts the same programs as the parser, and the
 * official test suite when LUA_TESTS_DIR names it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import grammars from '../../src/parser/grammar.ohm-bundle.js';
import { parse } from '../../src/parser/index.ts';
import { syntaxError } from './helpers.ts';

const valid = [
  'local a <const>, b <close> = 1, 2',
  'x, y.z, w[1] = f(1)(2):m"s"{3}, [[long]], [==[ ]] ]==]',
  'for i = 1, 10, 2 do break end for k, v in pairs(t) do goto continue ::continue:: end',
  'repeat local x = -2^-3 .. "a" .. 0x1p4 until not x or #t >= 1 and a ~= b // c % d',
  'function a.b:c(...) return ..., (...) end local function f() end',
  'if a then elseif b then else end while a < b do end do end ;;',
  'return function(a, b, ...) return a << b >> 1 & 2 | 3 ~ ~4 end',
  't = { 1, 2; x = 3, [4] = 5, }  -- comment\n--[[ long\ncomment ]] s = "\\x41\\65\\u{48}\\z\n   \\n"',
  'x = 1e10 + .5 + 3. + 0xA.8p-1 + 0x.1',
];
const invalid = ['x = = 1', 'local function() end', 'f() = 1', 'x = 1 +', 'return return', 'a.b:c = 1', 'x = "unfinished'];

test('grammar Lua accepts what the parser accepts', () => {
  for (const src of valid) {
    assert.ok(grammars.Lua.match(src).succeeded(), src);
    assert.is(syntaxError(src), 'no error', src);
  }
});

test('grammar Lua rejects what the parser rejects', () => {
  for (const src of invalid) {
    assert.ok(grammars.Lua.match(src).failed(), src);
    assert.is.not(syntaxError(src), 'no error', src);
  }
});

test('keywords are not names, and names do not swallow keywords', () => {
  assert.ok(grammars.Lua.match('local x = nil').succeeded());
  assert.ok(grammars.Lua.match('local nil = 1').failed());
  assert.ok(grammars.Lua.match('local nil_ = 1').succeeded());
  assert.ok(grammars.Lua.match('if x then return end').succeeded());
});

const suite = process.env.LUA_TESTS_DIR;
if (suite) {
  test('every file of the official test suite parses, with both grammars', () => {
    const files = readdirSync(suite).filter((f) => f.endsWith('.lua'));
    assert.is(files.length, 33);
    for (const file of files) {
      const source = readFileSync(join(suite, file), 'latin1');
      parse(source, '@' + file);
      const text = source.startsWith('#') ? '--' + source : source;
      assert.ok(grammars.Lua.match(text).succeeded(), file);
    }
  });
}

test.run();
