-- §3.5 visibility rules: upvalues shared between closures, fresh per iteration
local function counter()
  local n = 0
  return function() n = n + 1; return n end, function() return n end
end
local inc, get = counter()
inc(); inc()
print(get())
local fs = {}
for i = 1, 3 do fs[i] = function() return i end end
print(fs[1](), fs[2](), fs[3]())
local gs = {}
local j = 1
while j <= 3 do local k = j; gs[j] = function() k = k + 10; return k end; j = j + 1 end
print(gs[1](), gs[1](), gs[2]())
local x = 1
local function outer() return function() x = x + 1; return x end end
print(outer()(), outer()(), x)
local a = {}
do
  local shared = 0
  a.f = function() shared = shared + 1 end
  a.g = function() return shared end
end
a.f(); a.f()
print(a.g())
