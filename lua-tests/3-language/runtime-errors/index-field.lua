-- §3.4 / §2.3 runtime error message: index-field
local t = {}
print(t.a.b)
