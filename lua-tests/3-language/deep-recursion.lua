-- §3.4.10 deep non-tail recursion and stack overflow
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print(depth(10000))
local function inf(n) return 1 + inf(n + 1) end
local ok, e = pcall(inf, 1)
print(ok, e)
print(depth(100))
