-- §6.6 table.sort hands the comparator its values as they are: a NaN keeps its sign, which tostring shows (found by differential fuzzing: seed 2026, programs 24203, 26898, 13004)
local nan, mnan = 0/0, -(0/0)
print(nan, mnan)

-- a call with a large integer argument first (in lucid it changed how the
-- comparator's arguments were stored, and with it the sign of NaN)
print(pcall(function(a, b, c) for k in next, {} do end end, nil, false, -9007199254740993))

local function show(v)
  if math.type(v) == "float" then return string.format("%.17g", v) end
  return type(v) == "string" and string.format("%q", v) or tostring(v)
end

-- ordering by the printed form puts "-nan" before the digits and "nan" after
local seen = {}
local t = {"v", .5, 2^63, 2147483647, nan, "hp"}
print(pcall(table.sort, t, function(a, b)
  seen[#seen + 1] = show(a) .. "<" .. show(b)
  return show(a) < show(b)
end))
print(table.concat(seen, " "))
for i = 1, #t do io.write(show(t[i]), " ") end
print()

local u = {"x", .5, 2^63, 2147483647, mnan, nan, 7, -1.25}
print(pcall(table.sort, u, function(a, b) return show(a) < show(b) end))
for i = 1, #u do io.write(show(u[i]), " ") end
print()

-- NaN values of both signs and an integer
local w = {nan, mnan, 2147483647, nan, mnan, 3}
print(pcall(table.sort, w, function(a, b) return tostring(a) < tostring(b) end))
for i = 1, #w do io.write(tostring(w[i]), " ") end
print()
