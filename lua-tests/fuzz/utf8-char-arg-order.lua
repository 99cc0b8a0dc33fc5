-- §6.5 utf8.char checks its arguments one by one (found by differential fuzzing)
print(pcall(utf8.char, math.maxinteger, 1.5))
print(pcall(utf8.char, -1, "x"))
