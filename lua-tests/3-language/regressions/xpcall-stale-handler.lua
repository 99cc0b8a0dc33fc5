-- §6.1 xpcall: a frame once used by an xpcall keeps no trace of its message handler when
-- reused, so a handler that died is not reached by the collector (failed in GC stress mode)
local function f (x)
  if x == 0 then error('a\n')
  else
    local aux = function () return f(x - 1) end
    return xpcall(aux, aux)
  end
end
print(f(3))
print(pcall(function () for i = 999900, 1000000, 1 do table.unpack({}, 1, i) end end))
local function g () error{msg = "x"} end
local ok, e = xpcall(g, function (r) return {msg = r.msg .. "y"} end)
print(ok, type(e), e.msg)
