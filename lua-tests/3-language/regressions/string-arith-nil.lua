-- §3.4.3 arithmetic on a numeric string and nil goes through the string
-- library's metamethods and fails there: a nil second operand is not the
-- first one again (found by differential fuzzing).
print(pcall(function() return "-0x10" + nil end))
local n
print(pcall(function() return "3" // n end))
print(pcall(function() return 2 ^ "x" end))
print(pcall(function() return -"2", "10" - "4", "3" * 2 end))
