-- §3.4.3 coercions between strings and numbers
print("10" + 5, "3.0" + 1, "0x10" * 1, "1e2" // 1, " 7 " - 0, "10" // "3")
print(10 .. 20, 1.5 .. "", tostring(10) == "10", tonumber("  0x1p4  "), tonumber("1e"))
print(tonumber("10", 2), tonumber("ff", 16), tonumber("zz", 36), tonumber("8", 8), tonumber(" 11 ", 2))
print(tonumber(""), tonumber(" "), tonumber("0x"), tonumber("1 2"), tonumber(nil))
print(pcall(function() return "abc" + 1 end))
print("10" + 0, "10.0" + 0, "1e1" + 0, "0x7fffffffffffffff" + 1)
