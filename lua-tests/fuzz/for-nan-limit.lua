-- §3.3.5 an integer loop with a NaN limit: lua clips the limit and runs (found by differential fuzzing)
local n = 0
for i = 0, 0/0, -1 do n = n + 1 if n >= 3 then break end end
print(n)
for i = 0, 0/0, 1 do n = n + 1 end
print(n)
