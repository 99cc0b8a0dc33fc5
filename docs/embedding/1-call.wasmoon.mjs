import { LuaFactory } from 'wasmoon';

const lua = await new LuaFactory().createEngine();
await lua.doString('function add(a, b) return a + b end');
const add = lua.global.get('add');
console.log(add(2, 3), add(0.5, 2));
lua.global.close();
// prints:
// 5 2.5
