-- oop.lua: method calls on objects of a three-level class hierarchy built
-- with setmetatable and __index chains (Shape <- Rectangle <- Square).
-- Measures: OP_SELF and table lookups that miss and follow __index through
-- one, two or three metatables; calls; small object allocation.
-- needs: print, tostring, tonumber, setmetatable (base only)
-- size: number of rounds over the object set.  small=5000  default=300000
-- checksum: the sums of areas, perimeters and describe() codes.

local rounds = tonumber(arg and arg[1]) or 300000

-- Level 1: Shape, the root class.  Methods defined here are found by
-- Square instances only after three __index hops.
local Shape = {}
Shape.__index = Shape

function Shape.new(kind)
  return setmetatable({ kind = kind }, Shape)
end

function Shape:code()
  return self.kind
end

function Shape:describe()
  return self:code() * 100 + self:sides()
end

function Shape:sides()
  return 0
end

-- Level 2: Rectangle inherits from Shape.
local Rectangle = setmetatable({}, Shape)
Rectangle.__index = Rectangle

function Rectangle.new(w, h)
  local r = Shape.new(2)
  r.w, r.h = w, h
  return setmetatable(r, Rectangle)
end

function Rectangle:area()
  return self.w * self.h
end

function Rectangle:perimeter()
  return 2 * (self.w + self.h)
end

function Rectangle:sides()
  return 4
end

-- Level 3: Square inherits from Rectangle and overrides one method.
local Square = setmetatable({}, Rectangle)
Square.__index = Square

function Square.new(side)
  local s = Rectangle.new(side, side)
  s.kind = 3
  return setmetatable(s, Square)
end

function Square:area()
  local side = self.w
  return side * side
end

local objects = {}
for i = 1, 10 do
  if i % 2 == 0 then
    objects[i] = Square.new(i)
  else
    objects[i] = Rectangle.new(i, i + 1)
  end
end

local areas, perimeters, codes = 0, 0, 0
for r = 1, rounds do
  for i = 1, #objects do
    local o = objects[i]
    areas = areas + o:area()
    perimeters = perimeters + o:perimeter()
    codes = codes + o:describe()
  end
  -- Replace one object each round so allocation stays in the picture.
  local k = r % 10 + 1
  if k % 2 == 0 then objects[k] = Square.new(k) else objects[k] = Rectangle.new(k, k + 1) end
end
print("areas = " .. areas)
print("perimeters = " .. perimeters)
print("codes = " .. codes)
