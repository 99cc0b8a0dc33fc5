-- §6.8 io.popen: the command runs while Lua reads or writes its pipe (it need not end first)
-- a command that never ends by itself: read two lines, then close (yes dies of the closed pipe)
local f = io.popen("yes lucid")
print(f:read("l"), f:read("l"))
print((f:close()))

-- a command that leaves a background process holding its output: the lines come at once
f = io.popen("echo first; (sleep 2; echo late) & echo second")
print(f:read("l"), f:read("l"))
print(f:read("l"))   -- "late", after the background process
print(f:close())

-- writing: the command reads lines as they are flushed
f = io.popen("while read l; do echo \"got $l\"; done", "w")
f:write("one\n"); f:flush()
f:write("two\n")
print(f:close())
