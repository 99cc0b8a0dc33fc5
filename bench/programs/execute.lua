-- execute.lua: running commands to their end, as build scripts do.
-- Measures: the cost of os.execute — one shell started and waited for per
-- call (issue 13: "make starting processes cheap"). Nothing here is Lua
-- work.
-- needs: print, tonumber, os.execute (a POSIX shell)
-- size: number of commands run.  small=20  default=200
-- checksum: the number of commands that succeeded.

local n = tonumber(arg and arg[1]) or 200
local ok = 0
for _ = 1, n do
  if os.execute('true') then ok = ok + 1 end
end
print(ok)
