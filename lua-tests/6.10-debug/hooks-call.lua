-- §6.10 debug.sethook: "call", "return" and "tail call" events, names seen from the hook, hooks per thread
local trace = {}
local function hook(event)
  local info = debug.getinfo(2, "nS")
  trace[#trace + 1] = event .. ":" .. tostring(info.name) .. ":" .. info.what
end

local function leaf(x) return x + 1 end
local function tailer(x) return leaf(x) end
local function outer(x) local y = tailer(x); return y end

debug.sethook(hook, "cr")
outer(1)
debug.sethook()
for _, t in ipairs(trace) do print(t) end

-- gethook returns the function, the mask and the count
local function h() end
debug.sethook(h, "crl", 0)
local f, m, c = debug.gethook()
debug.sethook()
print(f == h, m, c)
debug.sethook(h, "l", 5)
f, m, c = debug.gethook()
debug.sethook()
print(f == h, m, c)
print(debug.gethook())

-- hooks do not run inside hooks
local n = 0
debug.sethook(function () n = n + 1; local z = tostring(n) end, "c")
local s = tostring(1)
debug.sethook()
print("calls hooked:", n)

-- hooks are per thread: a coroutine's hook, set from outside
local co = coroutine.create(function ()
  coroutine.yield(10)
  return 20
end)
local events = {}
debug.sethook(co, function (e) events[#events + 1] = e end, "clr")
repeat until not coroutine.resume(co)
print(table.concat(events, " "))
print(debug.gethook())

-- an error in a hook propagates to the code being hooked
local ok, msg = pcall(function ()
  debug.sethook(function (e, l) debug.sethook(); error("hook failed at " .. l, 0) end, "l")
  local a = 1
  return a
end)
debug.sethook()
print(ok, (string.gsub(msg, "%d+", "N")))

-- the hook's own level is named "hook"
debug.sethook(function ()
  local i = debug.getinfo(1, "n")
  print("hook level:", i.namewhat, i.name)
  debug.sethook()
end, "l")
local _ = 1

-- transfer information in call and return hooks ('r')
local transfers = {}
local function three(a, b, c) return a, b end
debug.sethook(function (e)
  local i = debug.getinfo(2, "rf")
  if i.func == three then
    local vals = {}
    for k = i.ftransfer, i.ftransfer + i.ntransfer - 1 do
      vals[#vals + 1] = tostring(select(2, debug.getlocal(2, k)))
    end
    transfers[#transfers + 1] = e .. " " .. i.ntransfer .. " " .. table.concat(vals, ",")
  end
end, "cr")
three(7, 8, 9)
debug.sethook()
for _, t in ipairs(transfers) do print(t) end

-- generator natives (pcall) and natives called by them get call and return events too
local ev = {}
debug.sethook(function (e) local i = debug.getinfo(2, "nS"); ev[#ev + 1] = e .. ":" .. tostring(i.name) .. ":" .. i.what end, "cr")
local ok = pcall(function () local x = 1 end)
local ok2 = pcall(error, "x")
debug.sethook()
print(table.concat(ev, " "))

-- a __close handler's return is named as the metamethod
local names = {}
local function foo()
  local y <close> = setmetatable({}, {__close = function () debug.sethook(function (e)
    names[#names + 1] = e .. " " .. tostring(debug.getinfo(2, "n").name)
  end, "r") end})
  return 1
end
foo()
debug.sethook()
print(table.concat(names, ", "))
