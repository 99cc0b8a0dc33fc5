-- §6.10 debug.upvalueid: the identities are light userdata, never collected; collections
-- in both modes and the switches between them keep them (and the object list) intact
local x, y = 1, 2
local function f() return x, y end
local function g() return x end
local ids = {}
for i = 1, 100 do ids[i] = debug.upvalueid(f, i % 2 + 1) end
collectgarbage("generational"); collectgarbage(); collectgarbage("step", 0)
collectgarbage("incremental"); collectgarbage()
collectgarbage("generational")
for i = 1, 3 do collectgarbage(); collectgarbage("step", 0) end
print(debug.upvalueid(f, 1) == debug.upvalueid(g, 1), debug.upvalueid(f, 2) ~= debug.upvalueid(g, 1))
print(ids[2] == debug.upvalueid(f, 1), ids[1] == debug.upvalueid(f, 2), type(ids[1]))
local t = setmetatable({}, {__mode = "k"})
t[debug.upvalueid(f, 1)] = true
collectgarbage()
print(next(t) == debug.upvalueid(f, 1))
