-- §3.1 a NUL byte in source is a token of its own, and a syntax error at it
-- has no "near" part (llex treats the token 0 as no token)
print(load("x=\0y"))
print(load("x=1 \0"))
print(load("\0"))
print(load("local t = {1, 2 \0}"))
print(load("f(\0)"))
print(load("local a = '\0' +"))
