-- §3.3.7 local declarations: at most 200 local variables per function
-- (lparser.c's MAXVARS). Lua checks that limit while it parses, so a chunk
-- both over the limit and syntactically wrong further on reports the limit
-- (errors.lua:696). Regression: lucid reported the syntax error, found after
-- the whole text, because its compiler checks limits only on complete chunks.

-- "p1, p2, ..., pn"
local function names(prefix, n)
  local s = prefix .. 1
  for i = 2, n do s = s .. ", " .. prefix .. i end
  return s
end

local function check(what, chunk)
  local f, msg = load(chunk, "=t")
  print(what, f and "loads" or msg)
end

-- errors.lua:696: the 201st local of a function that never ends
check("function", "\nfunction foo ()\n  local " .. names("a", 300) .. ", b\n")
check("main, 201", "local " .. names("a", 201) .. "\ndo")
check("main, 200", "local " .. names("a", 200) .. "\ndo")
-- a block's locals go out of scope at its end
check("do block", "do local " .. names("x", 150) .. " end local " .. names("y", 150) .. " do")
check("if clauses", "local " .. names("a", 150) .. "\nif x then local " .. names("b", 40) ..
  " elseif y then local " .. names("c", 40) .. " else local " .. names("d", 40) .. " end do")
check("while body", "local " .. names("a", 150) .. "\nwhile x do local " .. names("b", 60) .. " end")
check("repeat body", "local " .. names("a", 150) .. "\nrepeat local " .. names("b", 60) .. " until x do")
-- loops declare hidden control variables: three for a numeric for, four for a generic one
check("numeric for, 197", "local " .. names("a", 197) .. "\nfor i = 1, 2 do end do")
check("numeric for, 196", "local " .. names("a", 196) .. "\nfor i = 1, 2 do end do")
check("generic for, 196", "local " .. names("a", 196) .. "\nfor k, v in pairs(t) do end do")
check("generic for, 195", "local " .. names("a", 195) .. "\nfor k, v in pairs(t) do end do")
check("generic for names", "for " .. names("a", 197) .. " in x do end (")
check("generic for names, fewer", "for " .. names("a", 196) .. " in x do end (")
-- local functions, attributes, parameters, self
check("local function, 200", "local " .. names("a", 199) .. "\nlocal function f() end do")
check("local function, 201", "local " .. names("a", 200) .. "\nlocal function f() end do")
check("const", "local " .. names("a", 200) .. "\nlocal x <const> = 1 do")
check("const in the list", "local " .. names("a", 200) .. ", b <const> = 1")
check("close first", "local a <close>, " .. names("a", 200) .. " x =")
check("parameters, 200", "x = function (" .. names("p", 200) .. ") end (")
check("self and 199 parameters", "function t:m(" .. names("p", 199) .. ") end (")
check("self and 200 parameters", "function t:m(" .. names("p", 200) .. ") end (")
-- a syntax error before the limit is reported first
check("error first", "x = = 1 local " .. names("a", 300))
