-- §2.4 __concat and __len
local C = {}
C.__concat = function(a, b)
  local function s(x) return type(x) == "table" and "[" .. x.name .. "]" or tostring(x) end
  return s(a) .. s(b)
end
C.__len = function(t) return 42 end
local o = setmetatable({ name = "o" }, C)
print(o .. "x", "x" .. o, 1 .. o, o .. o, "a" .. "b" .. o .. "c")
print(#o, #setmetatable({1, 2, 3}, {}), rawlen(o))
