-- §2.3 an uncaught error value with __tostring
error(setmetatable({}, {__tostring = function() return "custom error object" end}))
