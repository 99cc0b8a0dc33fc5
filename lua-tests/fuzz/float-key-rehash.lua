-- §2.1 a float key (3.5) that arrives when the hash part is full stays a hash key through the rehash (found by differential fuzzing: seed 2026, program 12, shrunk)
local function show(v)
  local t = math.type(v) or type(v)
  if t == "float" then return string.format("%.17g", v)
  elseif t == "string" then return string.format("%q", v)
  elseif t == "integer" or t == "boolean" or t == "nil" then return tostring(v)
  else return t end
end
local function P(...)
  local n, s = select("#", ...), {}
  for i = 1, n do s[i] = show((select(i, ...))) end
  print(n .. ":", table.concat(s, " "))
end
local function K(t)
  local s = {}
  for k in pairs(t) do s[#s + 1] = show(k) end
  table.sort(s)
  P(table.concat(s, " "))
end
local t1 = {(0x7fffffffffffffff > 2.5), ("caf\xc3\xa9" ~= "5."), (14 .. 79.38)}
P(pcall(function() t1["x"] = "i)joz\u{70}jc" end))
P(pcall(function() t1[3.5] = math.huge end))
P(pcall(function() t1[1e300] = 9007199254740993.0 end))
K(t1)

