-- §4.6/§6.1 xpcall: a stack overflow inside a coroutine leaves room for the message
-- handler, and a second overflow in the handler is "error in error handling" (uses string)
local function deep(n) return deep(n + 1) + 1 end

local co = coroutine.wrap(function()
  local ok, msg = xpcall(deep, function(m) return "handled: " .. tostring(m):match("stack overflow") end, 1)
  print(ok, msg)
  local function handler(m) return deep(1) end
  ok, msg = xpcall(deep, handler, 1)
  print(ok, msg)
  -- the thread's stack recovers: a deep but finite recursion still works
  local function count(n) if n == 0 then return 0 end return 1 + count(n - 1) end
  print(count(10000))
  return "done"
end)
print(co())
-- and once more, the limit is back to normal
print(pcall(deep, 1) == false)
