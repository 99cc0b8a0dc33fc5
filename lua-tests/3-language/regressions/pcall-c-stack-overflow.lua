-- §2.3, §6.1 (pcall, xpcall): protected calls nest like C calls, so endless
-- recursion through pcall/xpcall stops at the C-stack limit ("C stack
-- overflow"), and overflowing it again inside the message handler is
-- "error in error handling"; each of these must finish at once.

-- recursion through pcall: the innermost call fails with "C stack overflow"
local depth = 0
local function loop() depth = depth + 1; assert(pcall(loop)) end
local ok, msg = pcall(loop)
print("pcall loop", ok, string.find(msg, "C stack overflow", 1, true) ~= nil)
print("depth near the C limit", depth > 150 and depth < 250)

-- the handler recurses through pcall too (official calls.lua)
local function loop2() assert(pcall(loop2)) end
print("xpcall(loop, loop)", xpcall(loop2, loop2))

-- the handler is the function itself: every level returns what xpcall gave
depth = 0
local function x() depth = depth + 1; return xpcall(x, x) end
local r = table.pack(pcall(x))
print("pcall(x) results", r[1], r[r.n - 1], r[r.n], r.n > 150 and r.n < 250)

-- a normal pcall still works afterwards: the count of C levels went back down
print("after", pcall(function() return "fine" end))
depth = 0
local ok2 = pcall(loop)
print("again", ok2, depth > 150 and depth < 250)
