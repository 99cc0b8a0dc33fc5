-- §2.1 strings are sequences of bytes; §3.4.7 length
local s = "a\0b\255\n"
print(#s, #"", #"\u{7FF}", #"\u{FFFF}", #"\u{10FFFF}", #"\u{7FFFFFFF}")
print("tab\tend", "q\"q", 'a\'b', "back\\slash", "\65\066\0677", "\x41\x62")
print("line1\
line2")
print("z: \z
       joined")
print([[long
string]], [==[with ]] inside]==])
print(#[[
skip first newline]])
