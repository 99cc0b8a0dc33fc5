-- §2.1 integer and float subtypes; §3.4.3 conversions
print(1, 1.0, -0.0, 3 / 2, 4 / 2, 7 // 2, 7.0 // 2, 2^2, 10 // 3.0)
print(1 == 1.0, 0.0 == -0.0, 1 < 1.5, 2^53 == 2^53 + 1)
print(0x7fffffffffffffff, 0x7fffffffffffffff + 1, -0x7fffffffffffffff - 1)
print(0xffffffffffffffff, 0x10, 0xA.8p1, 1e2, 1E-2, .5, 5., 0x.1)
print(9223372036854775807, 9223372036854775808, -9223372036854775808)
print(1e15, 1e16, 2^53, 2^63, 123456789012345678)
print(0.1, 1/3, -1/3, 100.0, 1e100, 1e-100, 12345678901234.5)
print(1/0, -1/0, 3 % -2, -3 % 2, 3.5 % -2, -3.5 % 2, 5 % 0.0 ~= 5 % 0.0)
