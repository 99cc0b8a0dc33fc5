-- §3.3.8 to-be-closed variables: a __close handler may yield (it runs as a frame)
local function closer(name)
  return setmetatable({}, {__close = function(_, err)
    print("close", name, err)
    local got = coroutine.yield("yield in " .. name)
    print("resumed", name, got)
  end})
end

-- leaving a block (CLOSE), two variables closed in reverse order
local co = coroutine.wrap(function()
  do
    local a <close> = closer("a")
    local b <close> = closer("b")
    print("block body")
  end
  return "block done"
end)
print(co()); print(co(1)); print(co(2))

-- returning open results (RETURN with k): the results survive the handlers
local function many() return 1, 2, 3, 4, 5 end
co = coroutine.wrap(function()
  local x <close> = closer("x")
  local y <close> = closer("y")
  return many()
end)
print(co()); print(co("p")); print(co("q"))

-- a handler written in Lua inside a loop with break
co = coroutine.wrap(function()
  for i = 1, 3 do
    local v <close> = closer("loop" .. i)
    if i == 2 then break end
  end
  return "loop done"
end)
local r = co()
while r ~= "loop done" do print(r) r = co() end
print(r)

-- an error in a handler on a normal exit reaches the other handlers and pcall
print(pcall(function()
  local first <close> = setmetatable({}, {__close = function(_, e) print("first sees", e) end})
  local second <close> = setmetatable({}, {__close = function() error("second failed", 0) end})
  return "unreached"
end))
