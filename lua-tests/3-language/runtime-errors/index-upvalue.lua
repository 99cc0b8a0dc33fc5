-- §3.4 / §2.3 runtime error message: index-upvalue
local u
local function f() return u.x end
f()
