-- §6.7 the sign of NaN through math functions, as C prints it (found by differential fuzzing)
print(0/0, -(0/0))
print(math.log(0/0), math.sqrt(0/0), math.abs(0/0), math.fmod(0/0, 1))
print(string.format("%.17g %.17g", math.sin(0/0), (0/0) * 2))
