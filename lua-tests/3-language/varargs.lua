-- §3.4.11 variadic functions and select
local function f(...)
  local a, b = ...
  return select('#', ...), a, b, ...
end
print(f())
print(f(1))
print(f(1, nil, 3))
print(select(2, "a", "b", "c"), select(-1, "a", "b", "c"))
print(pcall(select, 0, 1))
local function g(...) return ... end
print(g(1, 2, 3), g(4, 5))
print((g(1, 2, 3)))
local function h(...) local t = {...} return #t end
print(h(1, 2, 3, 4))
print(select('#', nil, nil), select('#'))
local function count(...) return select('#', ...) end
print(count(g()), count(g(nil)), count(nil, g()))
