-- §3.4 / §2.3 runtime error message: index-global
print(undefinedvar.x)
