-- §6.10 debug.getlocal, debug.setlocal: names, temporaries, varargs, parameters of a function
local function f(a, b, ...)
  local c = a + b
  local out = {}
  local i = 1
  while true do
    local n, v = debug.getlocal(1, i)
    if not n then break end
    if n ~= "out" then out[#out + 1] = n .. "=" .. tostring(v) end
    i = i + 1
  end
  local j = -1
  while true do
    local n, v = debug.getlocal(1, j)
    if not n then break end
    out[#out + 1] = n .. "=" .. tostring(v)
    j = j - 1
  end
  return table.concat(out, " ")
end
print(f(1, 2, "x", "y"))
print(f(1, 2))

-- parameter names of a function
local function g(p1, p2, ...) local q = 1 end
print(debug.getlocal(g, 1), debug.getlocal(g, 2), debug.getlocal(g, 3))
print(debug.getlocal(print, 1))

-- setlocal changes a caller's local
local function setter() return debug.setlocal(2, 1, "changed") end
local function owner()
  local v = "orig"
  local name = setter()
  return name, v
end
print(owner())
print(pcall(debug.setlocal, 50, 1, 1))
print(pcall(debug.getlocal, 50, 1))
local function nosuch() return debug.setlocal(2, 10, 1) end
print(nosuch())

-- a coroutine's locals
local co = coroutine.create(function (x)
  local y = x + 1
  coroutine.yield()
  return y
end)
coroutine.resume(co, 10)
print(debug.getlocal(co, 1, 1), debug.getlocal(co, 1, 2))
print(debug.setlocal(co, 1, 2, 100))
print(coroutine.resume(co))
