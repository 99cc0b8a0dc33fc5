-- §6.1 loadfile/dofile: a missing file cannot be opened, a directory cannot be read
print(loadfile("no-such-file.lua"))
print(loadfile("."))
print(pcall(dofile, "no-such-file.lua"))
print(pcall(dofile, "."))
