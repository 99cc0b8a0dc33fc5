-- §6.1 errors raised inside load (the reader's, and the parser's "C stack
-- overflow") meet the running message handler before load returns them,
-- as lua_load keeps the errfunc of the protected call around it
local function h(m) return "handled: " .. tostring(m) end
print(xpcall(load, h, function() return {} end))
print(xpcall(load, h, function() error("in reader") end))
print(xpcall(load, h, "return " .. string.rep("(", 300) .. "1" .. string.rep(")", 300)))
-- a syntax error is not a runtime error: no handler
print(xpcall(load, h, "x = = 1"))
-- without a handler the messages are load's own
local n = 0
print(pcall(load, function() n = n + 1; if n == 1 then return "return 1" end return {} end))
print(load(function() return true end))
