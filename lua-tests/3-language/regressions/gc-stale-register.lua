-- §2.5 a dead register of a caller must not hand a freed table to a later collection
-- (found in GC stress mode: a slot left above one safe point's live registers held a
-- table that collection freed; a metamethod frame's later safe point reached it again)
local V = {}
V.__index = V
local function vec(x, y) return setmetatable({x = x, y = y}, V) end
V.__mul = function(a, b)
  if type(a) == "number" then return vec(a * b.x, a * b.y) end
  if type(b) == "number" then return vec(a.x * b, a.y * b) end
  return a.x * b.x + a.y * b.y
end
V.__add = function(a, b) return vec(a.x + b.x, a.y + b.y) end
V.__tostring = function(a) return "(" .. a.x .. "," .. a.y .. ")" end
-- one call with many temporaries: each argument's metamethod runs above them
local a, b = vec(1, 2), vec(3, 4)
print(tostring(a + b), a * b, tostring(2 * a), tostring(a * 3), tostring(a + b + a))
local function temps(n)
  local t = {}
  for i = 1, n do t[i] = {i, tostring(i)} end   -- temporaries in registers above
  return #t
end
local acc = 0
for i = 1, 200 do
  local v = vec(i, i + 1)
  acc = acc + temps(3) + (v * 2).x + (3 * v).y + v * v
end
print(acc)
