-- §6.7 math.abs, floor, ceil and modf keep only an integer value as an integer: a numeral string takes the float path (lua_isinteger is false for strings); uses math, string, table
local vals = {"3.7", "-2", "0x10", "-3.5", "1e308", "1e400", "-1e400", "nan", "inf",
  "0x7fffffffffffffff", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
  "  5  ", "5.0", "-0", "-0.0", "abc", "", "0x1p4", 7, -7.5, math.mininteger, math.maxinteger}
for _, f in ipairs{"abs", "floor", "ceil", "modf", "tointeger"} do
  for _, v in ipairs(vals) do
    local r = table.pack(pcall(math[f], v))
    for i = 1, r.n do r[i] = (math.type(r[i]) or type(r[i])) .. ":" .. string.format("%q", r[i]) end
    print(f, string.format("%q", v), table.concat(r, " "))
  end
end
print(pcall(math.abs))
print(pcall(math.floor, {}))
-- the functions LUA_COMPAT_5_3 adds are there
print(type(math.atan2), type(math.pow), type(math.ldexp), type(math.log10))
