-- §6.7 the math library: integer/float results, fmod, modf, max/min, log bases,
-- tointeger/type/ult, and xoshiro256** random numbers bit-exact with PUC-Rio
-- (randomseed(42); random(1, 100), random() -> 50 0.54688311243421).
print(math.floor(3.7), math.ceil(3.2), math.floor(-3.5), math.floor(2^62), math.floor(1e100), math.ceil(-0.5))
print(math.abs(-3), math.abs(-3.5), math.abs(math.mininteger), math.abs(-0.0))
print(math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3), math.fmod(7.5, 2), math.fmod(-7.5, 2), pcall(function() return math.fmod(1, 0) end))
print(math.modf(3.7), math.modf(-3.7), math.modf(5), math.modf(1/0), math.modf(-1/0))
print(math.max(1, 2.5, 2), math.min(3, 1.0, 1), math.max(2, 2.0), pcall(function() return math.max() end))
print(math.sqrt(16), math.exp(0), math.log(8, 2), math.log(100, 10), math.log(1), math.log(27, 3))
print(math.tointeger(3.0), math.tointeger(3.5), math.tointeger("8"), math.tointeger("x"), pcall(function() return math.tointeger() end))
print(math.type(1), math.type(1.0), math.type("1"), pcall(function() return math.type() end))
print(math.ult(1, -1), math.ult(-1, 1), math.maxinteger, math.mininteger, math.pi, math.huge, -math.huge)
math.randomseed(42); print(math.random(1, 100), math.random())
math.randomseed(7, 3); print(math.random(0), math.random(10), math.random(-5, 5))
print(pcall(function() return math.random(2, 1) end)); print(pcall(function() return math.random(1, 2, 3) end)); print(select('#', math.randomseed(5)))
print(math.atan(1, 1), math.atan(1), math.sin(0), math.cos(0), math.floor(-0.0))
