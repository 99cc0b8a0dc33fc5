import { LuaState } from '../../src/index.ts';

const lua = new LuaState();
lua.register('sleep', (ms) => new Promise((resolve) => setTimeout(() => resolve(ms), ms)));
// run: the Lua thread waits for the Promise, even inside pcall or a coroutine
const [text] = await lua.run('local ok, t = pcall(sleep, 10) return "slept " .. t');
console.log(text);
// prints:
// slept 10
