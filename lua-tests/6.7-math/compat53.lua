-- §6.7 the math functions of LUA_COMPAT_5_3 (on in the released Lua 5.4):
-- pow, ldexp, frexp, cosh, sinh, tanh, log10, atan2: float results, C's
-- frexp/ldexp exactly (subnormals, overflow, the int conversion of the
-- exponent), argument errors named as lua5.4 names them.
print(math.pow(2, 10), math.pow(2, 0.5), math.pow(-2, 3), math.pow(0, 0), math.pow(1, 0/0), math.pow(-1, math.huge))
print(math.pow("3", 2), math.type(math.pow(2, 2)))
for _, x in ipairs { 8, 1, 0.5, -3.5, 1e308, 5e-324, 2.2250738585072014e-308, 1e-310, 123456789, -0.0, 0, math.huge, -math.huge } do
  print(x, math.frexp(x))
end
for _, c in ipairs { {1, 3}, {0.5, 1025}, {1, 1024}, {1, -1074}, {1, -1075}, {3, -1075}, {1.5, -1074},
                     {1e-300, 1100}, {1e300, -1100}, {1.5, 2^32 + 3}, {1, -2^31}, {-0.0, 5}, {2^-1000, -74} } do
  print(c[1], c[2], math.ldexp(c[1], c[2]))
end
for _, x in ipairs { 0, 1, -1, 0.5, 20, 710, -710 } do
  print(x, math.cosh(x), math.sinh(x), math.tanh(x))
end
print(math.log10(1000), math.log10(2), math.log10(0), math.log10(1e-300), math.log10("100"))
print(math.atan2(1, 1), math.atan2(-1, -1), math.atan2(0, -1), math.atan2(1))
print(pcall(math.ldexp, 1, 1.5))
print(pcall(math.pow, "2", "x"))
print(pcall(math.frexp))
print(pcall(math.cosh, {}))
