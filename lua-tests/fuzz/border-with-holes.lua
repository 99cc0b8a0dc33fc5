-- §3.4.7 the length of a table with holes is any border: lua and lucid pick different ones (found by differential fuzzing: seed 7, programs 798, 1324, 2389)
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
local t = {9223372036854775807, v2, "\u{754aa}", 1e15}
P(#t, t[1], t[2], t[3], t[#t])


