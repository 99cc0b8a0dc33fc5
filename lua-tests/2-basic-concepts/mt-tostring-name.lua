-- §2.4 __tostring and __name used by tostring/print
local t = setmetatable({}, { __tostring = function() return "I am t" end })
print(t, tostring(t))
local n = setmetatable({}, { __name = "MyType" })
local s = tostring(n)
print(#s > 8, s == tostring(n))
print(pcall(tostring, setmetatable({}, { __tostring = function() return 1 end })))
