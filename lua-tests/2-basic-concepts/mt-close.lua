-- §2.4 __close and §3.3.8 to-be-closed variables
local function closer(name)
  return setmetatable({}, { __close = function(self, err) print("close", name, err) end })
end
do
  local a <close> = closer("a")
  local b <close> = closer("b")
  print("in block")
end
local function f()
  local x <close> = closer("x")
  return "returned"
end
print(f())
for i = 1, 2 do
  local y <close> = closer("loop" .. i)
  if i == 2 then break end
end
print(pcall(function()
  local z <close> = closer("z")
  error("oops", 0)
end))
local ok, e = pcall(function() local bad <close> = 42 end)
print(ok, e)
do local n <close> = nil; local f <close> = false; print("nil and false are ignored") end
