-- §2.1 Values and types: type() of every basic type
print(type(nil), type(true), type(false), type(0), type(1.5), type("s"))
print(type({}), type(print), type(function() end), type(type))
print(nil == false, 0 == false, "" == false)
if 0 then print("0 is true") end
if "" then print("empty string is true") end
if not nil and not false then print("only nil and false are false") end
