-- §3.4 / §2.3 runtime error message: call-number
local n = 3
n()
