-- §3.4.2 which operand a bitwise error names (found by differential fuzzing)
local o = setmetatable({}, {__name = "MyType"})
local o2 = {}
print(pcall(function() return "10" | o end))
print(pcall(function() return o & o2 end))
print(pcall(function() return true ~ o end))
print(pcall(function() return o << nil end))
