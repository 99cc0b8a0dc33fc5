-- §3.3.4 compile-time errors of goto and labels, through load
print(load("goto nowhere"))
print(load("do ::a:: end goto a"))
print(load("::a:: ::a::"))
print(load("goto f; local x; ::f:: print(x)"))
print(load("break"))
print(load("do goto l end local y ::l:: return"))
print(load("repeat goto cont; local z ::cont:: until z"))
