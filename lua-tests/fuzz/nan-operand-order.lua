-- §3.4.1 two NaN operands: x86 keeps the sign of the first, V8 may keep either (found by differential fuzzing: seed 1, program 350)
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
local v1 = (math.log(-19) * math.asin(0x1.fffffffffffffp1023))
P(pcall(function(...) return v1 end))
