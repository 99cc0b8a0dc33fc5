-- §3.4.3 an arithmetic error inside the string coercion metamethods has no position (found by differential fuzzing)
print(pcall(function() return "10" // 0 end))
print(pcall(function() return "10" % "0" end))
