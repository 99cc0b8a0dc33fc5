/**
 * The sandbox preset (issue 14): `new LuaState({ sandbox: true })` opens
 * the pure libraries and nothing that reaches the host. Each known escape
 * is tried; the spec fails if one works.
 *
 * Manual: §6 (a host opens the libraries it wants), §6.1 (`load`'s mode,
 * `dofile`, `loadfile`), §6.3 (`require`, `package.loadlib`), §6.8 (io),
 * §6.9 (os), §6.10 (debug), §8 (binary chunks).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState } from '../../src/index.ts';

function sandboxed(): LuaState {
  return new LuaState({ sandbox: true, write: () => {} });
}

/** Run `code`; true if it ran without error and returned true. */
function escapes(s: LuaState, code: string): boolean {
  try {
    return s.doString(code)[0] === true;
  } catch {
    return false;
  }
}

test('the pure libraries and the clock are there', () => {
  const s = sandboxed();
  assert.equal(s.doString(`
    return type(string.format), type(table.concat), type(math.floor), type(utf8.char),
      type(coroutine.wrap), type(pcall), type(load), type(os.time), type(os.clock), type(os.date), type(os.difftime)`),
  ['function', 'function', 'function', 'function', 'function', 'function', 'function', 'function', 'function', 'function', 'function']);
  assert.equal(s.doString('return load("return 1 + 1")()'), [2]);
  assert.equal(s.doString('return collectgarbage("count") > 0'), [true]);
});

const ESCAPES: [string, string][] = [
  ['dofile', 'dofile("/etc/passwd") return true'],
  ['loadfile', 'return loadfile("/etc/passwd") ~= nil'],
  ['io', 'return io ~= nil'],
  ['io.open', 'return io.open("/etc/passwd") ~= nil'],
  ['io.popen', 'return io.popen("echo hi") ~= nil'],
  ['os.execute', 'os.execute("echo hi") return true'],
  ['os.remove', 'os.remove("x") return true'],
  ['os.rename', 'os.rename("x", "y") return true'],
  ['os.exit', 'os.exit(1) return true'],
  ['os.getenv', 'return os.getenv("PATH") ~= nil'],
  ['os.tmpname', 'return os.tmpname() ~= nil'],
  ['debug', 'return debug ~= nil'],
  ['debug.getregistry', 'return debug.getregistry() ~= nil'],
  ['require', 'require("os") return true'],
  ['package', 'return package ~= nil'],
  ['package.loadlib', 'return package.loadlib("x", "y") ~= nil'],
  ['binary chunk via string.dump', 'return load(string.dump(function() return 1 end)) ~= nil'],
  ["binary chunk with mode 'b'", 'return load(string.dump(function() return 1 end), "x", "b") ~= nil'],
  ["binary chunk with mode 'bt' and env", 'return load(string.dump(function() return 1 end), "x", "bt", {}) ~= nil'],
  ['binary chunk through a reader', `
    local s, done = string.dump(function() return 1 end), false
    return load(function() if done then return nil end done = true return s end) ~= nil`],
  ['io through the string metatable', `
    local mt = getmetatable("")
    for _, f in pairs(mt.__index) do if f == (io and io.open) then return true end end
    return rawget(mt.__index, "io") ~= nil`],
  ['io or os.execute anywhere in _G', `
    local seen = {}
    local function walk(t)
      if seen[t] then return false end
      seen[t] = true
      for k, v in pairs(t) do
        if k == "execute" or k == "popen" or k == "open" or k == "getenv" or k == "loadlib" then return true end
        if type(v) == "table" and walk(v) then return true end
      end
      return false
    end
    return walk(_G) or walk(getmetatable(""))`],
];

for (const [name, code] of ESCAPES) {
  test(`escape blocked: ${name}`, () => {
    assert.not.ok(escapes(sandboxed(), code), `${name} works in a sandbox`);
  });
}

test('binary chunks are refused with load\'s message', () => {
  const s = sandboxed();
  const [f, msg] = s.doString('return load(string.dump(function() return 1 end), "=x", "b")');
  assert.is(f, undefined);
  assert.match(String(msg), "attempt to load a binary chunk (mode is 't')");
});

test('libs narrows a sandbox further; a default state still has everything', () => {
  const s = new LuaState({ sandbox: true, libs: ['base', 'string'] });
  assert.equal(s.doString('return type(string), type(table), type(dofile)'), ['table', 'nil', 'nil']);
  const full = new LuaState({ write: () => {} });
  assert.equal(full.doString('return type(io), type(dofile), type(os.execute)'), ['table', 'function', 'function']);
});

test.run();
