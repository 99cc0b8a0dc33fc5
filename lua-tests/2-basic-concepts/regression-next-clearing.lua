-- §6.1 next: clearing every field during a traversal is allowed.
-- Regression: clearing the last array element shrank the array part and
-- the next call to next() raised "invalid key to 'next'".
local t = {1, 2, 3, 4, 5, a = "a", b = "b"}
local count = 0
for k in pairs(t) do
  t[k] = nil
  count = count + 1
end
print(count, next(t))
local u = {10, 20, 30}
for k, v in pairs(u) do u[k] = nil end
print(#u, next(u))
