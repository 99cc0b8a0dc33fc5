-- §6.1 next raises "invalid key to 'next'" for a key that is not in the table, but tolerates clearing entries during the traversal
print(pcall(next, {10, 20}, 3))
print(pcall(next, {10, 20}, 2))
print(pcall(next, {x = 1}, "y"))
local t = {1, 2, 3, 4, 5, x = 1, y = 2}
for k in pairs(t) do t[k] = nil end
print(next(t))
t = {} for i = 1, 10 do t[i] = i end
local n = 0
for k in pairs(t) do n = n + 1; t[11 - k] = nil end
print(n)
