-- The first program: run it with `bin/lucid.mjs examples/hello.lua`.
local greeting = "Hello from lucid"
print(greeting .. ", " .. _VERSION .. "!")

-- a closure and a loop, so there is some bytecode to look at with
-- `bin/lucidc.mjs -l examples/hello.lua`
local function counter()
  local n = 0
  return function() n = n + 1; return n end
end
local next_id = counter()
for _ = 1, 3 do print("id", next_id()) end
