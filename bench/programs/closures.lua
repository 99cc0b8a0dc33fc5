-- closures.lua: creating and calling many closures over shared and
-- private upvalues.
-- Measures: CLOSURE (allocation of closures and upvalue cells), closing
-- upvalues when a loop iteration ends, GETUPVAL/SETUPVAL, calls through
-- values held in tables.
-- needs: print, tostring, tonumber (base only)
-- size: number of rounds.  small=5000  default=800000
-- checksum: the accumulated results of the counters and adders.

local rounds = tonumber(arg and arg[1]) or 800000

-- A counter owns one private upvalue that each call updates.
local function make_counter(start)
  local count = start
  return function(step)
    count = count + step
    return count
  end
end

-- An adder captures a loop variable: each iteration has a fresh one, so
-- every closure made in the loop gets its own closed upvalue.
local function make_adders(k)
  local adders = {}
  for i = 1, k do
    adders[i] = function(x) return x + i end
  end
  return adders
end

-- Compose two functions into a new closure capturing both.
local function compose(f, g)
  return function(x) return f(g(x)) end
end

local total = 0
for r = 1, rounds do
  local counter = make_counter(r % 7)
  for step = 1, 3 do total = total + counter(step) end

  local adders = make_adders(4)
  local f = compose(adders[1], compose(adders[2], adders[4]))
  total = total + f(r % 13)

  -- A closure that shares an upvalue with its sibling.
  local shared = 0
  local inc = function() shared = shared + 1 end
  local get = function() return shared end
  inc(); inc()
  total = total + get()
end
print("closures total = " .. total)
