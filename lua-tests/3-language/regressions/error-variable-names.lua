-- §2.3 runtime errors name the culprit as ldebug.c does: only a variable called _ENV makes a name global, a non-function metamethod is named by the instruction that calls it, __name gives the type name
-- (5.4.8 also calls `a._ENV.x` and `('_ENV').x` fields where 5.4.4, the oracle here, says global: errors.lua checks that)
print(pcall(load("local _ENV = {} ; return x + 1")))
local a = setmetatable({}, {__add = 34})
print(pcall(function() return a + 1 end))
local b = setmetatable({}, {__lt = {}})
print(pcall(function() return b < b end))
print(pcall(function() return #setmetatable({}, {__len = true}) end))
local T = setmetatable({}, {__name = "My Type"})
print(pcall(function() return T + 1 end))
print(pcall(function() return T < T end))
print(pcall(function() return {} < T end))
print(pcall(function() return T .. "x" end))
print(pcall(function() for i = T, 10 do end end))
print(pcall(function() return T() end))
-- a non-string __name is ignored
local U = setmetatable({}, {__name = 42})
print(pcall(function() return U + 1 end))
-- a method named through a register when the function has too many constants for SELF's K operand
local src = {"local t = {} "}
for i = 1, 300 do src[#src + 1] = "local x" .. i .. " = 'k" .. i .. "' " end
src[#src + 1] = "return t:bbb()"
print(pcall(load(table.concat(src))))
