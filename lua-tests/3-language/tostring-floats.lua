-- §3.4.3 number to string conversion
print(1e15, 1e16, 123456789012345, 1234567890123456, 0.1 + 0.2, 100 / 3)
print(-0.0, 0.0, 1e300 * 1e10, -1e300 * 1e10, 2^63, -2^63, 2^-1074)
print(3.14159265358979, 1e-5, 123e-7, 5e-324, 1.5e300)
print(tostring(1/0), tostring(-1/0), tostring(7.0), tostring(-7.25))
