-- §3.4 / §2.3 runtime error message: call-local
local f
f()
