-- §2.4 / §6.1 __metatable protects a metatable
local t = setmetatable({}, { __metatable = "locked" })
print(getmetatable(t))
print(pcall(setmetatable, t, {}))
print(pcall(setmetatable, 1, {}))
print(pcall(setmetatable, {}, 1))
