import fengari from 'fengari';
const { lua, lauxlib, lualib, to_luastring } = fengari;

const L = lauxlib.luaL_newstate();
lualib.luaL_openlibs(L);
lauxlib.luaL_dostring(L, to_luastring('function add(a, b) return a + b end'));
function add(a, b) {
  lua.lua_getglobal(L, to_luastring('add'));
  lua.lua_pushnumber(L, a);
  lua.lua_pushnumber(L, b);
  lua.lua_call(L, 2, 1);
  const r = lua.lua_tonumber(L, -1);
  lua.lua_pop(L, 1);
  return r;
}
console.log(add(2, 3), add(0.5, 2));
// prints:
// 5 2.5
