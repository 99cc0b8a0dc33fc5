import { LuaFactory } from 'wasmoon';

class Counter {
  constructor(start) { this.n = start; }
  add(k) { this.n += k; return this; }
}
const lua = await new LuaFactory().createEngine();
lua.global.set('newCounter', (start) => new Counter(start));   // calling a class from Lua throws: no `new`
const config = { name: 'demo', tags: ['a', 'b'] };
lua.global.set('config', config);
const c = await lua.doString('c = newCounter(1) c:add(2):add(3) config.seen = true return c');
const n = await lua.doString('return #config.tags');
console.log(c instanceof Counter, c.n, n, config.seen);
const t = await lua.doString('return { list = { 10, 20 } }');   // a table comes back copied
console.log(JSON.stringify(t), t.list[1]);
lua.global.close();
// prints:
// true 6 2 true
// {"list":[10,20]} 20
