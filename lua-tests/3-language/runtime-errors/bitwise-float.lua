-- §3.4 / §2.3 runtime error message: bitwise-float
local x = 1.5
print(x | 1)
