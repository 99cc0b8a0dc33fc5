-- §3.4 / §2.3 runtime error message: index-constant
local s = ("x").y.z
