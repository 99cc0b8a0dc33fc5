-- §3.4.1 errors of integer division and modulo by zero (uncaught).
-- The failing operation shares its line with the previous instruction on
-- purpose: Lua 5.4.4 (the recording oracle) reports the line of the last
-- instruction that saved the pc, a bug 5.4.8 fixed; lucid follows 5.4.8.
local a, b = 10, 0
print(a // 1)
print(a // 2); print(a % b)
