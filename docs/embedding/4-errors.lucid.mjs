import { LuaState } from '../../src/index.ts';

const lua = new LuaState();
lua.register('explode', () => { throw new TypeError('no way'); });
try {
  lua.doString('local function inner() explode() end\ninner()', '=app');
} catch (e) {
  console.log(e.message);            // a LuaError: the position of the Lua caller, the JS error
  console.log(e.cause instanceof TypeError);
  console.log(e.traceback);          // where Lua was when the JS function threw
}
// prints:
// app:1: error in host function 'explode': TypeError: no way
// true
// app:1: error in host function 'explode': TypeError: no way
// stack traceback:
// 	app:1: in local 'inner'
// 	app:2: in main chunk
// 	[C]: in ?
