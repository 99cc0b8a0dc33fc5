-- §6.1 rawlen of a non-table: "table or string expected, got TYPE" (found by differential fuzzing)
print(pcall(rawlen, 1))
