-- §6.1 argument errors of the library functions that call Lua (pcall,
-- xpcall, pairs, load, require, dofile: generator natives in lucid) carry
-- the caller's position as luaL_argerror gives it; functions are named by
-- the calling code, metamethods by their event; pairs does not check its
-- argument (next does, as 'for iterator').
-- Uses the string library.
print(select('#', pairs(nil)))
print(pcall(function() for k in pairs(nil) do end end))
print(pcall(function() return xpcall(print) end))
print(pcall(function() return load(true) end))
print(pcall(function() return load(nil) end))
print(pcall(function() return require(nil) end))
print(pcall(function() return dofile({}) end))
print(pcall(function() return pcall() end))
print(pcall(function() return select(0) end))
local t = setmetatable({}, { __index = string.rep })
print(pcall(function() return t.x end))
local u = setmetatable({}, { __add = string.rep })
print(pcall(function() return u + 1 end))
print(pcall(function() return ("x"):rep({}) end))
