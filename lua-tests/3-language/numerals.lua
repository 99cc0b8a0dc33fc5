-- §3.1 numerals
print(3, 345, 0xff, 0xBEBADA, 3.0, 3.1416, 314.16e-2, 0.31416E1, 34e1)
print(0x0.1E, 0xA23p-4, 0X1.921FB54442D18P+1)
print(0x7fffffffffffffff + 0, 0xffffffffffffffff, 0x1ffffffffffffffff)
print(18446744073709551615, 1e308 * 10, -1e308 * 10)
print(1//1, 1.0//1, 08, 0e0, 0x0p0)
