-- §6.1 xpcall without a message handler is an argument error (found by differential fuzzing)
print(pcall(xpcall, print))
print(pcall(xpcall, function() return 1 end))
