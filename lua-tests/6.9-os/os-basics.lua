-- §6.9 the os library: dates in UTC (!), time normalisation, difftime, getenv,
-- setlocale (a C-locale build), tmpname/remove/rename results, execute
print(type(os.time()), type(os.clock()), os.date("!%Y-%m-%d %H:%M:%S", 86400 * 365), os.date("!%c", 0))
local t = os.date("!*t", 1700000000); print(t.year, t.month, t.day, t.hour, t.min, t.sec, t.yday, t.wday, t.isdst)
print(os.time({year = 2000, month = 1, day = 1, hour = 12}) - os.time({year = 2000, month = 1, day = 1, hour = 0}))
local n = {year = 2021, month = 14, day = 35}; os.time(n); print(n.year, n.month, n.day)
print(os.difftime(10, 3), os.getenv("LUCID_SURELY_UNSET_VAR"), os.setlocale("C"), os.setlocale("xx_YY"), os.setlocale())
print(pcall(function() return os.date("%Ez") end))
print(pcall(function() return os.time({year = 2000}) end))
local name = os.tmpname(); print(type(name), os.remove(name), select('#', os.remove(name)))
print(os.rename("/nonexistent/a", "/nonexistent/b"))
print(os.execute(), (os.execute("exit 3")))
