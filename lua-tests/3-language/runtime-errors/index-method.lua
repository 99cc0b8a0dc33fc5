-- §3.4 / §2.3 runtime error message: index-method
local t = {}
t:nomethod()
