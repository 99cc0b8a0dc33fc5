-- §6.10 debug.sethook: "line" events (new line, backward jump, function entry), with the line number
local function trace(src)
  local lines = {}
  local f = assert(load(src))
  debug.sethook(function (event, line)
    assert(event == "line")
    lines[#lines + 1] = line
  end, "l")
  f()
  debug.sethook()
  print(table.concat(lines, " "))
end

trace("local a = 1\na = a + 1\nreturn a")
trace("local function foo()\nend\nfoo()\nA = 1\nA = 2\nA = 3\n")
trace("a=1\nrepeat\n  a=a+1\nuntil a==3\n")
trace("local a\na=1\nwhile a<=3 do\n  a=a+1\nend\n")
trace("for i=1,3 do\n  a=i\nend\n")
trace("for i,v in pairs{'a','b'} do\n  a=tostring(i) .. v\nend\n")
trace("for i=1,4 do a=1 end")
trace(" do\n  return\nend\n")
trace("local t = {\n1,\n2,\n}\nlocal x = #t\n")
trace("goto l2\n::l1::\ndo return end\n::l2::\ngoto l1\n")
a, A = nil, nil

-- the hook sees the current line through getinfo, and the line argument agrees
local seen = {}
debug.sethook(function (e, l)
  local cur = debug.getinfo(2, "l").currentline
  seen[#seen + 1] = (cur == l) and "ok" or ("bad " .. tostring(cur) .. " " .. tostring(l))
end, "l")
local x = 1
x = x + 1
debug.sethook()
print(table.concat(seen, " "))

-- count hook: every N instructions, event "count" with no line
local counts = 0
local ev
debug.sethook(function (e, l) counts = counts + 1; ev = tostring(e) .. " " .. tostring(l) end, "", 1)
for i = 1, 10 do local y = i * 2 end
debug.sethook()
print(counts > 20, ev)
print(debug.gethook())
