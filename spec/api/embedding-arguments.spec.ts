/**
 * Every method of the public `LuaState` given an argument of the wrong
 * type throws a LuaError with a clear message, never a TypeError or an
 * "internal error in lucid" (issue 14, "Boundary": every bad argument to
 * the API is a LuaError). One line per method and argument; the state
 * stays usable after each.
 *
 * Manual: §4 (the host API), §5 (luaL_argerror's message shape).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState, LuaError } from '../../src/index.ts';
import { LuaState as BrowserLuaState } from '../../src/browser.ts';

/** The LuaError `f` throws (fails if it throws anything else, or nothing). */
function luaErrorOf(f: () => unknown): LuaError {
  try { f(); } catch (e) {
    if (!(e instanceof LuaError)) assert.unreachable(`not a LuaError: ${e}`);
    return e as LuaError;
  }
  return assert.unreachable('no error') as never;
}

test('each method with a bad argument', () => {
  const s = new LuaState() as any;
  const cases: [string, () => unknown, string][] = [
    ['load', () => s.load(42), "bad argument #1 to 'load' (string or Uint8Array expected, got number)"],
    ['load', () => s.load('return 1', 7), "bad argument #2 to 'load' (string expected, got number)"],
    ['load', () => s.load('return 1', 'x', 5), "bad argument #3 to 'load' (string expected, got number)"],
    ['doString', () => s.doString(undefined), "bad argument #1 to 'doString' (string expected, got undefined)"],
    ['doString', () => s.doString('return 1', 5), "bad argument #2 to 'load' (string expected, got number)"],
    ['doFile', () => s.doFile(null), "bad argument #1 to 'doFile' (string expected, got null)"],
    ['call', () => s.call(42), 'attempt to call a number value'],
    ['call', () => s.call(s.load('return ...'), 2n ** 70n), 'integer 1180591620717411303424 out of range'],
    ['callLua', () => s.callLua(undefined), 'attempt to call a nil value'],
    ['callTraced', () => s.callTraced(true), 'attempt to call a boolean value'],
    ['register', () => s.register(123, () => 1), "bad argument #1 to 'register' (string expected, got number)"],
    ['register', () => s.register('f', 'nope'), "bad argument #2 to 'register' (function expected, got string)"],
    ['getGlobal', () => s.getGlobal({}), "bad argument #1 to 'getGlobal' (string expected, got object)"],
    ['setGlobal', () => s.setGlobal(undefined, 1), "bad argument #1 to 'setGlobal' (string expected, got undefined)"],
    ['get', () => s.get(1), "bad argument #1 to 'get' (string expected, got number)"],
    ['set', () => s.set(null, 1), "bad argument #1 to 'set' (string expected, got null)"],
    ['set', () => s.set('x', Symbol('s')), 'cannot convert a JS symbol to a Lua value'],
    ['getNumber', () => s.getNumber([]), "bad argument #1 to 'getNumber' (string expected, got array)"],
    ['getInteger', () => s.getInteger(1), "bad argument #1 to 'getInteger' (string expected, got number)"],
    ['getString', () => s.getString(undefined), "bad argument #1 to 'getString' (string expected, got undefined)"],
    ['getBoolean', () => s.getBoolean(true), "bad argument #1 to 'getBoolean' (string expected, got boolean)"],
    ['getTable', () => s.getTable(null), "bad argument #1 to 'getTable' (string expected, got null)"],
    ['getFunction', () => s.getFunction(0), "bad argument #1 to 'getFunction' (string expected, got number)"],
    ['toLua', () => s.toLua(1, 5), "bad argument #2 to 'toLua' (options object expected, got number)"],
    ['toLua', () => s.toLua(-(2n ** 64n)), 'out of range (Lua integers are 64-bit)'],
    ['toJS', () => s.toJS(1, 'deep'), "bad argument #2 to 'toJS' (options object expected, got string)"],
    ['trace', () => s.trace('stdout'), "bad argument #1 to 'trace' (function expected, got string)"],
    ['openLibrary', () => s.openLibrary(5), "bad argument #1 to 'openLibrary' (library ({ name, open }) expected, got number)"],
    ['openLibrary', () => s.openLibrary({ name: 'x' }), "bad argument #1 to 'openLibrary' (library ({ name, open }) expected, got object)"],
  ];
  for (const [method, f, message] of cases) {
    const e = luaErrorOf(f);
    assert.ok(e.message.includes(message), `${method}: ${e.message}`);
    assert.not.match(e.message, 'internal error');
  }
  // pin, unpin, interrupt, collect and close accept anything (pinning a number does nothing)
  s.pin(5); s.unpin(undefined);
  assert.equal(s.doString('return 1 + 1'), [2]);
});

test('run, runTraced and start with a bad argument', async () => {
  const s = new LuaState() as any;
  for (const [f, message] of [
    [() => s.run(5), 'attempt to call a number value'],
    [() => s.run(42n ** 30n), 'out of range'],
    [() => s.runTraced('return +'), 'unexpected symbol'],
  ] as [() => Promise<unknown>, string][]) {
    let caught: unknown;
    await f().catch((e: unknown) => { caught = e; });
    assert.instance(caught, LuaError);
    assert.ok((caught as LuaError).message.includes(message), (caught as LuaError).message);
  }
  assert.equal(await s.run('return 3'), [3]);
});

test('bad options to new LuaState, on both entry points', () => {
  for (const State of [LuaState, BrowserLuaState] as any[]) {
    const cases: [unknown, string][] = [
      [5, "bad argument #1 to 'LuaState' (options object expected, got number)"],
      [null, "bad argument #1 to 'LuaState' (options object expected, got null)"],
      [{ libs: 'base' }, "bad option 'libs' to 'LuaState' (array of strings expected, got 'base')"],
      [{ libraries: 5 }, "bad option 'libraries' to 'LuaState' (array of libraries expected, got number)"],
      [{ memoryLimit: '8MB' }, "bad option 'memoryLimit' to 'LuaState' (positive number expected, got '8MB')"],
      [{ strings: 'utf16' }, "bad option 'strings' to 'LuaState' ('text' or 'bytes' expected, got 'utf16')"],
      [{ write: 'out.txt' }, "bad option 'write' to 'LuaState' (function expected, got 'out.txt')"],
      [{ sandbox: 'yes' }, "bad option 'sandbox' to 'LuaState' (boolean expected, got 'yes')"],
      [{ platform: 1 }, "bad option 'platform' to 'LuaState' (object expected, got number)"],
      // a signal no other thread can write is a mistake, not a no-op
      [{ interruptSignal: new Int32Array(1) }, "bad option 'interruptSignal' to 'LuaState' (Int32Array over a SharedArrayBuffer expected, got object)"],
      [{ interruptSignal: new Int32Array(new SharedArrayBuffer(0)) }, "bad option 'interruptSignal' to 'LuaState' (Int32Array over a SharedArrayBuffer expected, got object)"],
    ];
    for (const [options, message] of cases) assert.is(luaErrorOf(() => new State(options)).message, message);
  }
});

test.run();
