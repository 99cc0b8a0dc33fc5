-- §3.1 numeric constants: the scanner takes the longest run of digits,
-- letters, dots and exponent signs (llex.c read_numeral), then rejects the
-- whole run as a "malformed number" unless it converts. Regression: a
-- numeral starting with a dot, like `.0x1p`, was cut after `.0x`; Lua reads
-- the digits after the dot as the numeral's start, so `0x` makes it
-- hexadecimal and `p` an exponent mark.

local function check(numeral)
  local f, msg = load("return " .. numeral, "=t")
  if f then print(numeral, "value", f()) else print(numeral, msg) end
end

-- leading dot
for _, s in ipairs { ".0x1p", ".0x1p+1", ".0x1P-", ".0xe-1", ".0x.p1", ".0x", ".0X1",
                     ".0e", ".0e+1x", ".5.", ".5e", ".5e-2", ".05", ".0xff" } do
  check(s)
end
-- hexadecimal
for _, s in ipairs { "0x1p", "0x.p1", "0x", "0x.", "0xp1", "0x1p+", "0x1pfoo", "0x1e+2",
                     "0xep1", "0x1.8p1x", "0x..1", "0xx", "0x1.2.3", "0xnan", "0x1pi", "0X1P+5" } do
  check(s)
end
-- decimal
for _, s in ipairs { "3..2", "1e", "1e+", "1e-", "1.2.3", "3e5e", "1ee2", "1_", "1.e", "1..",
                     "1E1.5", "9a", "3.e+-1", "1e++1", "1.5f", "0b101", "1_000", "5.x",
                     "1inf", "1nan", "08", "1e+5" } do
  check(s)
end
-- in context: the numeral ends the statement early or touches an operator
check("1 + 2..3")
check("{.0x1p}")
check("-.0x1p1")
