-- §3.4 / §2.3 runtime error message: arith-field
local t = {}
print(t.x + 1)
