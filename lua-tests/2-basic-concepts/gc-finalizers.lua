-- §2.5.3 garbage-collection metamethods: order, resurrection, registration, errors
local log = {}
local function note(s) log[#log + 1] = s end

-- objects found dead together are finalized newest first
local hold = {}
for i = 1, 4 do hold[i] = setmetatable({}, {__gc = function() note("obj" .. i) end}) end
hold = nil
collectgarbage()
print("order", table.concat(log, " ")); log = {}

-- the finalizer receives the object; it can store it (resurrection)
local saved
setmetatable({name = "phoenix"}, {__gc = function(o) saved = o end})
collectgarbage()
print("resurrected", saved.name)
saved = nil
collectgarbage()
print("collected after resurrection", saved)

-- __gc must be present when the metatable is set
local mt = {}
setmetatable({}, mt)
mt.__gc = function() note("late") end
collectgarbage()
print("field added later", #log)

-- a field with a value that is set later still counts if present at setmetatable time
local mt2 = {__gc = true}
setmetatable({}, mt2)
mt2.__gc = function() note("replaced") end
collectgarbage()
print("replaced finalizer", table.concat(log, " ")); log = {}

-- re-registering inside the finalizer runs it again at the next collection
local n = 0
local again = {}
again.__gc = function(o) n = n + 1 if n < 3 then setmetatable(o, again) end end
setmetatable({}, again)
for _ = 1, 5 do collectgarbage() end
print("re-registered", n)

-- an error in a finalizer is a warning, not an error; the program goes on
setmetatable({}, {__gc = function() error("in finalizer") end})
print("collect with an erroring finalizer", pcall(collectgarbage))

-- collectgarbage inside a finalizer returns nothing useful (fail)
local inner
setmetatable({}, {__gc = function() inner = collectgarbage("count") end})
collectgarbage()
print("collectgarbage inside __gc", inner)

-- objects reachable from a finalized object are still usable in the finalizer
local seen
do
  local payload = {value = 7}
  setmetatable({payload = payload}, {__gc = function(o) seen = o.payload.value end})
end
collectgarbage()
print("payload in finalizer", seen)

-- weak values are cleared before finalizers run; weak keys of resurrected objects stay
local wv = setmetatable({}, {__mode = "v"})
local wk = setmetatable({}, {__mode = "k"})
local check
do
  local o = setmetatable({}, {__gc = function(o) check = {wv[1] == nil, wk[o] ~= nil} end})
  wv[1] = o
  wk[o] = true
end
collectgarbage()
print("weak entries seen by the finalizer", check[1], check[2])
