-- §3 compile-time limits, through load
local many = "local a0"
for i = 1, 200 do many = many .. ", a" .. i end
print(load(many))
local ups, body = "", "0"
for i = 1, 256 do ups = ups .. "local u" .. i .. " = " .. i .. "\n"; body = body .. " + u" .. i end
print(load(ups .. "return function() return " .. body .. " end"))

