-- §3.4.8 precedence and associativity
print(2 + 3 * 4, (2 + 3) * 4, 2 ^ 3 ^ 2, -2 ^ 2, 2 ^ -1)
print(1 .. 2 .. 3, "a" .. "b" == "ab", not nil == true, not 1 == nil)
print(1 < 2 == true, 1 + 2 < 4, 5 - 3 - 1, 64 / 4 / 2, 7 // 2 * 2)
print(1 | 2 ~ 3 & 4, 1 << 2 + 1, ~0 >> 60, 3 & 5 == 1)
print(#"abc" + 1, -#"ab", - - 2, not not nil)
print(1 or error("no"), nil and error("no"), false or nil, nil or false, 1 and 2)
print("10" + 1, "3" * "4", 10 .. "", "0x10" + 0, " 5 " + 1, "1e1" * 1)
