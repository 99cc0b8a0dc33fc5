-- §6.7 math.fmod: which argument error comes first (found by differential fuzzing)
print(pcall(math.fmod, "x", nil))
print(pcall(math.fmod, 1))
