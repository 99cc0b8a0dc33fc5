-- §6.5 the utf8 library: char, len (strict and lax), codepoint, codes, offset,
-- charpattern and their errors
print(utf8.char(72, 228, 8364, 0x10FFFF), utf8.len("häé€"), utf8.len("\xff"), utf8.codepoint("häé", 1, -1))
for p, c in utf8.codes("aé€") do print(p, c) end
print(utf8.offset("aé€", 3), utf8.offset("aé€", -1), utf8.offset("aé€", 0, 3), utf8.charpattern == "[\0-\x7F\xC2-\xFD][\x80-\xBF]*")
print(pcall(function() return utf8.codepoint("\xff") end))
print(pcall(function() return utf8.char(-1) end))
print(pcall(function() return utf8.offset("aé", 1, 3) end))
print(utf8.len("\u{7FFFFFFF}", 1, -1, true), utf8.len("\u{7FFFFFFF}"))
print(pcall(function() for p, c in utf8.codes("a\xffb") do end end))
