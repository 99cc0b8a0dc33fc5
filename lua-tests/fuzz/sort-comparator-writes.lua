-- §6.6 table.sort with a comparator that writes into the table: as in lua, each value is read once and a swap writes back the values the comparator was given (found by differential fuzzing: seed 2026, program 26898)
local function dump(t, n)
  local s = {}
  for i = 1, n do s[i] = tostring(t[i]) end
  print(table.concat(s, " "))
end

-- the comparator clears the slots holding the values it was handed
local t = {5, 3, 8, 1, 9, 2, 7}
print(pcall(table.sort, t, function(a, b)
  for i = 1, 7 do if t[i] == a then t[i] = 0 end end
  return a < b
end))
dump(t, 7)

-- every few comparisons, one slot gets a new value
for _, step in ipairs({2, 3, 5}) do
  for _, n in ipairs({5, 8, 12, 20}) do
    local u = {}
    for i = 1, n do u[i] = (i * 7) % (n + 1) end
    local calls = 0
    local ok, err = pcall(table.sort, u, function(a, b)
      calls = calls + 1
      if calls % step == 0 then u[(calls * 3) % n + 1] = -calls end
      return a < b
    end)
    io.write(step, " ", n, " ", tostring(ok), " ", tostring(err), ": ")
    dump(u, n)
  end
end

-- the comparator swaps two elements behind the sort's back
local u = {}
for i = 1, 16 do u[i] = (i * 5) % 17 end
local k = 0
print(pcall(table.sort, u, function(a, b)
  k = k + 1
  if k % 4 == 0 then u[3], u[14] = u[14], u[3] end
  return a < b
end))
dump(u, 16)
