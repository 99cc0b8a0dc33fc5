-- §3.3.4 control structures: if, while, repeat, goto, break
local n, s = 0, 0
while n < 10 do
  n = n + 1
  if n % 2 == 0 then goto continue end
  s = s + n
  ::continue::
end
repeat
  local k = n
  n = n - 1
  local function f() return k end
until k < 3 or f() == 0
if n == 1 then s = 1 elseif n ~= 2 then s = 2 else s = 3 end
for j = 1, 3 do if j == s then break end end
do
  local z <close> = nil
  goto out
end
::out::
return s
