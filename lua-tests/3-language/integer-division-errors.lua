-- §3.4.1 errors of integer division and modulo by zero (uncaught)
local a, b = 10, 0
print(a // 1)
print(a % b)
