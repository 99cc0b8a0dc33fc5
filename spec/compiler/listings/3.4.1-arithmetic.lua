-- §3.4.1 and §3.4.2 arithmetic and bitwise operators, constant folding
local a, b = ...
local r = {
  a + 1, a - 1, a * 2, a / 2, a % 3, a ^ 2, a // 4,
  1 + a, 2 * a, a + 1000, a - 1000, a + 2.0, a * 0.5,
  a & 0xff, a | 1, a ~ 3, a << 2, a >> 3, 1 << a, ~a, -a,
  a + b, a - b, a * b, a / b, a % b, a ^ b, a // b,
  a & b, a | b, a ~ b, a << b, a >> b,
  2 ^ 10, 7 // 2, 7 % 3, 1 / 0, 0 / 0, -0.0, 3 & 5, 1 << 63, 1 << 64,
  math.maxinteger + 1, 5 // 0, 5.0 // 0, 2^53, 10 / 2, -(-3), ~5, 1e308 * 10,
}
return r
