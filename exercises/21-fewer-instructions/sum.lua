-- Exercise 21: the same sum in fewer instructions.
function sumsquares(n)
  local s, i = 0, 1
  while i <= n do
    local sq = i * i
    s = s + sq
    i = i + 1
  end
  return s
end
