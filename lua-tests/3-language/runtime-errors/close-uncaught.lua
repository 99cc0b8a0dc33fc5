-- §3.3.8 To-be-closed variables: an uncaught error still closes the pending
-- variables (lua.c reports the error after they ran), status 1 on stderr.
-- (lua.c hands __close the message with its traceback: only its type is printed.)
local t <close> = setmetatable({}, { __close = function(_, e) print("closing with an error:", type(e)) end })
print("before")
local x = nil
print(x.field)
