-- §3.3 and §3.4: blocks, expressions, table constructors and functions nest
-- to any depth the implementation allows (PUC-Rio: about 200 C levels, then
-- "C stack overflow"). Each construct nested deep (150 levels, fewer where a
-- level costs more than one C level or where registers run out first) loads
-- and runs; nested 300 deep it fails. lucid parses both in-process
-- (src/parser/nested.ts).

local function nest(open, middle, close, n)
  local a, b = "", ""
  for _ = 1, n do a = a .. open; b = b .. close end
  return a .. middle .. b
end

local cases = {
  {"parentheses", "return ", "(", "7", ")"},
  {"tables", "return ", "{", "7", "}"},
  {"keyed fields", "return ", "{[1]=", "7", "}"},
  {"calls", "local function f(x) return x end return ", "f(", "7", ")"},
  {"methods", "local o = {m = function(_, x) return x end} return ", "o:m(", "7", ")", 100},
  {"indexing", "local t = setmetatable({}, {__index = function() return 7 end}) return ", "t[", "1", "]"},
  {"unary minus", "return ", "- ", "7", ""},
  {"not", "return ", "not ", "nil", ""},
  {"concatenation", "return ", "'a'..", "'b'", ""},
  {"powers", "return ", "1^", "2", ""},
  {"blocks", "local r ", "do ", "r = 7", " end"},
  {"while", "local r, go = 0, true ", "while go do ", "r = 7; go = false", " end"},
  {"if", "local r ", "if true then ", "r = 7", " end"},
  {"functions", "return ", "(function () return ", "7", " end)()", 60},
}

for _, c in ipairs(cases) do
  local name, prefix, open, middle, close, n = c[1], c[2], c[3], c[4], c[5], c[6] or 150
  local tail = prefix:match("^local r") and " return r" or ""
  local f, msg = load(prefix .. nest(open, middle, close, n) .. tail)
  local ok, v = false, msg
  if f then ok, v = pcall(f) end
  if type(v) == "table" then  -- the innermost value of nested tables
    for _ = 1, n do v = v[1] end
  end
  if type(v) == "string" then v = #v end
  -- (method calls run out of registers at 127, long before the C limit:
  -- 180 of them fail that way)
  local _, deep = load(prefix .. nest(open, middle, close, name == "methods" and 180 or 300) .. tail)
  print(name, n, ok, v, deep and deep:match("C stack overflow"))
end
