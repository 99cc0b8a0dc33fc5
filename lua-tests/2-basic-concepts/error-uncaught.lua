-- §2.3 an uncaught error ends the program with status 1
print("before")
local t = nil
print(t.field)
print("never")
