-- §6.10 debug.getinfo: every option letter, levels and functions, threads, invalid options
local function show(t)
  local keys = {}
  for k in pairs(t) do if k ~= "func" and k ~= "activelines" then keys[#keys + 1] = k end end
  table.sort(keys)
  local out = {}
  for _, k in ipairs(keys) do out[#out + 1] = k .. "=" .. tostring(t[k]) end
  return table.concat(out, " ")
end

local function target(a, b, ...)
  local info = debug.getinfo(1)
  return info
end
print(show(target()))
print(show(debug.getinfo(target)))
print(show(debug.getinfo(print)))
print(show(debug.getinfo(1, "Sl")))
print(show(debug.getinfo(target, "u")))
print(debug.getinfo(string.gmatch("a", "a"), "u").nups > 0)
print(debug.getinfo(1, "f").func ~= nil, debug.getinfo(target, "f").func == target)
print(debug.getinfo(100), debug.getinfo(-1))
print(pcall(debug.getinfo, 1, "X"))
print(pcall(debug.getinfo, 1, ">S"))
print(pcall(debug.getinfo, {}))
print(pcall(debug.getinfo))

-- activelines: the lines with code, not the 'function' line
local function lines3()
  local x = 1
  x = x + 1

  return x
end
local al = debug.getinfo(lines3, "L").activelines
local ks = {}
for k in pairs(al) do ks[#ks + 1] = k end
table.sort(ks)
print(table.concat(ks, " "))
print(debug.getinfo(print, "L").activelines)

-- names: local, global, method, field, upvalue, for iterator, metamethod
local function name(lv) local i = debug.getinfo(lv + 1, "n"); return tostring(i.namewhat) .. " " .. tostring(i.name) end
local function loc() local r = name(1); return r end
function glob() local r = name(1); return r end
local obj = {}
function obj:m() local r = name(1); return r end
function obj.f() local r = name(1); return r end
print(loc(), glob(), obj:m(), obj.f())
local function iter() print(name(1)); return nil end
for k in iter do end
local mt = setmetatable({}, {__index = function () local r = name(1); return r end})
print(mt.x)
glob = nil

-- istailcall
local function tc() return debug.getinfo(1, "t").istailcall end
local function calltc() return tc() end
print(calltc(), (tc()))

-- another thread's levels
local co = coroutine.create(function (x)
  local y = x * 2
  coroutine.yield(y)
end)
coroutine.resume(co, 21)
print(show(debug.getinfo(co, 1, "Sln")))
print(debug.getinfo(co, 0, "S").what, debug.getinfo(co, 2))
