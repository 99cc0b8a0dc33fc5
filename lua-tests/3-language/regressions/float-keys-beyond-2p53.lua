-- §2.1/§3.4.3 float keys with integral values from 2^53 to 2^63 are the integer keys (found by fuzzing); uses math
local t = {}
t[2^53] = 1; t[2^53+2] = 2; t[-2^63] = 3; t[2^63] = 4; t[1e300] = 5; t[2^53 - 1] = 6
print(t[9007199254740992], t[9007199254740994], t[math.mininteger], t[2^63], t[1e300], t[9007199254740991])
print(rawget(t, 2^53), next({[2^53] = true}), math.type(next({[2^53] = true})), math.type(next({[2^63] = true})))
local n = 0 for k, v in pairs(t) do n = n + 1 end print(n)
t[9007199254740992] = nil print(t[2^53])
