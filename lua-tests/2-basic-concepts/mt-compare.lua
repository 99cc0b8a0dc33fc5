-- §2.4 __eq, __lt, __le
local M = {}
M.__eq = function(a, b) return a.k == b.k end
M.__lt = function(a, b) return a.k < b.k end
M.__le = function(a, b) return a.k <= b.k end
local function mk(k) return setmetatable({ k = k }, M) end
local a, b, c = mk(1), mk(2), mk(1)
print(a == c, a ~= c, a == b, a < b, b < a, a <= c, a > b, b >= a)
print(rawequal(a, c), a == a)
local N = { __eq = function() return true end }
print(setmetatable({}, N) == setmetatable({}, {}), setmetatable({}, N) == 1)
print(pcall(function() return {} < {} end))
print(pcall(function() return {} <= 1 end))
print(pcall(function() return 1 < "2" end))
print("a" < "b", "abc" < "abd", "" < "a", "Z" < "a", "a\0b" < "a\0c")
