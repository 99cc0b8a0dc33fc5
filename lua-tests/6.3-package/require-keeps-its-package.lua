-- §6.3 (require): require finds package.loaded and package.preload through the registry and the searchers through the package table it was opened with, so replacing the global package changes nothing (official attrib.lua:316-330)
local p = package
package = {}
p.preload.pl = function (...) return {n = select("#", ...), ...} end
local pl, ext = require "pl"
print("preload", pl[1], pl[2], pl.n, ext)
print("cached", require "pl" == pl)
package = nil
print("string", require "string" == string)
package = p
p.loaded = {}
print("loaded replaced", require "pl" == pl)
