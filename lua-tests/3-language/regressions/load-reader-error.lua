-- §6.1 load: an error raised by the reader function is returned as load's failure
print(select("#", load(function () error("hhi") end)), (select(2, load(function () error("hhi", 0) end))))
print(load(function () error({}, 0) end))
local n = 0
print(load(function () n = n + 1 if n == 1 then return "return " end error("midway", 0) end))
