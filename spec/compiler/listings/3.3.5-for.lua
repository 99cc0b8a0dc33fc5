-- §3.3.5 for statement: numeric (integer and float) and generic
local sum = 0
for i = 1, 10 do sum = sum + i end
for i = 10, 1, -1 do sum = sum - i end
for x = 0.5, 2.5, 0.5 do sum = sum + x end
for k, v in pairs({a = 1, b = 2}) do sum = sum + v end
for i, v in ipairs({1, 2, 3}) do
  local function g() return v end
  sum = sum + g()
end
return sum
