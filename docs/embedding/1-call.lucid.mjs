import { LuaState } from '../../src/index.ts';

const lua = new LuaState();
lua.doString('function add(a, b) return a + b end');
const add = lua.getFunction('add');
console.log(add(2, 3), add(0.5, 2));
// prints:
// 5 2.5
