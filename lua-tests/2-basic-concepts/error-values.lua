-- §2.3 error handling: error values of any type, pcall
print(pcall(error, "msg"))
print(pcall(error, "msg", 0))
print(pcall(error, 42))
print(pcall(error, nil))
local t = {}
local ok, e = pcall(error, t)
print(ok, e == t)
print(pcall(function() error("lvl1") end))
print(pcall(function() error("lvl2", 2) end))
print(pcall(function() local x = nil; return x.y end))
print(select('#', pcall(error)))
