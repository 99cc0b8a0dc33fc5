-- §3.3.5 an integer loop with a NaN limit clips it as lua does (runs for a negative step, not for a positive one; found by fuzzing)
local n = 0
for i = 1, 0/0, -1 do n = n + 1 if n > 2 then break end end print(n)
for i = 1, -(0/0), -1 do n = n + 1 if n > 5 then break end end print(n)
for i = 1, 0/0 do n = n + 1 end print(n)
for i = 1.0, 0/0, -1 do n = n + 1 end print(n)
for i = 1.0, 0/0 do n = n + 1 end print(n)
