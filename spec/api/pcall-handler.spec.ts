/**
 * lua_pcall's message handler through the API: `lua.pcall(L, f, args,
 * msgh)` gives what `xpcall(f, msgh, ...)` gives in Lua code, called from
 * a native or straight from the host; without a handler, no handler runs,
 * not even an enclosing xpcall's (as Lua's own pcall inside xpcall);
 * `lua.pcallh` is the same call with its status code.
 *
 * Manual: §4.4 (lua_pcall, the message handler, LUA_ERRRUN/LUA_ERRERR),
 * §6.1 (pcall, xpcall). PUC-Rio counterpart: lapi.c lua_pcallk, ldo.c
 * luaD_throw / luaG_errormsg.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState, native, type Value } from '../../src/index.ts';
import * as lua from '../../src/api/lua.ts';

const FUNCTIONS = `
  local function fails(x) error('bad ' .. tostring(x)) end
  local function fine(a, b) return a + b, 'two' end
  local function throwsTable() error({code = 7}) end
  -- the handler names the function where the error happened: it runs before the stack unwinds
  local function where(m)
    local info = debug.getinfo(3, 'n')
    return 'handled (' .. tostring(info and info.name) .. '): ' .. tostring(type(m) == 'table' and m.code or m)
  end
  local function failing() error('again') end
  return fails, fine, throwsTable, where, failing`;

function setup() {
  const state = new LuaState();
  const [fails, fine, throwsTable, where, failing] = state.callLua(state.load(FUNCTIONS, '=fns'));
  const cases: [string, Value, Value[], Value][] = [
    ['error, handler', fails, [1], where],
    ['error, failing handler', fails, [1], failing],
    ['table error, handler', throwsTable, [], where],
    ['success, handler', fine, [1, 2], where],
    ['not callable, handler', 42, [], where],
  ];
  // xpcall in Lua code, the reference
  const xpcall = state.load('local f, h = ... return xpcall(f, h, select(3, ...))', '=ref');
  const reference = (f: Value, args: Value[], h: Value) => state.callLua(xpcall, f, h, ...args);
  return { state, cases, reference, where };
}

/** The tables in a result compared by their `code` field (each run makes a new one). */
function shape(values: Value[]): unknown[] {
  return values.map((v) => (v instanceof Object && 'get' in v ? `table ${String((v as lua.LuaTable).getStr('code'))}` : v));
}

test('§4.4 lua.pcall with a handler from the host is xpcall', () => {
  const { state, cases, reference } = setup();
  for (const [what, f, args, h] of cases) {
    const top = state.L.top;
    assert.equal(shape(lua.pcall(state.L, f, args, h)), shape(reference(f, args, h)), what);
    assert.is(state.L.top, top, `${what}: the stack as it was`);
  }
  assert.equal(state.doString('return 1 + 1'), [2]);
});

test('§4.4 lua.pcall with a handler from a native is xpcall', () => {
  const { state, cases, reference } = setup();
  let out: Value[] = [];
  const viaNative = native('viaNative', (L) => {
    const f = L.stack[L.top - 3], args = L.stack[L.top - 2] as lua.LuaTable, h = L.stack[L.top - 1];
    out = lua.pcall(L, f, args.length() > 0 ? [args.getInt(1), args.getInt(2)] : [], h);
    return 0;
  });
  const run = state.load('local n, f, args, h = ... n(f, args, h)', '=run');
  for (const [what, f, args, h] of cases) {
    const t = lua.createtable(state.L);
    args.forEach((v, i) => t.setInt(i + 1, v));
    state.callLua(run, viaNative, f, t, h);
    assert.equal(shape(out), shape(reference(f, args, h)), what);
  }
});

test("§4.4 lua.pcall without a handler: none runs, not even an enclosing xpcall's", () => {
  const { state, cases } = setup();
  const fails = cases[0][1];
  state.setGlobal('viaNative', native('viaNative', (L) => {
    for (const v of lua.pcall(L, fails, [2])) L.push(v);
    return 2;
  }));
  const show = `local b = table.pack(xpcall(..., function(m) return 'outer ' .. m end))
    return tostring(b[1]) .. ' ' .. tostring(b[2]) .. ' ' .. b[3]`;
  const [ours] = state.callLua(state.load(show), state.getGlobal('viaNative'));
  // the same as Lua's own pcall inside xpcall
  const [ref] = state.callLua(state.load(show), state.callLua(state.load('local f = ... return function() return pcall(f, 2) end'), fails)[0]);
  assert.is(ours, ref);
  assert.is(ours, 'true false fns:2: bad 2');
});

test('§4.4 lua.pcallh is lua.pcall with the status code', () => {
  const { state, cases } = setup();
  const statuses: number[] = [];
  for (const [what, f, args, h] of cases) {
    const r = lua.pcallh(state.L, f, args, h);
    const p = lua.pcall(state.L, f, args, h);
    statuses.push(r.status);
    assert.equal(shape([r.status === lua.Status.OK, ...r.values]), shape(p), what);
  }
  assert.equal(statuses, [lua.Status.ERRRUN, lua.Status.ERRERR, lua.Status.ERRRUN, lua.Status.OK, lua.Status.ERRRUN]);
});

test.run();
