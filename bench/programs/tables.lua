-- tables.lua: filling, reading and emptying tables without the table
-- library: array appends through t[#t+1], hash inserts with integer and
-- string keys, traversal with ipairs and pairs.
-- Measures: SETTABLE/GETTABLE on the array and hash parts, the length
-- operator, table growth (rehash), next/pairs traversal.
-- needs: print, tostring, tonumber, type, ipairs, pairs (base only)
-- size: number of rounds.  small=20  default=6000
-- checksum: sums collected from the arrays and the hashes.

local rounds = tonumber(arg and arg[1]) or 6000

local sum_array, sum_hash, count_keys = 0, 0, 0
for r = 1, rounds do
  -- Array part: append, read back, pop half of it.
  local a = {}
  for i = 1, 1000 do a[#a + 1] = i * r % 1009 end
  for _, v in ipairs(a) do sum_array = sum_array + v end
  for _ = 1, 500 do a[#a] = nil end
  sum_array = (sum_array + #a) % 1000003

  -- Hash part: sparse integer keys and string keys.
  local h = {}
  for i = 1, 300 do
    h[i * 7919 % 100003] = i
    h["key" .. i % 150] = i
  end
  for k, v in pairs(h) do
    count_keys = count_keys + 1
    if type(k) == "number" then sum_hash = sum_hash + k % 1000 + v else sum_hash = sum_hash + v end
  end
  sum_hash = sum_hash % 1000003
end
print("array sum = " .. sum_array)
print("hash sum = " .. sum_hash)
print("keys = " .. count_keys)
