-- §6.8 io.input/io.output, io.read/io.write on the defaults, popen, tmpfile, setvbuf
local name = os.tmpname()
local function hide(...)  -- temporary names differ from run to run
  local t = table.pack(...)
  for i = 1, t.n do if type(t[i]) == "string" then t[i] = (t[i]:gsub(name:gsub("%p", "%%%0"), "NAME")) end end
  return table.unpack(t, 1, t.n)
end
print(io.output() == io.stdout, io.input() == io.stdin)
local out = io.output(name)
print(io.type(out), io.output() == out)
io.write("first\n", 2, "\n")
print(io.close())
print(pcall(io.write, "x"))
io.output(io.stdout)
io.input(name)
print(io.read("l", "n"))
print(io.read("a"))
io.input():close()
print(pcall(io.read))
io.input(io.stdin)
print(hide(pcall(io.input, name .. ".none")))
print(pcall(io.output, {}))
-- popen
local p = io.popen("echo from a command; exit 3")
print(p:read("a"))
print(p:close())
p = io.popen("exit 0")
print(p:close())
print(pcall(io.popen, "ls", "rw"))
local w = io.popen("cat", "w")
io.stdout:flush()
w:write("to the command\n")
print(w:close())
-- tmpfile
local t = io.tmpfile()
t:write("temporary") t:seek("set")
print(t:read("a"), io.type(t))
t:close()
-- setvbuf and flush
print(io.stdout:setvbuf("no"), io.stdout:setvbuf("full"), pcall(io.stdout.setvbuf, io.stdout, "sometimes"))
print(io.stdout:flush(), io.flush())
print(io.stdout:close())
print(io.stderr:write("") == io.stderr)
os.remove(name)
-- a file closed by <close>
do
  local f <close> = assert(io.open(name, "w"))
  f:write("closed at the end of the block")
end
for l in io.lines(name) do print(l) end
os.remove(name)
