// fengari-run.mjs — run one Lua file on fengari (Lua 5.3 written in
// JavaScript), the way `lua file.lua args…` would: `arg` holds the script
// name at 0 and the arguments from 1, and print writes to stdout.
//
// Usage: node bench/engines/fengari-run.mjs file.lua [args…]
// Exit status 1 with the Lua error message on stderr when the chunk fails.
// bench/run.mjs starts this in its own process so that its time compares
// with the other engines' processes, startup included.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { lua, lauxlib, lualib, to_luastring } = require('fengari');

const [file, ...args] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: fengari-run.mjs file.lua [args...]\n');
  process.exit(2);
}

const L = lauxlib.luaL_newstate();
lualib.luaL_openlibs(L);

// arg = { [0] = file, args… }, as the standalone interpreter sets it.
lua.lua_createtable(L, args.length, 1);
[file, ...args].forEach((value, index) => {
  lua.lua_pushstring(L, to_luastring(value));
  lua.lua_rawseti(L, -2, index);
});
lua.lua_setglobal(L, to_luastring('arg'));

const source = readFileSync(file);
let status = lauxlib.luaL_loadbuffer(L, source, null, to_luastring('@' + file));
if (status === lua.LUA_OK) {
  for (const value of args) lua.lua_pushstring(L, to_luastring(value));
  status = lua.lua_pcall(L, args.length, 0, 0);
}
if (status !== lua.LUA_OK) {
  const message = lua.lua_tojsstring(L, -1);
  process.stderr.write(`fengari: ${message}\n`);
  process.exitCode = 1;
}
