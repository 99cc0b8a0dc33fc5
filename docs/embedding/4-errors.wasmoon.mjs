import { LuaFactory } from 'wasmoon';

const lua = await new LuaFactory().createEngine();
lua.global.set('explode', () => { throw new TypeError('no way'); });
try {
  await lua.doString('local function inner() explode() end\ninner()');
} catch (e) {
  console.log(e.message);            // the JS error's text with a Lua traceback appended
}
lua.global.close();
// prints:
// TypeError: no way
// stack traceback:
// 	[string "local function inner() explode() end..."]:1: in local 'inner'
// 	[string "local function inner() explode() end..."]:2: in main chunk
