-- §7 an uncaught error message with a NUL: lua.c prints it as a C string, so it ends at the NUL
print("before")
error("ab\0cd")
