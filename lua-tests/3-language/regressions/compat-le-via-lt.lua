-- §2.4 (__le): lua5.4 is built with LUA_COMPAT_5_3, so a <= b without __le is not (b < a) through __lt (issue 13); uses coroutine and table
local log = {}
local mt = {__lt = function(a, b) log[#log + 1] = a.v .. "<" .. b.v return a.v < b.v end}
local a, b = setmetatable({v = 1}, mt), setmetatable({v = 2}, mt)
print("a <= b, b <= a, a >= b", a <= b, b <= a, a >= b)
print("__lt calls", table.concat(log, " "))
print("immediate operand", pcall(function() return a <= 1 end))
-- a __lt that yields: the result is negated when the comparison finishes
local m = {__lt = function(x, y)
  local p = type(x) == "table" and x.v or x
  local q = type(y) == "table" and y.v or y
  coroutine.yield("in __lt") return p < q end}
local t = setmetatable({v = 5}, m)
local co = coroutine.wrap(function() return t <= 5, t <= 4, 6 <= t, 5 >= t end)
for i = 1, 4 do co() end
print("yielding __lt", co())
print("no __lt either", pcall(function() return {} <= {} end))
