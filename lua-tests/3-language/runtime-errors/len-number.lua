-- §3.4 / §2.3 runtime error message: len-number
local n = 1
print(#n)
