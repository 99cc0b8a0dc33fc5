-- §3.4.6 and §3.4.7 concatenation and the length operator
local a, b, c = ...
local s = a .. b .. c .. "x" .. 1 .. 2.5
local n = #a + #"abc"
local t = (a .. b) .. (c .. a)
return s, n, t
