-- §3.4.6 concatenation and §3.4.7 length
print("a" .. "b", 1 .. 2, 1.0 .. "", -0.0 .. "", 2^63 .. "", 10 // 1 .. "")
print(#"hello", #{1, 2, 3}, #{}, #{n = 1}, #{1, 2, nil, 4} >= 2)
local t = {}
for i = 1, 100 do t[i] = i end
print(#t)
t[#t] = nil
print(#t)
print(pcall(function() return "a" .. {} end))
print(pcall(function() return "a" .. nil end))
print(pcall(function() return #5 end))
