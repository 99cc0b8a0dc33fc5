-- §3.4.9 table constructors: sizes, SETLIST flushes, open last item
local f = ...
local t1 = {}
local t2 = {1, 2, 3, x = 1, y = 2, [10] = 3, ["k"] = 4, [f] = 5}
local t3 = {f()}
local t4 = {1, 2, f()}
local t5 = {f(), (f())}
local t6 = {...}
local t7 = {
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
  21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
  41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, a = 1, b = 2,
}
t1[1], t1.x, t1[f] = 1, 2, 3
return t1, t2, t3, t4, t5, t6, t7
