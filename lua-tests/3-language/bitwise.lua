-- §3.4.2 bitwise operators
print(0xF0 & 0x3C, 0xF0 | 0x0F, 0xF0 ~ 0xFF, ~0, ~5, 1 << 62, 1 << 63, 1 << 64)
print(-1 >> 1, -1 >> 63, -1 >> 64, 1 << -1, 2 >> -1, 3.0 & 1, "7" & 3)
print(pcall(function() return 1.5 & 1 end))
print(pcall(function() return 2^63 | 0 end))
print(pcall(function() return {} | 0 end))
print(pcall(function() return "x" | 0 end))
