-- spectral-norm.lua: the spectral norm of an infinite matrix, by power
-- iteration on A^T A, where A[i][j] = 1 / ((i+j)(i+j+1)/2 + i + 1).
-- Measures: float arithmetic in tight nested loops, array reads and writes
-- through numeric indices, calls of a small function in the inner loop.
-- needs: print, tostring, tonumber, math.sqrt
-- size: matrix order n.  small=60  default=700
-- checksum: the norm, printed with tostring (%.14g).

local n = tonumber(arg and arg[1]) or 700

local function a(i, j)
  local ij = i + j - 2          -- i and j are 1-based
  return 1.0 / (ij * (ij + 1) // 2 + i)
end

-- out = A * v
local function times(out, v)
  for i = 1, n do
    local sum = 0.0
    for j = 1, n do sum = sum + a(i, j) * v[j] end
    out[i] = sum
  end
end

-- out = A^T * v
local function times_transposed(out, v)
  for i = 1, n do
    local sum = 0.0
    for j = 1, n do sum = sum + a(j, i) * v[j] end
    out[i] = sum
  end
end

-- out = A^T * A * v, using tmp as scratch
local function times_ata(out, v, tmp)
  times(tmp, v)
  times_transposed(out, tmp)
end

local u, v, tmp = {}, {}, {}
for i = 1, n do u[i] = 1.0; v[i] = 0.0; tmp[i] = 0.0 end

for _ = 1, 10 do
  times_ata(v, u, tmp)
  times_ata(u, v, tmp)
end

local vbv, vv = 0.0, 0.0
for i = 1, n do
  vbv = vbv + u[i] * v[i]
  vv = vv + v[i] * v[i]
end
print("spectral norm(" .. n .. ") = " .. tostring(math.sqrt(vbv / vv)))
