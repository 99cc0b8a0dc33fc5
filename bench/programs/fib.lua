-- fib.lua: naive doubly recursive Fibonacci.
-- Measures: Lua function calls and returns (CALL/RETURN), small-integer
-- arithmetic and comparisons; no allocation at all.
-- needs: print, tostring, tonumber (base only)
-- size: n, the Fibonacci index.  small=24  default=35
-- checksum: fib(n) and the number of calls made.

local n = tonumber(arg and arg[1]) or 35

local calls = 0

local function fib(k)
  calls = calls + 1
  if k < 2 then return k end
  return fib(k - 1) + fib(k - 2)
end

print("fib(" .. n .. ") = " .. fib(n))
print("calls = " .. calls)
