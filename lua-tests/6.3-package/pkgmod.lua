-- §6.3 a module loaded by require.lua (run alone, it only returns its table)
local M = { loads = (pkgmod_loads or 0) + 1 }
pkgmod_loads = M.loads
function M.greet(name) return "hello, " .. name end
return M
