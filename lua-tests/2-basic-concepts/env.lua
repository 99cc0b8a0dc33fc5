-- §2.2 environments: globals are fields of _ENV
x = 10
print(x, _ENV.x, _G.x, _ENV == _G)
local function f()
  local _ENV = { print = print, y = 5 }
  print(y, x)
  z = 1
  return _ENV
end
local e = f()
print(e.z, z)
do
  local _ENV = setmetatable({}, { __index = _G })
  w = 3
  print(w, _G.w)
end
