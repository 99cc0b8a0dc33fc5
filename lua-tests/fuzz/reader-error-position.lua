-- §6.1 load with a reader function that returns a non-string (found by differential fuzzing)
print(load(function() return {} end))
