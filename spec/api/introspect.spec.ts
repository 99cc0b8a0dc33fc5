/**
 * The machine-side introspection behind the `T` test library
 * (src/api/introspect.ts), and `T` itself (src/lib/testlib.ts): off unless
 * LUCID_TESTLIB is set, and then the functions the official suite uses.
 * No manual section: `T` is PUC-Rio's ltests.c, a testing aid (the
 * collector it looks at is §2.5).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState } from '../../src/index.ts';
import { LuaTable } from '../../src/value/index.ts';
import {
  GC_STATE_NAMES, gcStateName, gcMode, runGcToState, gcColor, gcAge, totalMemory, countObjectsOfType,
  setMemoryLimit, listEveryObject, checkMemory, protoOf, listcode, watchCollector, type CollectorEvent,
} from '../../src/api/introspect.ts';

/** A new state made with LUCID_TESTLIB set to `value` (or unset), the environment restored after. */
function stateWithTestlib(value: string | undefined): LuaState {
  const saved = process.env.LUCID_TESTLIB;
  if (value === undefined) delete process.env.LUCID_TESTLIB; else process.env.LUCID_TESTLIB = value;
  try {
    return new LuaState();
  } finally {
    if (saved === undefined) delete process.env.LUCID_TESTLIB; else process.env.LUCID_TESTLIB = saved;
  }
}

test('T is off unless LUCID_TESTLIB is set; then it has the functions the official suite uses', () => {
  assert.equal(stateWithTestlib(undefined).doString('return T'), [undefined]);
  const lua = stateWithTestlib('1');
  const [names] = lua.doString(`
    local n = {}
    for k, v in pairs(T) do if type(v) == "function" then n[#n + 1] = k end end
    table.sort(n)
    return table.concat(n, " ")`);
  assert.is(names, 'alloccount allocfailnext checkmemory checkpanic closestate d2s doonnewstack doremote gcage gccolor gcstate getref ' +
    'listabslineinfo listcode listk listlocals loadlib makeCfunc newstate newuserdata pushuserdata querystr ref resume ' +
    's2d sethook stacklevel testC totalmem udataval unref upvalue');
});

test('collector states: read, run to one, and the errors of T.gcstate', () => {
  const lua = new LuaState();
  const L = lua.L;
  assert.ok(GC_STATE_NAMES.includes(gcStateName(L)));
  runGcToState(L, 'propagate');
  assert.is(gcStateName(L), 'propagate');
  runGcToState(L, 'callfin');
  assert.is(gcStateName(L), 'callfin');
  runGcToState(L, 'atomic');                   // behind: through the end of this cycle
  assert.is(gcStateName(L), 'atomic');
  runGcToState(L, 'pause');
  const T = stateWithTestlib('1');
  const [bad, gen] = T.doString(`
    local _, bad = pcall(T.gcstate, "nowhere")
    collectgarbage("generational")
    local _, gen = pcall(T.gcstate, "pause")
    collectgarbage("incremental")
    return bad, gen`);
  assert.match(String(bad), /invalid state 'nowhere'$/);
  assert.match(String(gen), /cannot change states in generational mode$/);
  assert.is(gcMode(L), 'incremental');
});

test('colours and ages of objects; values the collector does not manage', () => {
  const lua = new LuaState();
  const L = lua.L;
  const [t, kept] = lua.doString('keep = {} return {}, keep') as LuaTable[];
  lua.doString('local x = 1');                   // the registers no longer hold t
  assert.is(gcColor(L, 'a string'), 'no collectable');
  assert.is(gcColor(L, 42), 'no collectable');
  assert.is(gcAge(true), 'no collectable');
  assert.is(gcAge(t), 'new');                    // incremental mode: every object is new
  runGcToState(L, 'propagate');
  assert.equal([gcColor(L, t), gcColor(L, kept)], ['white', 'white']);
  runGcToState(L, 'sweepallgc');                 // t was not reached: dead until swept
  assert.equal([gcColor(L, t), gcColor(L, kept)], ['dead', 'black']);
  runGcToState(L, 'pause');
  assert.is(gcColor(L, kept), 'white');
  assert.is(checkMemory(L), undefined);
});

test('memory: bytes in use, objects of a type, a limit', () => {
  const lua = new LuaState();
  const L = lua.L;
  listEveryObject(L);
  const before = countObjectsOfType(L, 'table');
  lua.doString('keep = {{}, {}, {}}');
  assert.ok(countObjectsOfType(L, 'table') >= before + 4);
  assert.ok(totalMemory(L) > 0);
  setMemoryLimit(L, totalMemory(L) + 64 * 1024);
  const [ok, msg] = lua.doString('return pcall(string.rep, "x", 1e6)');
  assert.equal([ok, msg], [false, 'not enough memory']);
  setMemoryLimit(L, 0);
  assert.equal(lua.doString('return #string.rep("x", 1e6)'), [1e6]);
});

test('compiled code: the prototype of a Lua function, its listing', () => {
  const lua = new LuaState();
  const f = lua.load('return 1');
  const p = protoOf(f)!;
  assert.ok(p !== undefined);
  assert.is(protoOf(lua.global.globals.get('print')), undefined);
  const listing = listcode(p);
  assert.is(listing.code.length, p.code.length);
  assert.match(listing.code[listing.code.length - 1], /RETURN/);
});

test('§2.5 watchCollector: log lines and steps, barriers as they fire, finalizers before they run; stopping restores the log', () => {
  const lua = new LuaState();
  const other = new LuaState();
  const events: CollectorEvent[] = [];
  const stop = watchCollector(lua.L, (e) => events.push(e));
  let otherSaw = 0;
  const stopOther = watchCollector(other.L, () => { otherSaw++; });
  lua.doString(`
    collectgarbage('stop')
    setmetatable({}, {__gc = function() finalized = true end})
    collectgarbage()                    -- the finalizer runs
    collectgarbage('restart')
  `);
  const kinds = new Set(events.map((e) => e.kind));
  assert.ok(kinds.has('log'), 'log lines');
  assert.ok(kinds.has('finalizer'), 'the finalizer');
  const fin = events.find((e) => e.kind === 'finalizer');
  assert.ok(fin !== undefined && fin.kind === 'finalizer' && fin.object instanceof LuaTable);
  assert.ok(events.some((e) => e.kind === 'log' && /^\[gc\] /.test(e.line)));
  assert.equal(lua.doString('return finalized'), [true]);
  // a store into a black table fires the back barrier: make one black by finishing a cycle's marking
  events.length = 0;
  lua.doString('collectgarbage("stop") held = {} ');
  runGcToState(lua.L, 'sweepallgc');
  assert.is(gcColor(lua.L, lua.getGlobal('held')), 'black');
  lua.doString('held.x = {}');
  assert.ok(events.some((e) => e.kind === 'barrier-back' && e.object === lua.getGlobal('held')), 'the back barrier on held');
  // each state is watched on its own
  assert.is(otherSaw, 0);
  stop();
  events.length = 0;
  lua.doString('collectgarbage() held.y = {}');
  assert.is(events.length, 0, 'stopped');
  assert.is(lua.global.heap.log, undefined);
  assert.is(lua.global.heap.logSteps, false);
  stopOther();
});

test.run();
