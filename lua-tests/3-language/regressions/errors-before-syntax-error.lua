-- §3.3.4 goto and labels, §3.3.7 attributes, §3.5 visibility: Lua's parser
-- raises some errors the moment it meets them, while it reads (lparser.c):
-- a repeated label, a goto into the scope of a local, a break or goto with
-- nowhere to go (met where its function ends), an assignment to a const or
-- close variable, too many upvalues. A chunk with one of them before a
-- syntax error reports it, with the line and token where Lua meets it.
-- Regression: lucid reported the syntax error further on, because it
-- checked these rules only on chunks that parse.

local function names(prefix, n, sep)
  local t = {}
  for i = 1, n do t[i] = prefix .. i end
  return table.concat(t, sep or ", ")
end

local function check(what, chunk)
  local f, msg = load(chunk, "=t")
  print(what, f and "loads" or msg)
end

-- labels
check("repeated label", "::a:: ::a:: x =")
check("repeated label, inner block", "::a:: do ::a:: end x =")
check("repeated label, lines", "::a::\n::b::\n::a::\n x =")
check("label after no-op statements", "::a:: ::b:: ;; ::a:: (")
check("label in a function", "local t = {function() ::a:: ::a:: end, (}")
check("same label, sibling blocks", "do ::a:: end ::a:: x =")
check("syntax error first", "::a:: x = = 1 ::a::")
-- gotos into the scope of a local
check("goto into scope", "goto l; local x; ::l:: print(x) x =")
check("goto into scope, lines", "goto l\nlocal x\n::l::\nprint(x)\n(")
check("label at block end", "do goto l; local x; ::l:: end x =")
check("label before until", "repeat goto l; local x; ::l:: until x y =")
check("continue pattern", "local function f()\n  while true do\n    goto continue\n    local z = 1\n" ..
  "    ::continue::\n    print(z)\n  end\nend\n(")
-- break and goto with nowhere to go: found where the function ends
check("break in a function", "local function f()\n break\nend\nx =")
check("break, if then", "local f = function()\nif x then break; ; end\nend\n\nx =")
check("goto without label", "local function f()\n goto nope\nend\n\n x =")
check("label in another function", "local function f() goto x end local function g() ::x:: end (")
check("break in the main chunk", "break x =")
check("function not ended", "local function f() goto l end (")
-- assignments to const and close variables: at the '=' or ','
check("const", "local x <const> = 1; x = 2 y =")
check("const, '=' on line 3", "local x <const> = 1\nx\n=\n2 y =")
check("const, second target", "local x <const> = 1; y, x = 2 y =")
check("close", "local x <close> = nil; x = 2 (")
check("const upvalue", "local x <const> = f(); function g() x = 1 end (")
check("const field", "local x <const> = 1 x.y = 2 (")
check("shadowed", "local x <const> = 1 local x = x x = 2 (")
check("function statement", "local x <const> = 1\nfunction x()\nend\n\n(")
check("method", "local x <const> = 1 function x:m() end (")
-- attributes
check("unknown attribute", "local x <foo> = 1 (")
check("const before unknown attribute", "local x <const> = 1; x = 2; local y <foo> = 3")
check("goto before unknown attribute", "goto l local x ::l:: local y <foo> = 3")
check("goto before vararg", "local function f() goto l local x ::l:: return ... end")
-- upvalues (limit 255), used two functions down; the chunk ends in '('
local function upvalues(na, nb, extra, decl)
  return "local " .. names("a", na) .. "\nfunction g()\n local " .. (decl or names("b", nb)) ..
    "\n return function() local _ _ = " .. names("a", na, " _ = ") .. " _ = " .. names("b", nb, " _ = ") ..
    (extra or "") .. " end end ("
end
check("upvalues, 260", upvalues(150, 110))
check("upvalues, 255", upvalues(150, 105))
check("upvalues, 254 and _ENV", upvalues(150, 104, " _ = gl"))
check("upvalues, 255 and _ENV", upvalues(150, 105, " _ = gl"))
check("constants take no upvalue", upvalues(150, 110, "", names("b", 110, " <const> = 1 local ") .. " <const> = 1"))
check("-0.0 is not a constant", upvalues(150, 110, "", names("b", 110, " <const> = -0.0 local ") .. " <const> = -0.0"))
check("close variables do", upvalues(150, 110, "", names("b", 110, " <close> = nil local ") .. " <close> = nil"))
