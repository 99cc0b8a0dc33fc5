-- §2.6 yield refused: "attempt to yield across a C-call boundary" (a Lua
-- function called by table.sort's comparator, string.gsub's replacement,
-- tostring's __tostring) and "attempt to yield from outside a coroutine"
-- are raised by lua_yield inside coroutine.yield, a C function: no position.
-- Uses the table and string libraries.
local function run(f) print(coroutine.resume(coroutine.create(f))) end
run(function() table.sort({ 1, 2, 3 }, function(a, b) coroutine.yield() end) end)
run(function() string.gsub("ab", "%a", function(c) coroutine.yield(c) end) end)
run(function() return tostring(setmetatable({}, { __tostring = function() coroutine.yield() end })) end)
print(pcall(function() coroutine.yield(1) end))
print(pcall(coroutine.yield))
print(select(2, pcall(coroutine.wrap(function() local x = coroutine.isyieldable() coroutine.yield(x) end))))
