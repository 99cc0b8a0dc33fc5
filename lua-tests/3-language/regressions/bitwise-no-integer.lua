-- §3.4.2 bitwise operators on floats without an integer value: the
-- instruction leaves them to its MMBIN, so a metamethod may answer, and the
-- error names the operand. Regression: the VM raised the error itself,
-- before trying metamethods and without naming the variable.
local x, k = 1.5, 2.0
print(pcall(function() return x | 1 end))
print(pcall(function() return 1 & x end))
print(pcall(function() return ~x end))
print(pcall(function() return x << 1 end))
print(pcall(function() return 3 ~ x end))
local mt = { __bor = function(a, b) return "bor" end, __shl = function() return "shl" end }
local obj = setmetatable({}, mt)
print(x | obj, obj | x, obj << 1.5, k | 1, k << 1, 3.0 >> 1)
