-- §3.3.2 chunks: load with env, mode and chunk names
local f = load("return 1 + 1")
print(f())
print(load("return x", "chunk", "t", { x = "from env" })())
print(load("syntax error here"))
print(load("return 1", "=named", "b"))
print(type(load(function() return nil end)))
local parts = { "return ", "'pie", "ces'" }
local i = 0
print(load(function() i = i + 1; return parts[i] end)())
print(pcall(load("error('in chunk')", "=mychunk")))
print(pcall(load("error('in chunk')", "@file.lua")))
print(pcall(load("local x = nil; return x.y", "return 1 -- a long source name that goes on and on and on and on")))
print(pcall(load("error('x')", "line1\nline2")))
