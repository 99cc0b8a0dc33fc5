-- binary-trees.lua: build and walk many complete binary trees.
-- Measures: allocation of small tables and the collector (many short-lived
-- trees, one long-lived tree), plus recursive calls.
-- needs: print, tostring, tonumber (base only)
-- size: maximum tree depth.  small=10  default=15
-- checksum: the node counts printed for every depth.

local maxdepth = tonumber(arg and arg[1]) or 15
local mindepth = 4
if maxdepth < mindepth + 2 then maxdepth = mindepth + 2 end

-- A node is a two-slot array {left, right}; a leaf has no children.
local function build(depth)
  if depth == 0 then return {} end
  depth = depth - 1
  return { build(depth), build(depth) }
end

local function count(node)
  local left = node[1]
  if left == nil then return 1 end
  return 1 + count(left) + count(node[2])
end

local stretch = maxdepth + 1
print("stretch tree of depth " .. stretch .. "\t check: " .. count(build(stretch)))

local longlived = build(maxdepth)

for depth = mindepth, maxdepth, 2 do
  local iterations = 1 << (maxdepth - depth + mindepth)
  local total = 0
  for _ = 1, iterations do
    total = total + count(build(depth))
  end
  print(iterations .. "\t trees of depth " .. depth .. "\t check: " .. total)
end

print("long lived tree of depth " .. maxdepth .. "\t check: " .. count(longlived))
