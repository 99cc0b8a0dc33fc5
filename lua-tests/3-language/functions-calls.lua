-- §3.4.10 function calls, methods, tail calls, recursion
local obj = { v = 5 }
function obj.get(self) return self.v end
function obj:set(v) self.v = v end
obj:set(7)
print(obj:get(), obj.get(obj))
local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
print(fact(20), fact(21))
local function loop(n) if n == 0 then return "done" end return loop(n - 1) end
print(loop(100000))
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(20))
print(type(print), (function(...) return select('#', ...) end)(1, 2))
local s = "x"
print(#s, s .. s)
local f = function(t) return t.a end
print(f{ a = 1 }, #"abc", type"x")
