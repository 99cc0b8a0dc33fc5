-- §3.4.9/§2.1 float keys with integer values are normalised, also beyond 2^53 (found by differential fuzzing)
local t = {}
t[9007199254740992] = "int"
print(t[2^53], rawget(t, 2^53))
t[2^60] = "float"
print(t[1 << 60], t[1152921504606846976])
