-- string-build.lua: building text the idiomatic way, pieces collected in a
-- table and joined with table.concat, then read back with the string
-- library.
-- Measures: table appends, table.concat, string.format, string.rep,
-- string.sub and string.byte; many mid-sized strings.
-- needs: print, tostring, tonumber, table.concat, string.format, string.rep,
--        string.sub, string.byte (stdlib: table and string libraries)
-- size: number of records formatted.  small=2000  default=400000
-- checksum: length of the joined text and a byte sum over sampled slices.

local records = tonumber(arg and arg[1]) or 400000
local concat, format, rep, sub, byte = table.concat, string.format, string.rep, string.sub, string.byte

local total, sum = 0, 0
local chunk = {}
for i = 1, records do
  local parts = {}
  for j = 1, 6 do
    parts[#parts + 1] = format("%d:%x", i * j, (i + j) % 4096)
  end
  parts[#parts + 1] = rep("ab", i % 5)
  local line = concat(parts, ",")
  chunk[#chunk + 1] = line
  if #chunk == 100 then
    local text = concat(chunk, "\n")
    total = total + #text
    -- Sample a slice and sum its bytes.
    local start = i % 50 + 1
    local slice = sub(text, start, start + 15)
    for k = 1, #slice do sum = sum + byte(slice, k) end
    chunk = {}
  end
end
local text = concat(chunk, "\n")
total = total + #text
print("text length = " .. total)
print("byte sum = " .. sum)
