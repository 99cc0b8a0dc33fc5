-- §3.4 / §2.3 runtime error message: for-step-zero
for i = 1, 10, 0 do end
