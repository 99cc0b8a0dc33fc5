-- §3.3.3 assignment: multiple, conflicts, globals, fields, upvalues
local a, b, c = 1, 2
a, b = b, a
local t = {}
local i = 1
i, t[i] = i + 1, 20
t.x, t[1], t[i], g = 1, 2.5, "s", nil
local function f() a = t; t.y = a end
x, y = f()
