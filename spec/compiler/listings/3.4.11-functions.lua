-- §3.4.11 function definitions: closures, upvalues, methods, _ENV
local up1, up2 = 1, 2
local function outer(p)
  local l = p
  return function(q)
    up1 = up1 + q
    return function() return up2 + l + q + up1 end
  end
end
function gfun(a, b, ...) return a end
local M = {}
function M.f(x) return x end
function M:m(y) return self, y end
function M.sub.deep:m() end
local _ENV = {}
z = 1
return outer, M
