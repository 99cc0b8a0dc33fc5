-- §6.1 collectgarbage: options and their results; §2.5.1 parameters
collectgarbage("incremental")   -- lua.c starts in generational mode; these checks are for incremental
print(math.type(collectgarbage("count")), collectgarbage("count") > 0)
print(collectgarbage(), collectgarbage("collect"))
print(collectgarbage("isrunning"))
print(collectgarbage("stop"), collectgarbage("isrunning"))
print(collectgarbage("restart"), collectgarbage("isrunning"))
print(type(collectgarbage("step")), collectgarbage("step", 0) ~= nil)
local ended = false
for _ = 1, 10000 do if collectgarbage("step", 1) then ended = true break end end
print("a step ends a cycle", ended)
print(collectgarbage("setpause", 150), collectgarbage("setpause", 200))
print(collectgarbage("setstepmul", 300), collectgarbage("setstepmul", 100))
print(collectgarbage("setpause", 1001), collectgarbage("setpause", 200))
print(pcall(collectgarbage, "bogus"))
print(pcall(collectgarbage, "step", "x"))
-- memory grows with a big string and falls once it is garbage
collectgarbage(); collectgarbage()
local before = collectgarbage("count")
local big = string.rep("x", 1 << 20)
print("big string counted", collectgarbage("count") - before > 1000)
big = nil
collectgarbage()
print("and released", collectgarbage("count") - before < 100)
-- lots of garbage in a loop does not make memory grow without bound
local peak = 0
for i = 1, 20000 do
  local t = {i, tostring(i), {i}}
  if i % 1000 == 0 then peak = math.max(peak, collectgarbage("count")) end
end
print("bounded", peak < before + 4096)
