-- §3.4.11 Function definitions (vararg functions) and §6.1 select: how
-- `...` adjusts in calls, table constructors, multiple assignment and returns.
local function count(...) return select("#", ...) end
print("count", count(), count(nil), count(nil, nil), count(1, nil, 3, nil))
local function pass(...) return ... end
print("pass", pass(1, 2, 3))
print("truncated in the middle", pass(1, 2), pass(3, 4))
print("parenthesised", (pass(5, 6, 7)))
print("select 2", select(2, "a", "b", "c"))
print("select -1", select(-1, "a", "b", "c"))
print("select -3", select(-3, "a", "b", "c"))
print("select # beyond", select(4, "a", "b", "c"))
print("bad index", pcall(select, 0, "a"))
print("bad negative", pcall(select, -4, "a", "b", "c"))
local function tbl(...) local t = { ... } return #t, t[1], t[#t] end
print("constructor", tbl(10, 20, 30))
local function fixed(a, b, ...) return a, b, count(...) end
print("fixed params", fixed(1))
print("fixed params", fixed(1, 2, 3, 4))
local a, b, c = pass(1)
print("assignment fill", a, b, c)
local p, q = pass(1, 2, 3)
print("assignment drop", p, q)
print("vararg in main chunk", count(...))
