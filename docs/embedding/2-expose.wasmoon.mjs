import { LuaFactory } from 'wasmoon';

const lua = await new LuaFactory().createEngine();
lua.global.set('greet', (name) => `hello, ${name}!`);
console.log(await lua.doString('return greet("Zoë")'));
lua.global.close();
// prints:
// hello, Zoë!
