/**
 * The io library: byte-exact files, read formats, the numeral scanner,
 * positions shared by reads, writes and seek, buffering modes, default
 * files, popen, failures as `nil, message, errno`, and file handles closed
 * by the collector and by `<close>`.
 *
 * Manual: §6.8 (input and output facilities).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LuaState, LuaError, mkfloat } from '../../src/index.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lucid-io-'));
const file = (name: string) => path.join(dir, name);

/** A state whose stdout is captured, with FILE set to a fresh path. */
function state(name: string): { lua: LuaState; out: () => string } {
  let printed = '';
  const lua = new LuaState({ write: (s) => { printed += s; } });
  lua.globals.set('FILE', file(name));
  return { lua, out: () => printed };
}

test('bytes 0-255 go out and come back unchanged', () => {
  const { lua } = state('bytes');
  const [same, size] = lua.doString(`
    local all = {} for i = 0, 255 do all[#all + 1] = string.char(i) end
    local s = table.concat(all):rep(3)
    local f = assert(io.open(FILE, "wb")) f:write(s) f:close()
    f = assert(io.open(FILE, "rb")) local back = f:read("a") f:close()
    return back == s, #back
  `);
  assert.equal([same, size], [true, 768]);
  const onDisk = fs.readFileSync(file('bytes'));
  assert.equal(onDisk.length, 768);
  assert.equal(onDisk[255], 255);
});

test('read formats: l, L, n, counts, 0 at the end, a; fail stops the list', () => {
  const { lua } = state('formats');
  fs.writeFileSync(file('formats'), 'one\ntwo\n 12 0x10 3.5e1 abc\nrest');
  const r = lua.callLua(lua.load(`
    local f = io.open(FILE)
    local a, b = f:read("l", "L")
    local n1, n2, n3, n4 = f:read("n", "n", "n", "n")
    local c = f:read(3)
    local rest = f:read("a")
    return a, b, n1, n2, n3, n4, c, rest, f:read(0), f:read("a"), f:read("l")
  `));
  assert.equal(r, ['one', 'two\n', 12, 16, mkfloat(35), undefined, 'abc', '\nrest', undefined, '', undefined]);
});

test('reads, writes and seek share one position (r+, a+)', () => {
  const { lua } = state('position');
  const r = lua.doString(`
    local f = io.open(FILE, "w+")
    f:write("0123456789")
    f:seek("set", 2)
    local two = f:read(2)
    f:write("AB")                       -- at position 4
    local at = f:seek()
    f:seek("set")
    local all = f:read("a")
    f:close()
    f = io.open(FILE, "a+")
    f:seek("set", 0)
    f:write("!")                        -- appends whatever the position
    f:seek("set")
    local appended = f:read("a")
    return two, at, all, appended, f:seek("end"), f:close()
  `);
  assert.equal(r, ['23', 6, '0123AB6789', '0123AB6789!', 11, true]);
});

test('failures come back as nil, message, errno; misuse raises errors', () => {
  const { lua } = state('failures');
  const r = lua.doString(`
    local a, b, c = io.open("${dir}/no/such/file")
    local f = io.open(FILE, "w")
    local d, e, g = f:read("a")
    f:close()
    local ok1, m1 = pcall(f.read, f)
    local ok2, m2 = pcall(io.open, FILE, "rw")
    local ok3, m3 = pcall(function() return io.lines(FILE, "x") end)
    return a, b, c, d, e, g, ok1, m1, ok2, m2, io.type(f)
  `);
  assert.equal(r.slice(0, 7), [undefined, `${dir}/no/such/file: No such file or directory`, 2,
    undefined, 'Bad file descriptor', 9, false]);
  assert.match(String(r[7]), /attempt to use a closed file/);
  assert.match(String(r[9]), /bad argument #2 to 'io.open' \(invalid mode\)/);
  assert.equal(r[10], 'closed file');
});

test('io.lines closes the file it opened; the iterator refuses a closed file', () => {
  const { lua } = state('lines');
  fs.writeFileSync(file('lines'), 'a\nb\nc');
  const r = lua.doString(`
    local seen, handle = {}
    for l in io.lines(FILE) do seen[#seen + 1] = l end
    local it, _, _, f = io.lines(FILE)
    it()
    f:close()
    local ok, msg = pcall(it)
    return table.concat(seen, ","), ok, msg
  `);
  assert.equal(r.slice(0, 2), ['a,b,c', false]);
  assert.match(String(r[2]), /file is already closed/);
});

test("stdout shares print's sink, in order; setvbuf and flush", () => {
  const { lua, out } = state('stdout');
  lua.doString(`
    print("one")
    io.write("two ", 3, " ", 4.5, "\\n")
    io.stdout:setvbuf("no")
    io.stdout:write("five\\n")
    print(io.stdout:flush(), io.type(io.stdout))
  `);
  assert.equal(out(), 'one\ntwo 3 4.5\nfive\ntrue\tfile\n');
});

test('default input and output by name and by handle', () => {
  const { lua } = state('defaults');
  const r = lua.doString(`
    io.output(FILE)
    io.write("x = ", 10, "\\n")
    io.close()
    io.output(io.stdout)
    io.input(FILE)
    local line = io.read("L")
    io.input():close()
    local ok, msg = pcall(io.read)
    return line, ok, msg
  `);
  assert.equal(r.slice(0, 2), ['x = 10\n', false]);
  assert.match(String(r[2]), /default input file is closed/);
});

test("popen reads a command's output and reports its exit status", () => {
  const { lua } = state('popen');
  const r = lua.doString(`
    local p = io.popen("printf 'a\\\\nb'; exit 7")
    local all = p:read("a")
    return all, p:close()
  `);
  assert.equal(r, ['a\nb', undefined, 'exit', 7]);
});

test('a file handle is closed by <close> and by the collector', () => {
  const { lua } = state('closing');
  const r = lua.doString(`
    local kept
    do
      local f <close> = io.open(FILE, "w")
      f:write("by close")
      kept = f
    end
    local closedByBlock = io.type(kept)
    local weak = setmetatable({}, {__mode = "v"})
    weak[1] = io.open(FILE, "a")
    weak[1]:write(" and by gc")
    collectgarbage()
    local gone = weak[1] == nil
    return closedByBlock, gone, io.open(FILE):read("a")
  `);
  assert.equal(r, ['closed file', true, 'by close and by gc']);
});

test('io is not opened in a sandbox without it', () => {
  const lua = new LuaState({ libs: ['base', 'string'] });
  assert.equal(lua.doString('return io'), [undefined]);
  assert.throws(() => lua.doString('io.open("x")'), (e: unknown) => e instanceof LuaError);
});

test.after(() => fs.rmSync(dir, { recursive: true, force: true }));
test.run();
