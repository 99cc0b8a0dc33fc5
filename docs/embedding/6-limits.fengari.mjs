import fengari from 'fengari';
const { lua, lauxlib, lualib, to_luastring } = fengari;

// time: a count hook raises an error past the deadline; memory: no limit (Lua's memory is the JS heap)
const L = lauxlib.luaL_newstate();
lualib.luaL_openlibs(L);
const deadline = Date.now() + 50;
lua.lua_sethook(L, (L) => { if (Date.now() > deadline) lauxlib.luaL_error(L, to_luastring('timeout')); }, lua.LUA_MASKCOUNT, 1000);
if (lauxlib.luaL_dostring(L, to_luastring('while true do end')) !== lua.LUA_OK) console.log(lua.lua_tojsstring(L, -1));
lua.lua_sethook(L, null, 0, 0);
lua.lua_settop(L, 0);
lauxlib.luaL_dostring(L, to_luastring('return 1 + 1'));
console.log(lua.lua_tointeger(L, -1));
// prints:
// timeout
// 2
