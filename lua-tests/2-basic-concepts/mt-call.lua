-- §2.4 __call, including chains of callable objects
local c = setmetatable({}, { __call = function(self, a, b) return "called", a, b end })
print(c(1, 2))
local c2 = setmetatable({}, { __call = c })
print(pcall(function() local r1, r2, r3 = c2(3); return r1, r2 == c2, r3 end))
print(pcall(setmetatable({}, {}), 1))
