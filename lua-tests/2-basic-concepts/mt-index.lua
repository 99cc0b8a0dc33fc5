-- §2.4 __index: tables and functions, chains
local base = { greet = function(self) return "hello " .. self.name end, kind = "base" }
local mid = setmetatable({ kind = "mid" }, { __index = base })
local obj = setmetatable({ name = "obj" }, { __index = mid })
print(obj:greet(), obj.kind, obj.missing)
local calls = 0
local f = setmetatable({}, { __index = function(t, k) calls = calls + 1; return k .. k end })
print(f.ab, f[1], calls, rawget(f, "ab"))
local proxy = setmetatable({}, { __index = obj })
print(proxy.name, proxy:greet())
local loop = setmetatable({}, {})
getmetatable(loop).__index = loop
print(pcall(function() return loop.x end))
