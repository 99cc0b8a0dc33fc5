-- §6.10 debug.debug: a console on standard input. Each command runs in a
-- protected call of its own, with no message handler: its error message is
-- printed as it is, even when an xpcall handler waits further down.
-- Needs io (io.popen runs this same interpreter, arg[-1], as the console).
local interp = arg[-1]
local script = [[xpcall(debug.debug, function (m) return "handled: " .. m end) print("after")]]
io.stdout:flush()
local p = assert(io.popen(interp .. " -e '" .. script .. "' 2>&1", "w"))
p:write('x = 1 + 1\n')                    -- runs, prints nothing
p:write('error("boom")\n')                -- a runtime error: the message alone
p:write('error(x)\n')                     -- a number as error value
p:write('for\n')                          -- a syntax error
p:write('error(setmetatable({}, {__tostring = function () return "obj" end}))\n')
p:write('cont\n')                         -- back to the caller
print(p:close())
