-- §6.10 debug: upvalues, their identities and joins, raw metatables, user values, registry
local a, b = 1, 2
local function f() return a + b end
local function g() return b end
print(debug.getupvalue(f, 1), debug.getupvalue(f, 2), debug.getupvalue(f, 3))
print(debug.setupvalue(f, 1, 10), f(), debug.setupvalue(f, 5, 0))
print(debug.upvalueid(f, 2) == debug.upvalueid(g, 1), debug.upvalueid(f, 1) == debug.upvalueid(g, 1))
print(type(debug.upvalueid(f, 1)), debug.upvalueid(f, 9))
debug.upvaluejoin(f, 1, g, 1)
print(f(), debug.upvalueid(f, 1) == debug.upvalueid(g, 1))
print(pcall(function() debug.upvaluejoin(f, 3, g, 1) end))
print(pcall(function() debug.upvaluejoin(print, 1, g, 1) end))
print(pcall(function() debug.getupvalue(1, 1) end))
-- a native's upvalues have empty names
local it = string.gmatch("x y", "%a")
print(debug.getupvalue(it, 1) == "", select("#", debug.getupvalue(print, 1)))
-- raw metatables, protected or not, of any type
local t = setmetatable({}, {__metatable = "locked"})
print(getmetatable(t), type(debug.getmetatable(t)))
print(debug.getmetatable("").__index == string, debug.getmetatable(1))
debug.setmetatable(10, {__index = function(n, k) return k .. n end})
print((5).x, (2.5).y)
debug.setmetatable(10, nil)
print(pcall(function() return (5).x end))
print(debug.setmetatable(t, nil) == t, getmetatable(t))
print(pcall(function() debug.setmetatable(t, 3) end))
-- user values: not a full userdata gives fail
print(debug.getuservalue(1), debug.getuservalue({}, 1))
print(pcall(function() debug.setuservalue({}, 1) end))
-- the registry holds the loaded modules
local r = debug.getregistry()
print(type(r), r._LOADED.string == string)
