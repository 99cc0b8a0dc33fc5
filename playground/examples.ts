/**
 * # The playground's example programs
 *
 * Responsibility: the programs a learner can pick, each short enough to
 * step through and each showing one thing the book explains: closures and
 * their upvalues (docs/vm.md), metatables (docs/vm.md), coroutines
 * (docs/coroutines.md), a to-be-closed variable (docs/vm.md), a weak
 * table and a finalizer (docs/gc.md), and a benchmark to run at full speed.
 *
 * Invariant: every example runs to the end on lucid without error, and
 * its key (`id`) is stable: shared links name examples by it.
 *
 * Read next: `url-state.ts` (how a link names an example), `main.ts`.
 */

/** One example: a stable key, a title for the picker, the program. */
export interface Example { id: string; title: string; source: string }

/** The examples, in the picker's order; the first is the page's default. */
export const EXAMPLES: readonly Example[] = [
  {
    id: 'closures',
    title: 'Closures and upvalues',
    source: `-- Each call of counter makes a new local n; the closure it returns
-- keeps n alive as an upvalue: open while counter runs, closed after.
local function counter()
  local n = 0
  return function()
    n = n + 1
    return n
  end
end

local c1, c2 = counter(), counter()
print(c1(), c1(), c2())   --> 1  2  1
`,
  },
  {
    id: 'metatables',
    title: 'Metatables',
    source: `-- A vector type: __add and __tostring are looked up in the metatable
local Vec = {}
Vec.__index = Vec

function Vec.new(x, y) return setmetatable({x = x, y = y}, Vec) end
function Vec.__add(a, b) return Vec.new(a.x + b.x, a.y + b.y) end
function Vec.__tostring(v) return "(" .. v.x .. ", " .. v.y .. ")" end
function Vec:len() return math.sqrt(self.x ^ 2 + self.y ^ 2) end

local v = Vec.new(1, 2) + Vec.new(2, 2)
print(tostring(v), v:len())
`,
  },
  {
    id: 'coroutines',
    title: 'Coroutines',
    source: `-- A generator: the coroutine keeps its own stack between resumes
local function range(n)
  return coroutine.wrap(function()
    for i = 1, n do coroutine.yield(i) end
  end)
end

for i in range(3) do print("got", i) end

local co = coroutine.create(function(a, b)
  local c = coroutine.yield(a + b)
  return c * 2
end)
print(coroutine.resume(co, 1, 2))   --> true 3
print(coroutine.resume(co, 10))     --> true 20
print(coroutine.status(co))         --> dead
`,
  },
  {
    id: 'tbc',
    title: 'A to-be-closed variable',
    source: `-- <close>: the __close metamethod runs when the variable goes out of
-- scope, normally or by an error (watch the TBC and CLOSE instructions)
local function resource(name)
  return setmetatable({name = name}, {
    __close = function(r, err) print("closing " .. r.name, err) end,
  })
end

do
  local a <close> = resource("a")
  local b <close> = resource("b")
  print("using", a.name, b.name)
end   -- b closes first, then a

print(pcall(function()
  local c <close> = resource("c")
  error("boom")
end))
`,
  },
  {
    id: 'gc',
    title: 'A weak table and a finalizer',
    source: `-- The cache holds its values weakly: once nothing else refers to a
-- value, the atomic phase clears its entry. An object whose metatable
-- has __gc is queued when found unreachable, and finalized after.
local cache = setmetatable({}, {__mode = "v"})
local keep = {name = "kept"}
cache.kept = keep

local function fill()   -- its registers are dead once it returns
  cache.temp = {name = "temporary"}
  setmetatable({}, {__gc = function() print("finalizer ran") end})
end
fill()

collectgarbage("incremental", 100, 10, 6)   -- small steps, to watch
local steps = 0
while cache.temp ~= nil do
  collectgarbage("step")
  steps = steps + 1   -- a breakpoint here: one step per Continue
  keep.last = {steps}  -- a new (white) table stored into keep: if keep is black, a barrier
end
print("temp gone after " .. steps .. " steps; kept is " .. cache.kept.name)
collectgarbage()   -- a full cycle: the pending finalizer runs
`,
  },
  {
    id: 'bench',
    title: 'A benchmark',
    source: `-- Run it (not step it): a few million instructions
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end

local t0 = os.clock()
local r = fib(24)
local t = {}
for i = 1, 200000 do t[i] = i * 2 end
local s = 0
for _, v in ipairs(t) do s = s + v end
print("fib(24) =", r, "sum =", s)
print(string.format("%.2f s", os.clock() - t0))
`,
  },
];

/** The example with key `id`, if there is one. */
export function exampleById(id: string | undefined): Example | undefined {
  return EXAMPLES.find((e) => e.id === id);
}
