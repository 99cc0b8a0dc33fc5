-- §3.3.8 To-be-closed variables: __close runs on every way out of a block
-- (normal end, break, goto, return, error), in reverse order of declaration,
-- with the error object as second argument when the block is left by an error.

local function closer(name)
  return setmetatable({}, { __close = function(_, err)
    print("  close " .. name, err)
  end })
end

print("end of block")
do
  local a <close> = closer("a")
  local b <close> = closer("b")
  print("  body")
end

print("break")
for i = 1, 3 do
  local x <close> = closer("loop " .. i)
  if i == 2 then break end
end

print("goto out of a block")
do
  local g <close> = closer("g")
  goto out
end
::out::

print("return")
local function f()
  local r <close> = closer("r")
  return "returned"
end
print("  f ->", f())

print("return values computed before closing")
local function g()
  local t = { n = 1 }
  local c <close> = setmetatable({}, { __close = function() t.n = 2 end })
  return t.n
end
print("  g ->", g())

print("error")
print("  pcall ->", pcall(function()
  local e1 <close> = closer("e1")
  local e2 <close> = closer("e2")
  error("boom", 0)
end))

print("error in __close replaces the error")
print("  pcall ->", pcall(function()
  local z <close> = setmetatable({}, { __close = function() error("in close", 0) end })
  error("original", 0)
end))

print("nil and false are allowed and ignored")
do
  local n <close> = nil
  local f2 <close> = false
  print("  ok")
end

print("a value without __close is an error")
print("  ", pcall(load("local x <close> = {}")))

print("generic for closes its fourth value on break")
local function iter()
  return function(_, i) if i < 3 then return i + 1 end end, nil, 0, closer("for-state")
end
for i in iter() do
  if i == 2 then break end
  print("  i =", i)
end
print("done")
