-- §4.6/§6 names PUC-Rio passes as C strings (variable names in messages, chunk names, load modes, __name, options, file names, formats) end at an embedded NUL; uses string, io, os, package, debug
local function show(...)
  local t = table.pack(...)
  for i = 1, t.n do
    local v = t[i]
    if type(v) == "string" then v = string.format("%q", v) else v = tostring(v) end
    t[i] = (v:gsub("0x%x+", "ADDR"))
  end
  print(table.concat(t, " "))
end
local function try(f, ...) show(pcall(f, ...)) end

-- variable names in runtime errors
try(function() _ENV["a\0b"]() end)
try(function() local t = {}; t["x\0y"].z = 1 end)
try(function() local t = {}; t["x\0y"]() end)
try(function() local t = {}; return t["k\0"] + 1 end)

-- load: the chunk name (given, or the chunk itself) and the mode
show(load("x=", "chunk\0name"))
show(load("x=", "=chunk\0name"))
show(load("x=", "@file\0name"))
try(load("error('e') --\0comment"))
show(load("return 1", "c", "t\0b") ~= nil)
show(load("return 1", "c", "b\0t"))
show(load(string.dump(function() end), "c", "t\0b"))

-- __name in tostring and in the type of messages
local obj = setmetatable({}, {__name = "my\0type"})
show(tostring(obj))
try(math.floor, obj)
try(function() return obj + 1 end)
try(function() return obj < 1 end)
try(function() return obj .. "" end)
try(string.rep, obj)

-- option names (luaL_checkoption and its kin)
show(type(collectgarbage("count\0x")))
try(collectgarbage, "bogus\0count")
show(io.stdout:setvbuf("no\0x"))
try(io.stdout.setvbuf, io.stdout, "x\0no")
show(debug.getinfo(1, "S\0n").currentline, debug.getinfo(1, "l\0S").short_src)
try(debug.sethook, print, "\0c")
show(os.setlocale("C\0x"))

-- string.pack formats are walked up to the NUL
show(string.pack("i4\0i4", 1, 2):byte(1, -1))
show(string.packsize("i4\0i8"))
show(string.unpack("i2\0i2", "\1\0\2\0"))

-- file names and modes
package.path = "./?.lua"
package.cpath = "./?.so"
show(io.open("no-such-file\0xyz"))
try(io.open, "no-such-file", "r\0w")
show(io.open("c-string-names.lua", "rb\0x") ~= nil)
try(io.lines, "no-such-file\0xyz")
show(os.remove("no-such-file\0xyz"))
show(os.rename("no-such-file\0xyz", "other\0name"))
show(loadfile("no-such-file\0xyz"))
try(dofile, "no-such-file\0xyz")
try(require, "nomodule\0xyz")
show(require("string\0xyz") == string)
show(package.searchpath("a\0b", "./?.x\0;./?.y"))
show(package.searchpath("a.b", "./?.x", ".\0a", "-\0b"))
show(os.getenv("NO_SUCH_VARIABLE\0PATH"))

-- a traceback's message and a warning
show(debug.traceback("x\0y", 1):match("^[^\n]*"))

-- where Lua keeps the length, the NUL stays
show(string.format("%d\0%s", 1, 2))
show(os.date("!%Y\0%m", 0))
try(error, "ab\0cd")

-- string.format reports a bad conversion as a C string; select looks at the first byte of "#"
try(string.format, "%5\0d", 1)
try(string.format, "%-\0s", "x")
show(select("#\0", "a", "b"), select("#abc", "a"))
try(select, "x#", 1)
