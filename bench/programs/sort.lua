-- sort.lua: table.insert and table.sort on arrays of integers, floats and
-- strings, with the default order and with a Lua comparison function.
-- Measures: table.insert (append and insert in front), the sort library
-- function calling back into Lua for each comparison, LT on mixed values.
-- needs: print, tostring, tonumber, table.insert, table.sort (stdlib: table
--        library)
-- size: number of elements per array.  small=2000  default=100000
-- checksum: a position-weighted sum of each sorted array.

local n = tonumber(arg and arg[1]) or 100000
local insert, sort = table.insert, table.sort

-- Two small multiplicative generators (from Wichmann and Hill) combined:
-- every intermediate stays below 2^31, so the sequence is the same on every
-- engine, fengari's 32-bit integers included.
local seed_a, seed_b = 42, 4242
local function random(m)
  seed_a = seed_a * 171 % 30269
  seed_b = seed_b * 172 % 30307
  return (seed_a * 30307 + seed_b) % m
end

-- Weighted by position, reduced so that no product leaves 32 bits.
local function weighted(t, f)
  local s = 0
  for i = 1, #t do s = (s + (i % 9973) * (f(t[i]) % 9973)) % 1000003 end
  return s
end

local ints, floats, words = {}, {}, {}
for _ = 1, n do
  insert(ints, random(1000000))
  insert(floats, random(1000000) / 7)
  insert(words, "w" .. random(100000))
end
-- A few inserts at the front, which shift the whole array.
for i = 1, 200 do insert(ints, 1, random(1000000) + i) end

sort(ints)
sort(floats, function(a, b) return a > b end)
sort(words)

local function id(x) return x end
local function int_part(x) return x // 1 end
local function word_value(s) return #s end

print("ints = " .. weighted(ints, id))
print("floats = " .. weighted(floats, int_part))
print("words = " .. weighted(words, word_value) .. " first " .. words[1] .. " last " .. words[#words])
