-- §3.3.4 control structures
for _, v in ipairs({-1, 0, 1, 5}) do
  if v < 0 then print(v, "neg") elseif v == 0 then print(v, "zero") elseif v < 3 then print(v, "small") else print(v, "big") end
end
local i = 0
while i < 3 do i = i + 1 end
print("while", i)
local n = 0
repeat local k = n; n = n + 1 until k >= 2
print("repeat", n)
while true do if n > 5 then break end n = n + 1 end
print("break", n)
