-- §3.4 / §2.3 runtime error message: index-local
local t
print(t.x)
