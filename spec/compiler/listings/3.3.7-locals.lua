-- §3.3.7 local declarations: attributes const and close
local K <const> = 10
local S <const> = "str"
local F <const> = 2.5
local big <const> = K * 4 + 2
local t <const> = {}
local function use() return K, S, F, big, t end
do
  local c <close> = setmetatable({}, {__close = print})
  print(K + 1, S .. "x")
end
local a, b, c
local d <const>, e = 1, 2
return use()
