import fengari from 'fengari';
const { lua, lauxlib, lualib, to_luastring } = fengari;

const L = lauxlib.luaL_newstate();
lualib.luaL_openlibs(L);
lua.lua_pushcfunction(L, (L) => lauxlib.luaL_error(L, to_luastring('no way')));
lua.lua_setglobal(L, to_luastring('explode'));
// a message handler adds the traceback, as lua.c does
lua.lua_pushcfunction(L, (L) => { lauxlib.luaL_traceback(L, L, lua.lua_tostring(L, 1), 1); return 1; });
const handler = lua.lua_gettop(L);
lauxlib.luaL_loadbuffer(L, to_luastring('local function inner() explode() end\ninner()'), null, to_luastring('=app'));
if (lua.lua_pcall(L, 0, 0, handler) !== lua.LUA_OK) console.log(lua.lua_tojsstring(L, -1));
// prints:
// app:1: no way
// stack traceback:
// 	[JS]: in function 'explode'
// 	app:1: in local 'inner'
// 	app:2: in main chunk
