-- popen.lua: starting commands through a pipe, the way scripts run
-- helpers and read their output.
-- Measures: the cost of io.popen — one shell started per call, its output
-- read to the end, the pipe closed and the exit status collected (issue 13:
-- "make starting processes cheap"). Nothing here is Lua work.
-- needs: print, tonumber, io.popen, file:read, file:close (a POSIX shell)
-- size: number of commands run.  small=20  default=200
-- checksum: the number of bytes read and of commands that succeeded.

local n = tonumber(arg and arg[1]) or 200
local bytes, ok = 0, 0
for _ = 1, n do
  local f = io.popen('echo x')
  bytes = bytes + #f:read('a')
  if f:close() then ok = ok + 1 end
end
print(bytes, ok)
