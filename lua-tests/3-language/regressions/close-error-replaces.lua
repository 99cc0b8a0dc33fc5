-- §3.3.8 an error raised by __close replaces the error being propagated,
-- and each later handler sees the newest one. Regression: the replacement
-- was dropped while unwinding, so pcall returned the original error.
local function closer(name, fail) return setmetatable({}, {__close = function(_, e) print("close", name, e) if fail then error(fail, 0) end end}) end
print(pcall(function()
  local a <close> = closer("a")
  local b <close> = closer("b", "from b")
  local c <close> = closer("c", "from c")
  error("original", 0)
end))
local co = coroutine.wrap(function()
  local x <close> = closer("x", "x failed")
  coroutine.yield(1)
  error("in co", 0)
end)
print(co(), pcall(co))
print(pcall(function() local y <close> = closer("y", "y failed") return "normal" end))
