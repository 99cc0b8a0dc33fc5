-- §6.1 the C-stack limit of the parser counts the C calls already active (found by differential fuzzing)
for _, n in ipairs({190, 194, 195, 196, 197}) do
  local src = "return " .. string.rep("(", n) .. "1" .. string.rep(")", n)
  print(n, type(load(src)), type(select(3, pcall(pcall, load, src))))
end
