-- §6.3 require, package.loaded, package.preload, package.searchers, searchpath
local m, where = require "pkgmod"
print(m.greet("lua"), where, m.loads)
local again, extra = require "pkgmod"
print(again == m, extra, pkgmod_loads, package.loaded.pkgmod == m)
package.preload.virtual = function(name, data) return { name = name, data = data } end
local v, d = require "virtual"
print(v.name, v.data, d)
package.loaded.fixed = "preset"
print(require "fixed")
package.preload.nothing = function() end
print(require "nothing", package.loaded.nothing)
print(package.loaded._G == _G, package.loaded.package == package)
print(package.searchpath("pkg.mod", "./?.lua;./?/x.lua"))
print(package.searchpath("pkgmod", "./?.lua"))
print(package.searchpath("a_b", "./?.lua", "_", "-"))
print(#package.searchers, type(package.path), type(package.cpath), package.config == "/\n;\n?\n!\n-\n")
local ok, err = pcall(require, "no_such_module_anywhere")
-- (the list of places tried depends on how Lua was built, so only its type)
print(ok, type(err))
local s = package.searchers
s[5] = s[4]; s[4] = s[3]; s[3] = s[2]
s[2] = function(name)
  if name == "custom" then return function() return "from searcher" end, "data" end
  return "no custom " .. name
end
print(require "custom")

-- empty templates are tried (and listed) as empty file names
print(package.searchpath("m", ""))
print(package.searchpath("m", ";x?;;"))
