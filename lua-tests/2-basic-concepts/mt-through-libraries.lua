-- §2.4: metamethods reached through library functions (which index, assign and compare as C code does)
local log = {}
local function note(s) log[#log + 1] = s end
local function flush(label) print(label, table.concat(log, ' ')) log = {} end

-- __index and __newindex functions, seen through table.concat / unpack / insert / remove / move
local store = {'a', 'b', 'c'}
local proxy = setmetatable({}, {
  __index = function(_, k) note('get' .. tostring(k)) return store[k] end,
  __newindex = function(_, k, v) note('set' .. tostring(k) .. '=' .. tostring(v)) store[k] = v end,
  __len = function() return #store end,
})
print(table.concat(proxy, ',')) flush('concat')
print(table.unpack(proxy, 1, 3)) flush('unpack')
table.insert(proxy, 'd') flush('insert')
print(table.remove(proxy, 1)) flush('remove')
table.move(proxy, 1, 2, 5) flush('move')
print(table.concat(store, ',', 1, 3))

-- __index tables several levels deep
local deep = setmetatable({}, {__index = setmetatable({}, {__index = setmetatable({}, {__index = {1, 2, 3}})})})
print(table.concat(deep, '+', 1, 3))

-- chains that loop: the error of the walker, as C raises it (no position)
local loop = setmetatable({}, {}) getmetatable(loop).__index = loop getmetatable(loop).__newindex = loop
print(pcall(table.concat, loop, ',', 1, 1))
print(pcall(table.unpack, loop, 1, 1))
print(pcall(table.insert, loop, 1, 'x'))

-- indexing what cannot be indexed
print(pcall(table.concat, setmetatable({}, {__index = 42}), ',', 1, 1))

-- errors of handlers pass through as they are
local bad = setmetatable({}, {__index = function() error('no such thing', 0) end})
print(pcall(table.unpack, bad, 1, 1))
print(pcall(table.concat, bad, ',', 1, 1))

-- comparisons of table.sort: __lt called, the order error otherwise
local mt = {__lt = function(a, b) note(a.v .. '<' .. b.v) return a.v < b.v end}
local items = {}
for i, v in ipairs{3, 1, 2} do items[i] = setmetatable({v = v}, mt) end
table.sort(items)
print(items[1].v, items[2].v, items[3].v, #log > 0) log = {}
print(pcall(table.sort, {{}, {}}))
print(pcall(table.sort, {1, 'x'}))
print(pcall(table.sort, {io.stdout, io.stderr}))
