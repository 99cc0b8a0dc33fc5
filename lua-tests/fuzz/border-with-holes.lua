-- §3.4.7 the length of a table with holes: lucid sizes the array part as lua does, so # finds the border lua finds (found by differential fuzzing: seed 7, programs 798, 1324, 2389; seed 2026, programs 20586, 7589, 33666, 53353, 83596)
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

-- a constructor's list fixes the array size
print(#{1, nil, 3}, #{nil, nil, 3}, #{1, 2, nil}, #{1, nil, 3, nil, 5, nil})
local function three() return 1, nil, 3 end
print(#{three()}, #{0, three()}, #{three(), nil})

-- keys added one by one: each rehash chooses the array size
local w = {}
w[1] = 1; w[2] = 2; w[4] = 4
io.write(#w, " ")
w[3] = 3; w[5] = 5; w[6] = 6; w[8] = 8
print(#w)
local h = {n = 1}
h[2] = 2; h[3] = 3; h[1] = 1
print(#h)

-- the hint of #: it moves down with a border and up with an access
local u = {}
for i = 1, 8 do u[i] = i end
u[8] = nil; u[7] = nil
io.write(#u, " ")
u[4] = nil
io.write(#u, " ")
local _ = u[8]
print(#u)

-- table.insert and t[#t + 1] grow the array part
local g = {}
for i = 1, 20 do g[#g + 1] = i end
g[10] = nil
io.write(#g, " ")
table.insert(g, 21)
io.write(#g, " ")
g[17] = nil; g[18] = nil
print(#g)

-- table.pack and a vararg list
print(#table.pack(1, nil, 3), #table.pack(nil, nil, nil, 4))
local function list(...) return {...} end
print(#list(1, nil, 3, nil), #list(nil, 2))
