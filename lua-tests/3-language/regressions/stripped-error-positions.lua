-- §2.3 errors in a chunk dumped without debug information: runtime errors say "?:-1:", error() adds no position (needs string)
local function strip(f) return assert(load(string.dump(f, true))) end
print(pcall(strip(function (a) return a + 1 end), {}))
print(pcall(strip(function () local a; a = {}; return a + 2 end)))
print(pcall(strip(function () error("x") end)))
print(pcall(strip(function () local t = {} t.x.y = 1 end)))
print(pcall(strip(function () return nil .. "a" end)))
print(debug.getinfo(strip(function () end), "S").short_src)
