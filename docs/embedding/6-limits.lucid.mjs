import { LuaState } from '../../src/index.ts';

const lua = new LuaState({ memoryLimit: 8 * 1024 * 1024 });
// time: a task runs until a deadline (or a budget of work), then can go on or be cancelled
const task = lua.start('while true do end');
console.log(task.step({ deadline: Date.now() + 50 }));
task.cancel();
// memory: past the limit, allocation is the Lua error "not enough memory"
try { lua.doString('local s = string.rep("x", 1e8)'); } catch (e) { console.log(e.message); }
console.log(lua.doString('return 1 + 1')[0]);   // the state is still usable
// prints:
// budget
// not enough memory
// 2
