import fengari from 'fengari';
const { lua, lauxlib, lualib, to_luastring } = fengari;

const L = lauxlib.luaL_newstate();
lualib.luaL_openlibs(L);
lua.lua_pushcfunction(L, (L) => {
  const name = lauxlib.luaL_checkstring(L, 1);
  lua.lua_pushstring(L, to_luastring(`hello, ${fengari.to_jsstring(name)}!`));
  return 1;
});
lua.lua_setglobal(L, to_luastring('greet'));
lauxlib.luaL_dostring(L, to_luastring('return greet("Zoë")'));
console.log(lua.lua_tojsstring(L, -1));
// prints:
// hello, Zoë!
