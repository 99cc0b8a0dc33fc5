-- §3.1 every escape sequence
local s = "\a\b\f\n\r\t\v\\\"\'"
print(#s, s == "\7\8\12\10\13\9\11\92\34\39")
print("\u{48}\u{49}\u{E9}\u{20AC}" == "HI\195\169\226\130\172", "\u{7FFFFFFF}" == "\253\191\191\191\191\191")
print("\z
      x" == "x", "\x41\x4a\x7E" == "AJ~")
print(#"\000\01\002\0003")
