-- §6.6 table.unpack: the results must fit in the stack that is left (lua_checkstack), so
-- just under a million results already fail ("too many results to unpack") (uses table)
print(pcall(function () for i = 999900, 1000000, 1 do table.unpack({}, 1, i) end end))
print(pcall(table.unpack, {}, 1, 1e7))
print(select("#", table.unpack({}, 1, 500000)))
