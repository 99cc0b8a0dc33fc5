-- §6.4.1 gsub with a table replacement reads it with __index (lua_gettable);
-- regression: the table was read raw. Also math.deg/math.rad (§6.7).
local t = setmetatable({}, {__index = function(t, s) return string.upper(s) end})
print(string.gsub("a alo b hi", "%w%w+", t))
print(string.gsub("alo alo", "((.)(.?))", {al = "AA", o = false}))
print(math.deg(math.pi), math.rad(180), math.deg(1) == 180 / math.pi)
