-- §3.4 / §2.3 runtime error message: arith-local
local s = {}
print(-s)
