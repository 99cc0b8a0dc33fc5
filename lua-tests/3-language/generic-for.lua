-- §3.3.5 generic for with iterator functions, state and closing value
local buf = ""
local function w(...) for i = 1, select('#', ...) do buf = buf .. tostring((select(i, ...))) end end
local function nl() print(buf); buf = "" end
local function range(n)
  return function(s, i) if i < n then return i + 1 end end, nil, 0
end
for i in range(3) do w(i, " ") end nl()
for i, v in ipairs({"a", "b", nil, "d"}) do w(i, v, " ") end nl()
local sum, count = 0, 0
for k, v in pairs({x = 1, y = 2, 10, 20}) do sum = sum + v; count = count + 1 end
print("pairs", count, sum)
local closed = false
local cl = setmetatable({}, { __close = function() closed = true end })
for i in function(s, i) if i < 2 then return i + 1 end end, nil, 0, cl do end
print("closing value closed:", closed)
print(pcall(function() for x in 42 do end end))
