-- §6.8 io.read("n"): liolib's numeral scanner on many inputs
local name = os.tmpname()
local inputs = {
  "42", "  -7 ", "0x1F", "0x1p4", "3.25e2", ".5", "5.", "1e", "abc", "--1", "0x", "  +12.5e-1x",
  "1e+400", "0x.8", "123456789012345678901234567890", "9223372036854775807", "9223372036854775808",
  string.rep("1", 201), "\n\t 8", "nan", "0xffffffffffffffff",
}
for _, s in ipairs(inputs) do
  local f = io.open(name, "w") f:write(s) f:close()
  f = io.open(name)
  local n = f:read("n")
  print(string.format("%q", s:sub(1, 12)), n, math.type(n), f:read("a"))
  f:close()
end
local f = io.open(name, "w") f:write("1 2 3\n4 x 5") f:close()
f = io.open(name)
print(f:read("n", "n", "n", "n", "n", "n"))
f:close()
os.remove(name)
