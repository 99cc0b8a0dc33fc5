import { LuaState } from '../../src/index.ts';

class Counter {
  constructor(start) { this.n = start; }
  add(k) { this.n += k; return this; }
}
const lua = new LuaState();
lua.set('Counter', Counter);                              // a class: Lua calls Counter(1) or Counter.new(1)
lua.set('config', { name: 'demo', tags: ['a', 'b'] });   // objects and arrays by reference
const [c, n] = lua.doString('local c = Counter(1) c:add(2):add(3) config.seen = true return c, #config.tags');
console.log(c instanceof Counter, c.n, n, lua.get('config').seen);
const t = lua.doString('return { list = { 10, 20 } }')[0];
console.log(JSON.stringify(lua.toJS(t, { deep: true })), lua.toJS(t, { proxy: true }).list[2]);
// prints:
// true 6 2 true
// {"list":[10,20]} 20
