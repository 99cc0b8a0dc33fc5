-- §3.3.7 local attributes <const> and <close>
local a <const> = 10
local b <const> = "str"
print(a, b, a * 2)
print(load("local c <const> = 1; c = 2"))
print(load("local c <const> = 1; local function f() c = 2 end"))
print(load("local d <foo> = 1"))
print(load("local e <close>, f <close> = nil, nil"))
local t <const> = {}
t.x = 1
print(t.x)
