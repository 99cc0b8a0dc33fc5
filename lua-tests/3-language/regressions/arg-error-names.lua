-- §6 (luaL_argerror) argument errors name the function as the caller does: methods skip self, natives called from natives by their library name
local s = "abc"
print(pcall(function() return s:rep({}) end))
print(pcall(function() return ("x").rep() end))
print(pcall(function() return string.rep() end))
local t = {f = string.rep}
print(pcall(function() return t:f() end))
print(pcall(string.rep))
print(pcall(math.fmod, 1, 0))
local t = {g = string.rep}
print(pcall(function() return t.g() end))
print(pcall(setmetatable, 1))
