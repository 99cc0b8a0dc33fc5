import fengari from 'fengari';
const { lua, lauxlib, lualib, to_luastring } = fengari;

// no Promises: the JS function yields, and the host resumes the coroutine when it settles
const L = lauxlib.luaL_newstate();
lualib.luaL_openlibs(L);
let pending;
lua.lua_pushcfunction(L, (L) => {
  const ms = lua.lua_tointeger(L, 1);
  pending = new Promise((resolve) => setTimeout(() => resolve(ms), ms));
  return lua.lua_yield(L, 0);
});
lua.lua_setglobal(L, to_luastring('sleep'));
const co = lua.lua_newthread(L);
lauxlib.luaL_loadstring(co, to_luastring('local t = sleep(10) return "slept " .. t'));
let status = lua.lua_resume(co, L, 0);
while (status === lua.LUA_YIELD) {
  lua.lua_pushinteger(co, await pending);
  status = lua.lua_resume(co, L, 1);
}
console.log(lua.lua_tojsstring(co, -1));
// prints:
// slept 10
