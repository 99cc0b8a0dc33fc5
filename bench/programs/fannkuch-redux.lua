-- fannkuch-redux.lua: for every permutation of 1..n, count the prefix
-- reversals ("pancake flips") until 1 comes first.
-- Measures: integer array reads and writes on small tables, integer loops
-- and branches; no allocation inside the loop.
-- needs: print, tostring, tonumber (base only)
-- size: n, the permutation length.  small=7  default=10
-- checksum: the alternating sum of flip counts and the maximum flip count.

local n = tonumber(arg and arg[1]) or 10

local perm, perm1, count = {}, {}, {}
for i = 1, n do perm1[i] = i; count[i] = 0 end

local checksum, maxflips = 0, 0
local sign = 1          -- +1 for even permutations, -1 for odd ones
local r = n

while true do
  -- Reset the counters of the positions the last step rotated.
  while r ~= 1 do count[r] = r; r = r - 1 end

  -- Count the flips of a copy of the current permutation.
  for i = 1, n do perm[i] = perm1[i] end
  local flips = 0
  local first = perm[1]
  while first ~= 1 do
    local lo, hi = 1, first
    while lo < hi do
      perm[lo], perm[hi] = perm[hi], perm[lo]
      lo = lo + 1; hi = hi - 1
    end
    flips = flips + 1
    first = perm[1]
  end
  if flips > maxflips then maxflips = flips end
  checksum = checksum + sign * flips
  sign = -sign

  -- Next permutation in the counting order: rotate the prefix 1..r+1 left.
  while true do
    if r == n then
      print(checksum)
      print("Pfannkuchen(" .. n .. ") = " .. maxflips)
      return
    end
    local p0 = perm1[1]
    for i = 1, r do perm1[i] = perm1[i + 1] end
    perm1[r + 1] = p0
    count[r + 1] = count[r + 1] - 1
    if count[r + 1] > 0 then break end
    r = r + 1
  end
end
