-- §3.4 / §2.3 runtime error message: newindex-nil
local t
t.x = 1
