-- §3.3.8 to-be-closed variables: coroutine.yield itself as the __close handler, and
-- handlers that yield while an error unwinds into pcall (uses table)
local function closer(f) return setmetatable({}, {__close = f}) end

-- the returned values survive a native handler that yields
local co = coroutine.wrap(function()
  local x <close> = closer(coroutine.yield)
  local y, z = 20, 30
  return x, y, z
end)
local closed = co()
local a, b, c = co()
print("same value returned:", a == closed, b, c)

-- a hundred open results, two handlers, one of them yielding twice
co = coroutine.wrap(function()
  local x <close> = closer(coroutine.yield)
  local extra <close> = closer(function() coroutine.yield("extra 1"); coroutine.yield("extra 2") end)
  return table.unpack({}, 1, 100)
end)
print(co()); print(co()); print(select("#", co())); print(select("#", co()))

-- leaving a block through CLOSE with a native yielding handler
co = coroutine.wrap(function()
  do local v <close> = closer(coroutine.yield) end
  return "after block"
end)
print(type(co())); print(co())

-- an error unwinding into pcall: each handler may yield, sees the current error,
-- and a handler's error replaces it for the next handlers and for pcall
co = coroutine.wrap(function()
  local function body(fail)
    local z <close> = closer(function(_, e) coroutine.yield("z sees " .. tostring(e)) end)
    local y <close> = closer(function(_, e)
      coroutine.yield("y sees " .. tostring(e))
      if fail then error(e + 20, 0) end
    end)
    local x <close> = closer(function(_, e) coroutine.yield("x sees " .. tostring(e)) end)
    error(fail and 1 or 10, 0)
  end
  coroutine.yield(pcall(body, false))
  return pcall(body, true)
end)
for _ = 1, 8 do print(co()) end
