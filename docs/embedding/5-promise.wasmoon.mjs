import { LuaFactory } from 'wasmoon';

const lua = await new LuaFactory().createEngine();
lua.global.set('sleep', (ms) => new Promise((resolve) => setTimeout(() => resolve(ms), ms)));
// the Promise reaches Lua as a value: Lua awaits it explicitly
console.log(await lua.doString('local t = sleep(10):await() return "slept " .. t'));
lua.global.close();
// prints:
// slept 10
