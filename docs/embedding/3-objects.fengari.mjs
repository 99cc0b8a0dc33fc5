import fengari from 'fengari';
const { lua, lauxlib, lualib, to_luastring } = fengari;

// without fengari-interop, a JS object crosses as a table built by hand
const L = lauxlib.luaL_newstate();
lualib.luaL_openlibs(L);
lua.lua_newtable(L);
lua.lua_pushstring(L, to_luastring('demo'));
lua.lua_setfield(L, -2, to_luastring('name'));
lua.lua_createtable(L, 2, 0);
['a', 'b'].forEach((tag, i) => { lua.lua_pushstring(L, to_luastring(tag)); lua.lua_rawseti(L, -2, i + 1); });
lua.lua_setfield(L, -2, to_luastring('tags'));
lua.lua_setglobal(L, to_luastring('config'));
lauxlib.luaL_dostring(L, to_luastring('config.seen = true return #config.tags'));
console.log(lua.lua_tointeger(L, -1));
// and a table comes back by walking it
lauxlib.luaL_dostring(L, to_luastring('return { list = { 10, 20 } }'));
lua.lua_getfield(L, -1, to_luastring('list'));
const list = [];
for (let i = 1; lua.lua_rawgeti(L, -1, i) !== lua.LUA_TNIL; i++) { list.push(lua.lua_tointeger(L, -1)); lua.lua_pop(L, 1); }
console.log(JSON.stringify({ list }), list[1]);
// prints:
// 2
// {"list":[10,20]} 20
