-- §3.4 / §2.3 runtime error message: concat-local
local t = {}
print("a" .. t)
