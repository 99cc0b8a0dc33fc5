-- §3.4.4 __le falls back to not __lt(b, a) in the release build (LUA_COMPAT_5_3) (found by differential fuzzing)
local mt = {__lt = function(a, b) return true end}
local a, b = setmetatable({}, mt), setmetatable({}, mt)
print(pcall(function() return a <= b end))
print(pcall(function() return a >= 1 end))
