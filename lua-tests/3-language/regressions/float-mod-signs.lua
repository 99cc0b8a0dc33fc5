-- §3.4.1 float modulo takes the sign of the divisor; regression: -4 % -5.0
-- gave -9.0 (both folded at compile time and computed at run time)
print(-4 % -5.0, 4 % -5.0, -4 % 5.0, 4 % 5.0)
local a, b = -4, -5.0
print(a % b, -a % b, a % -b, -a % -b)
print(5.5 % -2, -5.5 % 2, -5.5 % -2, 5.5 % 2)
print(-0.0 % 1, 0.0 % -1, 1 % (-1/0), -1 % (1/0))
