-- §7 an uncaught error object whose __tostring gives a string with a NUL: printed up to the NUL
print("before")
error(setmetatable({}, {__tostring = function() return "custom\0error" end}))
