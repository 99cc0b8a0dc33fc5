-- §6.10 upvalues, upvalue identities, metatables of any type, user values, the registry
local a, b = 1, 2
local function f() return a + b end
print(debug.getupvalue(f, 1), debug.getupvalue(f, 2), debug.getupvalue(f, 3))
print(debug.setupvalue(f, 2, 40), f(), b)
print(debug.setupvalue(f, 5, 0))
print(debug.getupvalue(string.gmatch("x", "x"), 1))

-- upvalueid: shared cells are equal, distinct cells differ
local function mk()
  local shared = 0
  local x1, x2 = 0, 0
  return function () shared = shared + 1; x1 = x1 + 1 end,
         function () shared = shared + 1; x2 = x2 + 1 end
end
local p, q = mk()
print(debug.upvalueid(p, 1) == debug.upvalueid(q, 1), debug.upvalueid(p, 2) == debug.upvalueid(q, 2))
print(type(debug.upvalueid(p, 1)), string.match(tostring(debug.upvalueid(p, 1)), "^userdata: ") ~= nil)
print(pcall(debug.upvalueid, p, 10))
debug.upvaluejoin(p, 2, q, 2)
print(debug.upvalueid(p, 2) == debug.upvalueid(q, 2))
p(); print(select(2, debug.getupvalue(q, 2)))
print(pcall(debug.upvaluejoin, p, 9, q, 1))
print(pcall(debug.upvaluejoin, print, 1, q, 1))
print(pcall(debug.setuservalue, debug.upvalueid(p, 1), {}))

-- metatables of any type, without __metatable protection
local prot = setmetatable({}, {__metatable = "locked"})
print(getmetatable(prot), type(debug.getmetatable(prot)))
print(debug.getmetatable(1), debug.getmetatable(nil))
debug.setmetatable(10, {__index = function (n, k) return k .. n end})
print((5).x, (2.5).y)
debug.setmetatable(10, nil)
print(debug.getmetatable(1))
debug.setmetatable(nil, {__len = function () return 42 end})
print(#nil)
debug.setmetatable(nil, nil)
debug.setmetatable(print, {__index = {kind = "function"}})
print(print.kind, (function () end).kind)
debug.setmetatable(print, nil)
print(debug.getmetatable("").__index == string)
print(pcall(debug.setmetatable, 1, 2))
print(select("#", debug.setmetatable({}, nil)))

-- user values: only full userdata have them
print(debug.getuservalue(1), debug.getuservalue({}, 1))
print(pcall(debug.setuservalue, {}, 1))

-- the registry is a table
print(type(debug.getregistry()))
debug.sethook(function () end, "c")
debug.sethook()
print(getmetatable(debug.getregistry()._HOOKKEY).__mode)
