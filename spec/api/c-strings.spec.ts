/**
 * Names that PUC-Rio passes as C strings end at an embedded NUL byte:
 * variable names in runtime errors, `load`'s chunk name and mode, a
 * metatable's `__name`, option names (luaL_checkoption), pack formats,
 * file names, traceback messages and warnings. Where Lua keeps the length
 * (string.format, os.date, error values), the NUL stays.
 *
 * Manual: §4.6 (the auxiliary library), §6.1 (load), §6.4.2, §6.8, §6.9.
 * Expected values are those of Lua 5.4.8 (lua-tests/3-language/regressions/
 * c-string-names.lua holds the recorded run).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState } from '../../src/index.ts';
import { cString } from '../../src/api/auxlib.ts';

/** pcall(code) in a fresh state: the error message, or the first result. */
function run(code: string): unknown {
  const state = new LuaState();
  return state.doString(`local ok, e = pcall(function() ${code} end) return e`, '=spec')[0];
}

test('cString cuts at the first NUL, and only there', () => {
  assert.is(cString('a\0b\0c'), 'a');
  assert.is(cString('\0'), '');
  assert.is(cString('plain'), 'plain');
});

test('variable names in messages are C strings', () => {
  assert.is(run('_ENV["a\\0b"]()'), "spec:1: attempt to call a nil value (global 'a')");
  assert.is(run('local t = {} t["x\\0y"].z = 1'), "spec:1: attempt to index a nil value (field 'x')");
});

test('load: chunk name and mode end at a NUL', () => {
  assert.is(run('return select(2, load("x=", "=chunk\\0name"))'), 'chunk:1: unexpected symbol near <eof>');
  assert.is(run('return select(2, load("x=", "chunk\\0name"))'), '[string "chunk"]:1: unexpected symbol near <eof>');
  assert.is(run('return select(2, load("return 1", "c", "b\\0t"))'), "attempt to load a text chunk (mode is 'b')");
});

test('__name is shown up to its NUL', () => {
  assert.is(run('return (tostring(setmetatable({}, {__name = "my\\0type"})):gsub("0x%x+", "P"))'), 'my: P');
  assert.is(run('return setmetatable({}, {__name = "my\\0type"}) + 1'), 'spec:1: attempt to perform arithmetic on a my value');
  assert.is(run('return math.floor(setmetatable({}, {__name = "my\\0type"}))'),
    "spec:1: bad argument #1 to 'floor' (number expected, got my)");
});

test('options, formats and file names end at a NUL; length-kept strings do not', () => {
  assert.is(run('return type(collectgarbage("count\\0x"))'), 'number');
  assert.is(run('return collectgarbage("bogus\\0count")'), "spec:1: bad argument #1 to 'collectgarbage' (invalid option 'bogus')");
  assert.is(run('return string.packsize("i4\\0i8")'), 4);
  assert.is(run('return select(2, io.open("no-such-file\\0xyz"))'), 'no-such-file: No such file or directory');
  assert.is(run('return debug.traceback("x\\0y", 1):match("^[^\\n]*")'), 'x');
  assert.is(run('return string.format("%d\\0%s", 1, 2)'), '1\x002');
});

test('string.format names a bad conversion up to its NUL; select reads the first byte of "#"', () => {
  assert.is(run('return string.format("%5\\0d", 1)'), "spec:1: invalid conversion '%5' to 'format'");
  assert.is(run('return select("#\\0", "a", "b")'), 2);
  assert.is(run('return select("#abc", "a")'), 1);
});

test.run();
