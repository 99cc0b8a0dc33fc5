/**
 * lua_gettable, lua_settable and lua_compare done through the API give what
 * the same operation gives in Lua code: the same value, the same handler
 * calls, the same error message (without the position and variable name
 * that only an instruction has). The API and the dispatch loop share one
 * implementation of the `__index`/`__newindex` chains and of ordering
 * (src/vm/meta.ts in its FROM_API mode); these cases would catch a second
 * copy drifting away.
 *
 * Manual: §2.4 (`__index`, `__newindex`, `__lt`, `__le`), §4 (lua_gettable,
 * lua_settable, lua_compare), §8 of the 5.4 manual (the `__le` emulation of
 * LUA_COMPAT_5_3). PUC-Rio counterpart: lapi.c over lvm.c's luaV_finishget,
 * luaV_finishset, luaV_lessthan, luaV_lessequal.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState, LuaError, type Value } from '../../src/index.ts';
import * as lua from '../../src/api/lua.ts';

/** What an operation ended with: its value, or its error message. */
type Outcome = { ok: true; value: Value } | { ok: false; message: string };

/** A Lua error message without what only an instruction adds: "chunk:line: " and " (local 't')". */
function bare(message: unknown): string {
  return String(message).replace(/^[^:\n]*:\d+: /, '')
    .replace(/ \((?:local|global|field|upvalue|constant|method) '[^']*'\)$/, '');
}

function viaApi(f: () => Value): Outcome {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    assert.ok(e instanceof LuaError, `a Lua error, not ${String(e)}`);
    return { ok: false, message: String(e.value) };
  }
}

/** `body` run in Lua by pcall with the given arguments. */
function viaLua(state: LuaState, body: string, ...args: Value[]): Outcome {
  const f = state.load(`local ok, r = pcall(function(a, b, c) ${body} end, ...)
    if ok then return true, r end
    return false, r`, '=ops');
  const [ok, r] = state.callLua(f, ...args);
  return ok ? { ok: true, value: r } : { ok: false, message: bare(r) };
}

/** Values with every kind of `__index`/`__newindex`, made in `state`. */
const FIXTURES = `
  log = {}
  local function note(s) log[#log + 1] = s end
  plain = {x = 1}
  byTable = setmetatable({}, {__index = {x = 'inherited'}, __newindex = plain})
  byFunction = setmetatable({}, {
    __index = function(t, k) note('index ' .. tostring(k)) return k .. '!' end,
    __newindex = function(t, k, v) note('newindex ' .. tostring(k) .. '=' .. tostring(v)) end})
  deep = setmetatable({}, {__index = setmetatable({}, {__index = setmetatable({}, {__index = {x = 'deep'}})})})
  loop = setmetatable({}, {}) getmetatable(loop).__index = loop getmetatable(loop).__newindex = loop
  local s = setmetatable({}, {}) getmetatable(s).__index = s
  throwing = setmetatable({}, {__index = function() error('from __index', 0) end,
                               __newindex = function() error('from __newindex', 0) end})
  nan = 0/0
  named = setmetatable({}, {__name = 'Thing', __index = nil})
  ud = io.stdout
  local lt = {__lt = function(a, b) note('lt ' .. a.v .. ' ' .. b.v) return a.v < b.v end}
  ltOnly1, ltOnly2 = setmetatable({v = 1}, lt), setmetatable({v = 2}, lt)
  local le = {__le = function(a, b) note('le ' .. a.v .. ' ' .. b.v) return a.v <= b.v end}
  leOnly1, leOnly2 = setmetatable({v = 1}, le), setmetatable({v = 2}, le)
`;

function newState(compat: boolean): LuaState {
  const state = new LuaState({ compat });
  state.doString(FIXTURES);
  return state;
}

/** The handler calls logged so far, cleared. */
function takeLog(state: LuaState): string {
  const [s] = state.doString('local s = table.concat(log, "; ") log = {} return s');
  return s as string;
}

const G = (state: LuaState, name: string): Value => state.getGlobal(name);

const GETS: [string, Value][] = [
  ['plain', 'x'], ['plain', 'y'], ['byTable', 'x'], ['byFunction', 'k'], ['deep', 'x'],
  ['loop', 'x'], ['throwing', 'x'], ['ud', 'write'], ['ud', 'nothing'],
];

test('§4 lua_gettable: the value, the handler calls and the error of `a[b]` in Lua', () => {
  for (const compat of [true, false]) {
    const state = newState(compat);
    for (const [name, key] of GETS) {
      const t = G(state, name);
      const api = viaApi(() => lua.gettable(state.L, t, key));
      const apiLog = takeLog(state);
      const code = viaLua(state, 'return a[b]', t, key);
      assert.equal(api, code, `${name}[${String(key)}]`);
      assert.is(apiLog, takeLog(state), `${name}[${String(key)}] calls`);
    }
    // values without a metatable to index, and a userdata whose __name names it
    for (const v of [undefined, 42, true, lua.tonumber('1.5')]) {
      const api = viaApi(() => lua.gettable(state.L, v, 'x'));
      assert.equal(api, viaLua(state, 'return a.x', v));
      assert.not.ok(api.ok);
    }
    assert.equal(viaApi(() => lua.getfield(state.L, undefined, 'x')),
      { ok: false, message: 'attempt to index a nil value' });
    assert.equal(viaApi(() => lua.geti(state.L, G(state, 'deep'), 1)), viaLua(state, 'return a[1]', G(state, 'deep')));
  }
});

test("§4 lua_gettable: the chain limit is the loop's, with its message", () => {
  const state = newState(true);
  const r = viaApi(() => lua.gettable(state.L, G(state, 'loop'), 'x'));
  assert.equal(r, { ok: false, message: "'__index' chain too long; possible loop" });
});

const SETS: [string, Value, Value][] = [
  ['plain', 'z', 3], ['byTable', 'y', 'via'], ['byFunction', 'k', 5], ['loop', 'x', 1],
  ['throwing', 'x', 1], ['plain', undefined, 1], ['plain', 'NAN', 1], ['ud', 'x', 1],
];

test('§4 lua_settable: the store, the handler calls and the error of `a[b] = c` in Lua', () => {
  for (const compat of [true, false]) {
    const apiState = newState(compat), luaState = newState(compat);
    for (const [name, k, v] of SETS) {
      const key = k === 'NAN' ? G(apiState, 'nan') : k;
      const api = viaApi(() => { lua.settable(apiState.L, G(apiState, name), key, v); return undefined; });
      const code = viaLua(luaState, 'a[b] = c', G(luaState, name), key, v);
      assert.equal(api, code, `${name}[${String(key)}] = ${String(v)}`);
      assert.is(takeLog(apiState), takeLog(luaState), `${name}[${String(key)}] calls`);
    }
    // both states hold the same stores
    const dump = `local out = {}
      for _, n in ipairs{'plain', 'byTable'} do
        local keys = {} for k in pairs(_G[n]) do keys[#keys + 1] = tostring(k) end
        table.sort(keys)
        for _, k in ipairs(keys) do out[#out + 1] = n .. '.' .. k .. '=' .. tostring(rawget(_G[n], k)) end
      end
      return table.concat(out, ' ')`;
    assert.equal(apiState.doString(dump), luaState.doString(dump));
    assert.equal(viaApi(() => { lua.setfield(apiState.L, 7, 'x', 1); return undefined; }),
      { ok: false, message: 'attempt to index a number value' });
  }
});

test("§4 lua_settable: the chain limit is the loop's, with its message", () => {
  const state = newState(true);
  const r = viaApi(() => { lua.settable(state.L, G(state, 'loop'), 'x', 1); return undefined; });
  assert.equal(r, { ok: false, message: "'__newindex' chain too long; possible loop" });
});

const ORDER: [string, string][] = [
  ['ltOnly1', 'ltOnly2'], ['ltOnly2', 'ltOnly1'], ['leOnly1', 'leOnly2'], ['leOnly2', 'leOnly1'],
  ['plain', 'plain'], ['plain', 'ud'], ['ud', 'ud'], ['ltOnly1', 'leOnly1'],
];

test('§4 lua_compare LT/LE, compat on and off: result, metamethod calls and errors of `<` / `<=` in Lua', () => {
  for (const compat of [true, false]) {
    const state = newState(compat);
    for (const [x, y] of ORDER) {
      const a = G(state, x), b = G(state, y);
      for (const [op, expr] of [[lua.CompareOp.LT, 'a < b'], [lua.CompareOp.LE, 'a <= b']] as const) {
        const what = `${x} ${expr.slice(2, -2)} ${y} (compat ${compat})`;
        const api = viaApi(() => lua.compare(state.L, a, b, op));
        const apiLog = takeLog(state);
        assert.equal(api, viaLua(state, `return ${expr}`, a, b), what);
        assert.is(apiLog, takeLog(state), `${what} calls`);
      }
    }
    // mixed types and numbers/strings: no metamethod is looked at
    for (const [a, b] of [[1, 'x'], ['a', 'b'], [2, lua.tonumber('1.5')], [undefined, undefined]] as [Value, Value][]) {
      assert.equal(viaApi(() => lua.lessthan(state.L, a, b)), viaLua(state, 'return a < b', a, b));
      assert.equal(viaApi(() => lua.lessequal(state.L, a, b)), viaLua(state, 'return a <= b', a, b));
    }
  }
});

test('§8 compat: lua_compare LE emulates a missing __le as not (b < a) only when compat is on', () => {
  const on = newState(true), off = newState(false);
  assert.equal(viaApi(() => lua.lessequal(on.L, G(on, 'ltOnly1'), G(on, 'ltOnly2'))), { ok: true, value: true });
  assert.is(takeLog(on), 'lt 2 1');
  assert.equal(viaApi(() => lua.lessequal(off.L, G(off, 'ltOnly1'), G(off, 'ltOnly2'))),
    { ok: false, message: 'attempt to compare two table values' });
  assert.is(takeLog(off), '');
});

test('§4 an error in a handler passes through the API as it is, and the state stays usable', () => {
  const state = newState(true);
  assert.equal(viaApi(() => lua.gettable(state.L, G(state, 'throwing'), 'x')), { ok: false, message: 'from __index' });
  assert.equal(viaApi(() => { lua.settable(state.L, G(state, 'throwing'), 'x', 1); return undefined; }),
    { ok: false, message: 'from __newindex' });
  assert.equal(state.doString('return byTable.x'), ['inherited']);
});

test.run();
