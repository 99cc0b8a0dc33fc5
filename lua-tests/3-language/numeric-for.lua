-- §3.3.5 numeric for: counts computed once, overflow-safe, float loops
local buf = ""
local function w(...) for i = 1, select('#', ...) do buf = buf .. tostring((select(i, ...))) end end
local function nl() print(buf); buf = "" end
for i = 1, 3 do w(i, " ") end nl()
for i = 3, 1, -1 do w(i, " ") end nl()
for i = 1, 0 do print("never") end
for i = 1.0, 2 do w(i, " ") end nl()
for i = 1, 2, 0.5 do w(i, " ") end nl()
local maxi = 0x7fffffffffffffff
local c = 0
for i = maxi - 2, maxi do c = c + 1 end
print("near maxinteger", c)
c = 0
for i = -maxi - 1, -maxi + 1 do c = c + 1 end
print("near mininteger", c)
for i = 1, 3 do local j = i; i = 10; w(j, " ") end nl()
print(pcall(function() for i = 1, 10, 0 do end end))
print(pcall(function() for i = "a", 2 do end end))
print(pcall(function() for i = 1, {} do end end))
print(pcall(function() for i = 1, 2, nil do end end))
for i = 1, 3.5 do w(i, " ") end nl()
for i = 3, 1.5, -1 do w(i, " ") end nl()
