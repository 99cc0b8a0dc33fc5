-- The fuzzer's batch driver: runs every program of a batch file, one after
-- the other, in one interpreter (lucid or the oracle), so that thousands of
-- programs cost one process start. Used by scripts/fuzz/run.mjs.
--
-- Batch file: for each program a header line `--@@FUZZ <id> <length>` and
-- then exactly <length> bytes of Lua source.
-- Output: `\0\1@@<id>` and a newline before each program (flushed, so that
-- a crash or a hang still shows which program was running), what the
-- program prints, then `\0\1!!<message>` and a newline if it stopped with an
-- error, and `\0\1@@END` at the very end.
--
-- Each program gets its own copy of the globals, so one program's globals
-- do not leak into the next, and is loaded with the chunk name `@<id>.lua`,
-- the name `lua <id>.lua` would give it: messages read as in a standalone run.

local data = assert(io.open(arg[1], "rb")):read("a")
local G, names = _G, {}
for k in pairs(G) do names[#names + 1] = k end
local getmetatable = debug and debug.getmetatable or getmetatable

-- the message lua.c's msghandler would print (without the traceback)
local function handler(m)
  if type(m) == "string" or type(m) == "number" then return tostring(m) end
  local mt = getmetatable(m)
  local ts = mt and rawget(mt, "__tostring")
  if ts ~= nil then
    local s = ts(m)
    if type(s) == "string" then return s end
  end
  return string.format("(error object is a %s value)", type(m))
end

local pos = 1
while true do
  local id, len, body = string.match(data, "^%-%-@@FUZZ (%S+) (%d+)\n()", pos)
  if not id then break end
  local src = string.sub(data, body, body + len - 1)
  pos = body + len
  io.write("\0\1@@", id, "\n")
  io.stdout:flush()
  local env = {}
  for i = 1, #names do env[names[i]] = G[names[i]] end
  env._G = env
  local f, err = load(src, "@" .. id .. ".lua", "t", env)
  local ok = f ~= nil
  if ok then ok, err = xpcall(f, handler) end
  if not ok then io.write("\0\1!!", tostring(err), "\n") end
end
io.write("\0\1@@END\n")
