-- §6.1 regressions found with the official suite:
-- tostring of a built-in function starts with "function:" (was "builtin:"),
-- tonumber with a base accepts a leading '+', and the ipairs iterator's
-- control variable wraps around from maxinteger to mininteger.
print(tostring(print):sub(1, 10), tostring(print) == tostring(print))
print(tonumber("  +1Z  ", 36), tonumber("-ff", 16), tonumber("+", 10), tonumber("1 0", 2))
local f = ipairs({})
print(f({[math.mininteger] = 10}, math.maxinteger))
