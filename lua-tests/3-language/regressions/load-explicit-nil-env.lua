-- §6.1 (load): an explicit nil env sets the chunk's first upvalue to nil;
-- only an absent env gives the global table (official calls.lua:403); uses string.dump and debug
local a, b = 20, 30
local x = load(string.dump(function (x) if x == "set" then a = 10 + b; b = b + 1 else return a end end), "", "b", nil)
print("binary chunk, nil env", x())
print("setupvalue", debug.setupvalue(x, 1, "hi"), x())
local f = load("return _ENV", "=t", "t", nil)
print("text chunk, nil env", f())
print("no env", load("return _ENV")() == _G)
