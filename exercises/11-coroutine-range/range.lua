-- Exercise 11: generators with coroutines.
function range(n, step)
  -- TODO: return a generator (coroutine.wrap) of 1, 1+step, ... <= n
end

function take(gen, k)
  -- TODO: the first k values of gen, in a table
  return {}
end
