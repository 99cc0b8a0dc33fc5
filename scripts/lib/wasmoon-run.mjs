/**
 * Runs one Lua file on wasmoon (PUC-Rio Lua 5.4 compiled to WebAssembly) the
 * way `lua FILE args` would: same stdout bytes, `lua: msg` on stderr and exit
 * status 1 for an uncaught error, the `arg` table. Used by the oracle (when
 * no system lua5.4 is present) and by the bench runner.
 *
 * Why the hex: wasmoon converts Lua strings to JS text as UTF-8, which would
 * lose bytes that are not UTF-8. `print` and `io.write` are replaced by
 * versions that hand JS each string as hex digits, written back as bytes.
 *
 * Usage: node scripts/lib/wasmoon-run.mjs FILE [args...]
 */
import { readdirSync, readFileSync, writeSync } from 'node:fs';
import { LuaFactory } from 'wasmoon';

const [file, ...args] = process.argv.slice(2);
const source = readFileSync(file, 'latin1');

const chunks = [];
let size = 0;
function flush() {
  if (size > 0) writeSync(1, Buffer.concat(chunks));
  chunks.length = 0; size = 0;
}
function emit(fd, hex) {
  const b = Buffer.from(hex, 'hex');
  if (fd === 1) {
    chunks.push(b); size += b.length;
    if (size > 1 << 16) flush();
  } else {
    flush();
    writeSync(2, b);
  }
}

const prelude = `
local emit, source_hex, file, args = ...
local function hex(s) return (s:gsub('.', function(c) return string.format('%02x', c:byte()) end)) end
local function unhex(h) return (h:gsub('..', function(x) return string.char(tonumber(x, 16)) end)) end
local tostring, select, type = tostring, select, type
print = function(...)
  local n = select('#', ...)
  local parts = {}
  for i = 1, n do parts[i] = tostring((select(i, ...))) end
  emit(1, hex(table.concat(parts, '\\t') .. '\\n'))
end
local function write(...)
  for i = 1, select('#', ...) do
    local v = select(i, ...)
    if math.type(v) == 'float' then v = string.format('%.14g', v)
    elseif type(v) == 'number' then v = tostring(v) end
    emit(1, hex(v))
  end
  return io.stdout
end
io.write = write
local realexit = os.exit
os.exit = function(code, close)
  error(setmetatable({}, {__exit = (code == nil or code == true) and 0 or (code == false and 1 or code)}))
end
arg = { [0] = file }
for i, a in ipairs(args) do arg[i] = a end
local chunk, err = load(unhex(source_hex), '@' .. file)
if not chunk then emit(2, hex('lua: ' .. err .. '\\n')) return 1 end
local ok, e = xpcall(chunk, function(m)
  local mt = getmetatable(m)
  if type(m) == 'table' and mt and mt.__exit then return m end
  if type(m) ~= 'string' then
    if mt and mt.__tostring then return tostring(m) end
    return string.format('(error object is a %s value)', type(m))
  end
  return m
end, table.unpack(args))
if ok then return 0 end
local mt = getmetatable(e)
if type(e) == 'table' and mt and mt.__exit then return mt.__exit end
emit(2, hex('lua: ' .. e .. '\\n'))
return 1
`;

const factory = new LuaFactory();
// wasmoon's files live in an in-memory file system: copy the .lua files of
// the working directory there, so that require and loadfile find neighbours.
for (const name of readdirSync('.')) {
  if (name.endsWith('.lua')) await factory.mountFile(name, readFileSync(name));
}
const lua = await factory.createEngine();
let status = 0;
try {
  lua.global.set('__lucid_emit', emit);
  const fn = await lua.doString(`return function(...) ${prelude} end`);
  status = fn(emit, Buffer.from(source, 'latin1').toString('hex'), file, args);
} catch (e) {
  flush();
  writeSync(2, `lua: ${e && e.message ? e.message : String(e)}\n`);
  status = 1;
} finally {
  flush();
  lua.global.close();
}
process.exit(typeof status === 'number' ? status : 0);
