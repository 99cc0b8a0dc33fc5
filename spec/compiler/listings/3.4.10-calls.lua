-- §3.4.10 function calls: methods, varargs, tail calls, string/table arguments
local obj = ...
obj:method(1, 2)
obj.field.sub:m "str"
print(obj, ...)
print(select('#', ...))
local a, b = obj:get()
local c = (obj:get())
print{1, 2}
local function f(...) return ... end
local function g(x) return f(x) end
local function h(x) return (f(x)) end
return g(obj), h(obj)
