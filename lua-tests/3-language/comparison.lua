-- §3.4.4 relational operators, integers vs floats exactly
local maxi = 0x7fffffffffffffff
print(1 == 1.0, 1 < 1.1, maxi < 2^63, maxi + 0.0 == 2^63, maxi == 2^63)
print(2^53 == 2^53 + 1, (2^53 | 0) + 1 == 2^53 + 1, (2^53 | 0) + 1 > 2^53)
print(0/0 == 0/0, 0/0 < 1, 0/0 > 1, 1 < 1/0, -1/0 < -maxi)
print("a" == "a", {} == {}, print == print, 1 == "1", "10" < "9")
print(pcall(function() return 1 < "1" end))
print(pcall(function() return {} < 1 end))
print(pcall(function() return nil > 1 end))
print(pcall(function() return "a" < 1 end))
