import { LuaFactory } from 'wasmoon';

const factory = new LuaFactory();
const lua = await factory.createEngine();
lua.global.setTimeout(Date.now() + 50);
try { await lua.doString('while true do end'); } catch (e) { console.log(e.message); }
lua.global.setTimeout(undefined);
lua.global.close();
// the memory limit needs an engine that traces allocations
const small = await factory.createEngine({ traceAllocations: true });
small.global.setMemoryMax(8 * 1024 * 1024);
try { await small.doString('local s = string.rep("x", 1e8)'); } catch (e) { console.log(e.message); }
console.log(await small.doString('return 1 + 1'));
small.global.close();
// prints:
// Aborted(native code called abort())
// not enough memory
// 2
