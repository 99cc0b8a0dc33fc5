-- §3.4.1 arithmetic: integer and float results, wrap-around
local maxi, mini = 0x7fffffffffffffff, -0x7fffffffffffffff - 1
print(maxi + 1 == mini, mini - 1 == maxi, maxi * 2, mini * -1, -mini)
print(mini // -1, mini % -1, maxi // -1, 7 // -2, -7 // 2, 7 % -3, -7 % 3)
print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2, 5.3 % -2, 1e308 + 1e308)
print(3 / 0, -3 / 0, 0 / 0 ~= 0 / 0, 3 % (1/0), -3 % (1/0))
print(pcall(function() return 1 // 0 end))
print(pcall(function() return 1 % 0 end))
print(1 // 0.0, -1 // 0.0, 2^63, -(2^63), 2^1024)
print(1 + 2.0, 3 - 1.0, 2 * 0.5, 10 / 5, 3 ^ 2, 4 // 1.0)
