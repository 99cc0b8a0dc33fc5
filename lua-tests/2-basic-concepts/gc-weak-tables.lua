-- §2.5.4 weak tables: weak keys, weak values, both, ephemerons; strings and numbers are never removed
local function count(t) local n = 0 for _ in pairs(t) do n = n + 1 end return n end
local keep = {}

local wk = setmetatable({}, {__mode = "k"})
wk[keep] = "kept key"; wk[{}] = "dead key"; wk["str"] = {}; wk[1] = {}
collectgarbage()
print("weak keys", count(wk), wk[keep], type(wk.str), type(wk[1]))

local wv = setmetatable({}, {__mode = "v"})
wv[1] = keep; wv[2] = {}; wv[3] = "string value"; wv[4] = 42; wv.f = function() end; wv.g = print
collectgarbage()
print("weak values", wv[1] == keep, wv[2], wv[3], wv[4], wv.f, wv.g == print)

local wkv = setmetatable({}, {__mode = "kv"})
wkv[keep] = {}; wkv[{}] = keep; wkv.x = keep; wkv.y = {}
collectgarbage()
print("weak both", count(wkv), wkv.x == keep, wkv.y)

-- an ephemeron: a value that refers to its own key does not keep the key alive
local e = setmetatable({}, {__mode = "k"})
do
  local k1 = {}
  e[k1] = {self = k1}
  local k2 = {}
  e[k2] = {other = keep}
end
e[keep] = {self = keep}
collectgarbage()
print("ephemerons", count(e), e[keep].self == keep)

-- a chain of ephemerons: each value holds the next key
local chain = setmetatable({}, {__mode = "k"})
local first = {}
do
  local k = first
  for i = 1, 10 do local nk = {} ; chain[k] = nk ; k = nk end
end
collectgarbage()
print("chain kept from its first key", count(chain))
first = nil
collectgarbage()
print("chain after its first key died", count(chain))

-- a closure kept only by a weak table is collected; a coroutine too
local wf = setmetatable({}, {__mode = "v"})
wf[1] = function() return keep end
wf[2] = coroutine.create(function() end)
collectgarbage()
print("functions and threads", wf[1], wf[2])
