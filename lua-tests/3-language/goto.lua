-- §3.3.4 goto and labels
local buf = ""
local function w(...) for i = 1, select('#', ...) do buf = buf .. tostring((select(i, ...))) end end
local function nl() print(buf); buf = "" end
for i = 1, 3 do
  for j = 1, 3 do
    if j == 2 then goto continue end
    w(i, ":", j, " ")
    ::continue::
  end
end
nl()
do
  local k = 0
  ::top::
  k = k + 1
  if k < 3 then goto top end
  print("k", k)
end
local fs = {}
do
  local i = 1
  ::again::
  local x = i
  fs[#fs + 1] = function() return x end
  i = i + 1
  if i <= 3 then goto again end
end
print(fs[1](), fs[2](), fs[3]())
