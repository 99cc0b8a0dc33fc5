-- §2.4 __index/__newindex chains walked by library functions (lua_geti,
-- lua_gettable, lua_seti from C): a handler that is not a function is
-- indexed in turn, so a number there is "attempt to index a number value";
-- errors raised inside a library function carry no position.
-- Uses the table and string libraries.
local function try(f, ...) print(pcall(f, ...)) end

-- table.insert reads through __index while shifting: the handler 5 is indexed
try(table.insert, setmetatable({}, { __index = 5, __len = function() return 1 end }), 1, 2)
-- gsub with a table replacement whose __index is a number
try(string.gsub, "x", "x", setmetatable({}, { __index = 5 }))
-- ipairs over a value that cannot be indexed
try(function() for i, v in ipairs(5) do end end)
-- a table handler is followed, a function handler is called
local proto = { "a", "b", "c" }
local t = setmetatable({}, { __index = proto, __len = function() return 3 end })
print(table.concat(t, ","), table.unpack(t))
for i, v in ipairs(setmetatable({}, { __index = function(_, i) if i <= 2 then return i * 10 end end })) do
  print(i, v)
end
print((string.gsub("a b", "%a", setmetatable({}, { __index = function(_, k) return k:upper() end }))))
-- __newindex chains: a table handler receives the store, a function handler is called
local sink = {}
local w = setmetatable({}, { __newindex = sink, __len = function() return 0 end })
table.insert(w, "x")
print(rawget(w, 1), sink[1])
local log = {}
local f = setmetatable({}, { __newindex = function(_, k, v) log[#log + 1] = k .. "=" .. v end })
table.move({ "p", "q" }, 1, 2, 1, f)
print(table.concat(log, " "))
-- a loop of handlers is stopped
local loop = setmetatable({}, {})
getmetatable(loop).__index = loop
getmetatable(loop).__len = function() return 1 end
try(table.concat, loop)
