-- §2.6 a coroutine that dies of an error keeps its frames (traceback) and its pending to-be-closed variables until coroutine.close, which closes them with that error and returns it; a wrap function closes at once (needs debug)
local function f (i)
  if i == 0 then error(i)
  else coroutine.yield(); f(i - 1)
  end
end
local co = coroutine.create(function (x) f(x) end)
print(coroutine.resume(co, 2))
print(coroutine.resume(co))
print(coroutine.resume(co))
print(debug.traceback(co))
print(coroutine.close(co), coroutine.close(co))

local function closer(name, fail)
  return setmetatable({}, {__close = function (_, e)
    print("closing", name, e)
    if fail then error(fail, 0) end
  end})
end
co = coroutine.create(function ()
  local a <close> = closer("a")
  local b <close> = closer("b", "replaced")
  error("first", 0)
end)
print(coroutine.resume(co))
print(coroutine.status(co))
print(coroutine.close(co))
print(coroutine.close(co))
print(coroutine.resume(co))

local w = coroutine.wrap(function ()
  local c <close> = closer("c")
  error("in wrap")
end)
print(pcall(w))
print(pcall(function () w() end))

-- a handler that runs while an error unwinds to a pcall is called by the pcall
co = coroutine.create(function ()
  return pcall(function ()
    local x <close> = setmetatable({}, {__close = function ()
      print("caller is", debug.getinfo(2, "S").what)
    end})
    error(43)
  end)
end)
print(coroutine.resume(co))

-- (closing a coroutine suspended inside xpcall must not use xpcall's handler: 5.4.4, the oracle
-- here, has that bug; coroutine.lua of 5.4.8 checks it)
