-- §2.1 tables: any value but nil and NaN as key; 2 and 2.0 are the same key
local t = {}
t[1] = "one"; t[2.0] = "two"; t["1"] = "string one"
print(t[1], t[2], t[1.0], t["1"], #t)
t[true] = "yes"; t[print] = "fn"
print(t[true], t[print])
local ok, err = pcall(function() t[nil] = 1 end)
print(ok, err)
ok, err = pcall(function() t[0/0] = 1 end)
print(ok, err)
print(t[nil], t[0/0])
local n = 0
for k, v in pairs({10, 20, 30, x = 1}) do n = n + 1 end
print("pairs count", n)
