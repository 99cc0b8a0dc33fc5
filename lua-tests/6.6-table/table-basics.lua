-- §6.6 the table library: sort (with comparator, metamethods, invalid order
-- functions), insert/remove bounds, concat, pack/unpack, move, __index/__len
local t = {5, 2, 8, 1, 9, 3}
table.sort(t); print(table.concat(t, ","))
table.sort(t, function(a, b) return a > b end); print(table.concat(t, " "))
local w = {"pear", "apple", "fig"}; table.sort(w); print(table.concat(w, ","))
table.insert(t, 7); table.insert(t, 1, 0); print(table.concat(t, ","), #t)
print(table.remove(t), table.remove(t, 1), table.concat(t, ","), table.remove({}), #t)
print(table.unpack({1, 2, 3})); print(table.unpack({1, 2, 3}, 2)); print(table.unpack({1, 2, 3}, 2, 5))
local p = table.pack(1, nil, 3); print(p.n, p[1], p[2], p[3])
print(table.concat(table.move({1, 2, 3}, 1, 3, 2), ","), table.concat(table.move({1, 2, 3}, 1, 3, 1, {}), ","))
print(pcall(function() table.insert({}, 5, 1) end))
print(pcall(function() table.insert({}, 1, 2, 3) end))
print(pcall(function() return table.concat({1, {}, 3}) end))
print(pcall(function() table.sort({3, 1, 2}, function(a, b) return true end) end))
local big = {} for i = 1, 200 do big[i] = (i * 37) % 101 end table.sort(big) local ok = true for i = 2, 200 do if big[i-1] > big[i] then ok = false end end print(ok)
print(pcall(function() table.sort({1, "x", 2}) end))
local mt = setmetatable({}, {__index = function(t, i) return i * 10 end, __len = function() return 3 end})
print(table.concat(mt, ","), table.unpack(mt))
