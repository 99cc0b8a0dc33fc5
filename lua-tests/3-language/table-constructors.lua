-- §3.4.9 table constructors
local function three() return 1, 2, 3 end
local t = { three() }
print(#t, t[3])
t = { three(), three() }
print(#t, t[1], t[2], t[4])
t = { (three()) }
print(#t)
t = { [1] = "a", "b", x = 1, ["y"] = 2, [3 + 1] = 4; 5 }
print(t[1], t[2], t.x, t.y, t[4])
local function many(n, ...) if n == 0 then return ... end return many(n - 1, n, ...) end
local u = { many(60) }
print(#u, u[60])
local v = { 1, 2, 3, nil }
print(#v)
local w = { f = function(self) return self.g end, g = "gee" }
print(w:f())
