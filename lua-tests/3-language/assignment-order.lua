-- §3.3.3 multiple assignment: all expressions evaluated before assigning
local a, b = 1, 2
a, b = b, a
print(a, b)
local t = {}
local i = 1
i, t[i] = i + 1, 20
print(i, t[1], t[2])
local x, y, z = 1
print(x, y, z)
local p, q = 1, 2, 3
print(p, q)
local function two() return "r1", "r2" end
local m, n, o = two()
print(m, n, o)
local m2, n2, o2 = two(), "last"
print(m2, n2, o2)
