-- mandelbrot.lua: escape-time test of every pixel of an n-by-n view of
-- the Mandelbrot set, summarised as a checksum instead of an image.
-- Measures: float arithmetic and comparisons in a tight inner loop, integer
-- bit operations for the pixel bytes; no tables, no calls.
-- needs: print, tostring, tonumber (base only)
-- size: image width and height in pixels.  small=100  default=1000
-- checksum: pixels inside the set, and a rolling sum over the packed rows
-- (8 pixels a byte, as the classic PBM output would hold them).

local n = tonumber(arg and arg[1]) or 1000
local iterations = 50
local limit2 = 4.0

local inside, sum = 0, 0
for y = 0, n - 1 do
  local ci = 2.0 * y / n - 1.0
  local bits, nbits = 0, 0
  for x = 0, n - 1 do
    local cr = 2.0 * x / n - 1.5
    local zr, zi, zr2, zi2 = 0.0, 0.0, 0.0, 0.0
    local escaped = false
    for _ = 1, iterations do
      zi = 2.0 * zr * zi + ci
      zr = zr2 - zi2 + cr
      zr2, zi2 = zr * zr, zi * zi
      if zr2 + zi2 > limit2 then escaped = true; break end
    end
    bits = bits << 1
    if not escaped then bits = bits | 1; inside = inside + 1 end
    nbits = nbits + 1
    if nbits == 8 then
      sum = (sum * 31 + bits) % 1000003
      bits, nbits = 0, 0
    end
  end
  if nbits > 0 then
    bits = bits << (8 - nbits)
    sum = (sum * 31 + bits) % 1000003
  end
end
print("mandelbrot(" .. n .. ") inside = " .. inside)
print("checksum = " .. sum)
