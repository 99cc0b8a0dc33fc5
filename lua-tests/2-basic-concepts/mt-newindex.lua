-- §2.4 __newindex: tables and functions
local log = {}
local t = setmetatable({}, { __newindex = function(t, k, v) log[#log + 1] = k; rawset(t, k, v * 2) end })
t.a = 1; t.b = 2; t.a = 10
print(t.a, t.b, #log, log[1], log[2])
local store = {}
local u = setmetatable({}, { __newindex = store })
u.x = 5
print(rawget(u, "x"), store.x)
local chain = setmetatable({}, { __newindex = setmetatable({}, { __newindex = store }) })
chain.y = 7
print(store.y)
local loop = setmetatable({}, {})
getmetatable(loop).__newindex = loop
print(pcall(function() loop.x = 1 end))
