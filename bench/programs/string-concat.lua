-- string-concat.lua: building strings with the `..` operator only, the way
-- code written without table.concat does.
-- Measures: CONCAT of strings and numbers (number-to-string conversion),
-- creation of many intermediate strings, the # length operator, string
-- hashing as table keys; repeated `s = s .. x` makes this quadratic in the string length,
-- so lines are built short and then joined in small groups.
-- needs: print, tostring, tonumber (base only; no string or table library)
-- size: number of lines built.  small=2000  default=500000
-- checksum: total length of all lines and the number of distinct keys.

local lines = tonumber(arg and arg[1]) or 500000

local total_length = 0
local seen, distinct = {}, 0
local group = ""
for i = 1, lines do
  local line = "item " .. i .. ": "
  for j = 1, 5 do
    line = line .. (i * j) % 97 .. ","
  end
  line = line .. (i % 3 == 0 and "fizz" or "") .. (i % 5 == 0 and "buzz" or "")
  total_length = total_length + #line
  -- Built keys repeat; equal strings must find the same table slot.
  local key = "k" .. (i % 97) .. ":" .. (i % 89) * (i % 89) % 89
  if not seen[key] then seen[key] = true; distinct = distinct + 1 end
  group = group .. line .. "\n"
  if i % 50 == 0 then
    total_length = total_length + #group
    group = ""
  end
end
total_length = total_length + #group
print("total length = " .. total_length)
print("distinct keys = " .. distinct)
