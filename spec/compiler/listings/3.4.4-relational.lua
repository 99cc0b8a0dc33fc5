-- §3.4.4 and §3.4.5 relational and logical operators
local a, b = ...
local x = a == 1, a ~= "s", a == b, a < 10, a <= 10, a > 10, a >= 10,
  10 < a, 10 <= a, 1.0 == a, a < 2.5, a < b, a >= b, a == nil, a ~= true
local y = a and b, a or b, not a, a and b or 0, not (a == b), (a or 1) + 1
if a and (b or x) then y = 1 end
if not a then y = 2 end
if a < 1000 and a > 1e10 then y = 3 end
return x, y, a == 4.5e15
