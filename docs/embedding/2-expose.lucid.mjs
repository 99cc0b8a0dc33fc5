import { LuaState } from '../../src/index.ts';

const lua = new LuaState();
lua.register('greet', (name) => `hello, ${name}!`);
console.log(lua.doString('return greet("Zoë")')[0]);
// prints:
// hello, Zoë!
