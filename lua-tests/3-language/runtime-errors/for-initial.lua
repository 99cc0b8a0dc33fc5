-- §3.4 / §2.3 runtime error message: for-initial
for i = "x", 10 do end
