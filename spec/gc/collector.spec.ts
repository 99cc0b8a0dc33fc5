/**
 * The collector: accounting, weak tables and ephemerons, finalizers
 * (order, resurrection, errors as warnings, closing a state), the
 * collectgarbage options, the invariant checked at every step of an
 * interleaved run, stress mode's poisoning, the memory limit and the log;
 * then generational mode: the ages, minor collections, the barriers that
 * make old objects touched or young ones old0, weak tables and finalizers
 * in minor collections, major and bad collections, switching modes.
 *
 * Manual: §2.5 (garbage collection), §2.5.1 (incremental mode), §2.5.2
 * (generational mode), §2.5.3 (finalizers), §2.5.4 (weak tables), §6.1
 * (collectgarbage, warn).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState, LuaTable, LuaError } from '../../src/index.ts';
import { checkHeap } from '../../src/gc/verify.ts';
import { addGcTestFunctions } from '../../src/lib/testlib.ts';

/** A state whose warnings are collected in `warnings`. */
function withWarnings(): { lua: LuaState; warnings: string[] } {
  const lua = new LuaState();
  const warnings: string[] = [];
  lua.global.warnWrite = (s) => { warnings.push(s); };
  return { lua, warnings };
}

test('count rises with a 4 MB string and falls once it is collected', () => {
  const lua = new LuaState();
  const [before, during, after] = lua.doString(`
    collectgarbage(); collectgarbage()
    local m = collectgarbage("count")
    local s = string.rep("x", 4 * 1024 * 1024)
    local d = collectgarbage("count")
    s = nil
    collectgarbage()
    return m, d, collectgarbage("count")
  `).map((v) => Number((v as { n?: number }).n ?? v));
  assert.ok(during > before + 4096, `count while the string lives: ${during} vs ${before}`);
  assert.ok(after < before + 2, `count after collection: ${after} vs ${before}`);
});

test('weak keys, weak values, both, and ephemerons (a value that refers to its own key)', () => {
  const lua = new LuaState();
  const r = lua.doString(`
    local function count(t) local n = 0 for _ in pairs(t) do n = n + 1 end return n end
    local keep = {}
    local k = setmetatable({}, {__mode = "k"})
    k[keep] = 1; k[{}] = 2; k.str = {}
    local v = setmetatable({}, {__mode = "v"})
    v[1] = keep; v[2] = {}; v[3] = "a string stays"; v.x = {}
    local kv = setmetatable({}, {__mode = "kv"})
    kv[keep] = {}; kv[{}] = keep; kv.y = keep
    local e = setmetatable({}, {__mode = "k"})
    do local key = {} ; e[key] = {ref = key} end   -- only reachable through itself
    e[keep] = {ref = keep}
    collectgarbage()
    return count(k), k.str ~= nil, count(v), v[1] == keep, v[3], count(kv), kv.y == keep, count(e), e[keep].ref == keep
  `);
  assert.equal(r, [2, true, 2, true, 'a string stays', 1, true, 1, true]);
});

test('finalizers run newest first, can resurrect, and errors become warnings', () => {
  const { lua, warnings } = withWarnings();
  const r = lua.doString(`
    warn("@on")
    local order = {}
    for i = 1, 3 do setmetatable({}, {__gc = function() order[#order + 1] = i end}) end
    local saved
    setmetatable({name = "phoenix"}, {__gc = function(o) saved = o end})
    setmetatable({}, {__gc = function() error("boom") end})
    collectgarbage()
    return table.concat(order, " "), saved and saved.name
  `);
  assert.equal(r, ['3 2 1', 'phoenix']);
  assert.match(warnings.join(''), /^Lua warning: error in __gc \(.*boom\)\n$/);
});

test('__gc must be in the metatable when it is set; a finalizer runs once per registration', () => {
  const lua = new LuaState();
  const r = lua.doString(`
    local n, late = 0, 0
    local mt = {}
    setmetatable({}, mt)
    mt.__gc = function() late = late + 1 end     -- too late for that object
    local again = {__gc = function(o) n = n + 1 if n < 3 then setmetatable(o, getmetatable(o)) end end}
    setmetatable({}, again)
    for _ = 1, 5 do collectgarbage() end
    return n, late
  `);
  assert.equal(r, [3, 0]);
});

test('closing a state runs the pending finalizers', () => {
  const lua = new LuaState();
  const seen: string[] = [];
  lua.register('note', (s: string) => { seen.push(s); });
  lua.doString(`
    keep = setmetatable({}, {__gc = function() note("kept object") end})
    setmetatable({}, {__gc = function() note("garbage") end})
  `);
  lua.close();
  assert.equal(seen, ['garbage', 'kept object']);
});

test('collectgarbage options and their results', () => {
  const lua = new LuaState();
  const r = lua.doString(`
    local p = collectgarbage("setpause", 150)
    local p2 = collectgarbage("setpause", p)
    local s = collectgarbage("setstepmul", 400)
    collectgarbage("setstepmul", s)
    collectgarbage("stop")
    local stopped = collectgarbage("isrunning")
    collectgarbage("restart")
    local m1 = collectgarbage("generational")
    local m2 = collectgarbage("incremental")
    local m3 = collectgarbage("incremental", 100, 200, 10)
    local stepEnds = false
    for _ = 1, 1000 do if collectgarbage("step") then stepEnds = true break end end
    return p, p2, s, stopped, collectgarbage("isrunning"), m1, m2, m3, stepEnds, math.type(collectgarbage("count")),
      pcall(collectgarbage, "nonsense")
  `);
  assert.equal(r.slice(0, 10), [200, 148, 100, false, true, 'incremental', 'generational', 'incremental', true, 'float']);
  assert.equal(r[10], false);
  assert.match(String(r[11]), /bad argument #1 to 'collectgarbage' \(invalid option 'nonsense'\)/);
});

test('the tri-colour invariant holds at every step of a run that mutates while marking', () => {
  const lua = new LuaState();
  let checks = 0;
  lua.register('check', () => { checkHeap(lua.global.heap); checks++; });
  lua.doString(`
    collectgarbage("incremental", 100, 100, 6)   -- small steps: marking interleaves with the program
    local roots = {}
    for i = 1, 3000 do
      local node = {i, next = roots[i % 17]}
      roots[i % 17] = node
      if i % 5 == 0 then roots[(i * 7) % 17] = {i, next = node} end
      local up = node
      roots.f = function() return up end
      collectgarbage("step", 0)
      check()
    end
  `);
  assert.ok(checks === 3000);
});

test('stress mode: a collection at every safe point, and a freed object cannot be used', () => {
  const lua = new LuaState({ gcStress: true });
  assert.equal(lua.doString(`
    local t = {}
    for i = 1, 200 do t[i] = {i} ; t[i - 1] = nil end
    local s = 0 for _, v in pairs(t) do s = s + v[1] end
    return s
  `), [200]);
  // a table the host holds without pinning it is garbage for Lua ...
  const loose = lua.toLua({ a: 1 }, { deep: true }) as LuaTable;
  const pinned = lua.toLua({ b: 2 }, { deep: true }) as LuaTable;
  lua.pin(pinned);
  lua.collect();
  // ... and stress mode poisons it
  assert.throws(() => loose.get('a'), /use of an object the collector freed/);
  assert.equal(pinned.get('b'), 2);
  lua.unpin(pinned);
});

test('a memory-limited state raises "not enough memory" and recovers', () => {
  const lua = new LuaState({ memoryLimit: 4 * 1024 * 1024 });
  const r = lua.doString(`
    local t = {}
    local ok, e = pcall(function() for i = 1, 1e7 do t[i] = {i} end end)
    local filled = #t
    t = nil
    collectgarbage()
    local after = collectgarbage("count")
    local u = {} for i = 1, 1000 do u[i] = {i} end   -- usable again
    return ok, e, filled > 1000, after < 1024, #u
  `);
  assert.equal(r, [false, 'not enough memory', true, true, 1000]);
  assert.throws(() => lua.doString('return string.rep("x", 8 * 1024 * 1024)'),
    (e: unknown) => e instanceof LuaError && e.value === 'not enough memory');
  assert.equal(lua.doString('return 1 + 1'), [2]);
});

/** A state with the collector's part of `T` (T.totalmem among it). */
function withT(): LuaState {
  const lua = new LuaState();
  const T = lua.doString('return {}')[0] as LuaTable;
  addGcTestFunctions(T);
  lua.global.globals.set('T', T);
  return lua;
}

test("T.totalmem's limit counts PUC-Rio's bytes, not V8's footprint (gc.lua's emergency collections)", () => {
  // gc.lua leaves 200 bytes of room and makes 200 short-lived tables: the
  // emergency collections free them, which is only enough when a table
  // counts as lua's 56 bytes (the host's memoryLimit counts V8's ~340)
  const lua = withT();
  const r = lua.doString(`
    collectgarbage(); collectgarbage()
    T.totalmem(T.totalmem() + 200)
    for i = 1, 200 do local a = {} end
    T.totalmem(0)
    return "done"
  `);
  assert.equal(r, ['done']);
  assert.is(lua.global.heap.footprint, false);
  assert.is(new LuaState({ memoryLimit: 1 << 24 }).global.heap.footprint, true);
});

test('a memory error is raised in the function that allocated: the pcall or resume that called it gets it, with no position', () => {
  // the limit is checked at the next check (a call, a backward jump, a
  // return); the function's own return is one, so the error is not left
  // for a check of the caller's, outside the pcall
  const lua = withT();
  const r = lua.doString(`
    local function tight (f, x)   -- allocates nothing between the two calls of T.totalmem
      collectgarbage(); collectgarbage()
      T.totalmem(T.totalmem())
      local ok, e = f(x)
      T.totalmem(0)
      return ok, e
    end
    local a, b = tight(pcall, function () return {} end)
    local c, d = tight(pcall, coroutine.wrap(function () local t = {} return t end))
    local co = coroutine.create(function () local t = {} return t end)
    local e, f = tight(coroutine.resume, co)
    return a, b, c, d, e, f, coroutine.status(co)
  `);
  assert.equal(r, [false, 'not enough memory', false, 'not enough memory', false, 'not enough memory', 'dead']);
  assert.equal(lua.doString('return 1 + 1'), [2]);
});

test('the log shows every phase of a cycle with the memory in use', () => {
  const lines: string[] = [];
  const lua = new LuaState({ gcLog: (l) => lines.push(l) });
  lua.doString('collectgarbage()');
  const phases = lines.map((l) => l.split(/\s+/)[1]);
  for (const p of ['propagate', 'atomic', 'sweepallgc', 'callfin', 'pause']) assert.ok(phases.includes(p), p);
  assert.match(lines[0], /^\[gc\] \w+ +total=\d+\.\dKB/);
});

// ---- generational mode (§2.5.2) ----

/** A state with the collector's part of `T` (T.gcage, T.gccolor, T.checkmemory) and a log. */
function generational(log?: string[]): LuaState {
  const lua = new LuaState(log ? { gcLog: (l) => log.push(l) } : {});
  const T = lua.doString('return {}')[0] as LuaTable;
  addGcTestFunctions(T);
  lua.global.globals.set('T', T);
  lua.doString('collectgarbage("generational")');
  return lua;
}

test('generational: the ages of a table and of what it refers to, collection by collection', () => {
  const lua = generational();
  const r = lua.doString(`
    local seen = {}
    local function note(...) seen[#seen + 1] = table.concat({...}, "/") end
    local U = {}
    collectgarbage()                     -- a major collection: everything alive is old
    note(T.gcage(U), T.gccolor(U))
    U[1] = {x = {234}}                   -- back barrier: U is touched, the new table new
    note(T.gcage(U), T.gccolor(U), T.gcage(U[1]), T.gccolor(U[1]))
    collectgarbage("step", 0)            -- minor: U stays listed, U[1] survived once
    note(T.gcage(U), T.gccolor(U), T.gcage(U[1]), T.gccolor(U[1]))
    collectgarbage("step", 0)            -- minor: U old again, U[1] old for the first time
    note(T.gcage(U), T.gccolor(U), T.gcage(U[1]), T.gcage(U[1].x))
    collectgarbage("step", 0)            -- markold traverses U[1] once more; all old now
    note(T.gcage(U[1]), T.gcage(U[1].x))
    T.checkmemory()
    return table.concat(seen, " "), U[1].x[1]
  `);
  assert.equal(r, ['old/black touched1/gray/new/white touched2/black/survival/white old/black/old1/old1 old/old', 234]);
});

test('generational: a minor collection frees a young object and never looks at old ones', () => {
  const lines: string[] = [];
  const lua = generational(lines);
  const r = lua.doString(`
    local big = {}
    for i = 1, 20000 do big[i] = {i} end  -- an old structure of 20001 tables
    collectgarbage("generational")        -- (building it was a bad collection: back to generational)
    collectgarbage()
    local finalized = false
    local young = setmetatable({}, {__gc = function() finalized = true end})
    local survivor = {}
    collectgarbage("step", 0)             -- both survive once (they join the list)
    local age = T.gcage(survivor)
    young, survivor = nil, nil
    collectgarbage("step", 0)             -- young dies: finalized; survivor dies: freed by sweepgen
    return finalized, age, T.gcage(big), T.gccolor(big), T.gcage(big[20000]), #big
  `);
  assert.equal(r, [true, 'survival', 'old', 'black', 'old', 20000]);
  const h = lua.global.heap;
  // traversed: a few roots and threads, not the 20001 old tables (> 1 MB)
  assert.ok(h.work.traversed < 64 * 1024, `a minor collection traversed ${h.work.traversed} bytes`);
  const last = lines.slice(lines.map((l) => /^\[gc\] minor +total/.test(l)).lastIndexOf(true));
  assert.match(last.join('\n'), /\[gc\] sweepgen .*freed=[1-9]\d* young objects/);
  assert.match(last.join('\n'), /\[gc\] minor done .* 1 finalizers/);
});

test('generational: barriers — back on tables and user values, forward on metatables and closed upvalues', () => {
  const lua = generational();
  lua.doString('debug = require "debug"');
  const r = lua.doString(`
    local out = {}
    local t, u = {}, T.newuserdata(0, 1)
    local mt = {}
    local set = (function() local x return function(v) if v then x = v end return x end end)()
    collectgarbage()                                   -- all of them old
    t.k = {}                                           -- back barrier
    debug.setuservalue(u, {})                          -- back barrier (user value)
    setmetatable(mt, {})                               -- forward barrier: the new metatable is old0
    local v = set({})                                  -- forward barrier on a closed upvalue
    out[1] = table.concat({T.gcage(t), T.gcage(u), T.gcage(getmetatable(mt)), T.gcage(v)}, " ")
    T.checkmemory()
    collectgarbage("step", 0)
    out[2] = table.concat({T.gcage(t), T.gcage(u), T.gcage(getmetatable(mt)), T.gcage(v), T.gcage(t.k)}, " ")
    T.checkmemory()
    collectgarbage("step", 0)
    collectgarbage("step", 0)
    out[3] = table.concat({T.gcage(t), T.gcage(getmetatable(mt)), T.gcage(v), T.gcage(t.k)}, " ")
    T.checkmemory()
    return out[1], out[2], out[3], getmetatable(mt) ~= nil and set() == v and t.k ~= nil
  `);
  assert.equal(r, [
    'touched1 touched1 old0 old0',
    'touched2 touched2 old1 old1 survival',
    'old old old old',
    true,
  ]);
});

test('generational: the invariant holds at every minor collection of a program that mutates old objects', () => {
  const lua = generational();
  let checks = 0;
  lua.register('check', () => { checkHeap(lua.global.heap); checks++; });
  lua.doString(`
    local roots = {}
    local co = coroutine.wrap(function() local x while true do x = coroutine.yield(function() return x end) end end)
    co()
    for i = 1, 600 do
      local node = {i, next = roots[i % 17]}
      roots[i % 17] = node
      if i % 5 == 0 then roots[(i * 7) % 17] = {i, next = node} end
      if i % 7 == 0 then setmetatable(roots[i % 17], {tag = i}) end
      roots.f = co({i})
      if i % 50 == 0 then collectgarbage() end
      collectgarbage("step", 0)
      check()
      assert(roots.f()[1] == i)
    end
  `);
  assert.ok(checks === 600);
});

test('generational: weak tables and finalizers in minor collections', () => {
  const lua = generational();
  const r = lua.doString(`
    local function count(t) local n = 0 for _ in pairs(t) do n = n + 1 end return n end
    local keep = {}
    local wv = setmetatable({}, {__mode = "v"})
    local wk = setmetatable({}, {__mode = "k"})
    local saved = {}
    collectgarbage()                       -- the weak tables and 'saved' are old
    wv[1] = {}; wv[2] = keep               -- a young value that dies, an old one that lives
    wk[{}] = 1; wk[keep] = {ref = keep}    -- a young key that dies, an old key with a young value
    local order = {}
    for i = 1, 3 do setmetatable({}, {__gc = function() order[#order + 1] = i end}) end
    setmetatable({name = "phoenix"}, {__gc = function(o) saved[1] = o end})
    collectgarbage("step", 0)              -- minor: clears, finalizes, resurrects
    local first = table.concat({count(wv), count(wk), table.concat(order, " "), saved[1].name}, "|")
    collectgarbage("step", 0); collectgarbage("step", 0)
    T.checkmemory()
    return first, saved[1].name, wk[keep].ref == keep, T.gcage(saved[1])
  `);
  assert.equal(r, ['1|1|3 2 1|phoenix', 'phoenix', true, 'old']);
});

test('generational: switching modes, parameters, step results, major and bad collections in the log', () => {
  const lines: string[] = [];
  const lua = new LuaState({ gcLog: (l) => lines.push(l) });
  const T = lua.doString('return {}')[0] as LuaTable;
  addGcTestFunctions(T);
  lua.global.globals.set('T', T);
  const r = lua.doString(`
    local m1 = collectgarbage("generational", 10, 50)   -- from incremental: a full collection
    local t = {}
    local age1 = T.gcage(t)
    collectgarbage("step", 0)
    local step = collectgarbage("step", 0)              -- a minor collection is not a pause: false
    local age2 = T.gcage(t)
    local m2 = collectgarbage("generational")
    local m3 = collectgarbage("incremental")            -- every object new and white again
    local age3, colour3 = T.gcage(t), T.gccolor(t)
    local m4 = collectgarbage("incremental")
    collectgarbage("generational")
    local keep = {}
    for i = 1, 200000 do keep[i] = {i} end               -- building: majors that free little
    collectgarbage("incremental")
    return m1, age1, step, age2, m2, m3, age3, colour3, m4, #keep
  `);
  assert.equal(r, ['incremental', 'new', false, 'old1', 'generational', 'generational', 'new', 'white', 'incremental', 200000]);
  const h = lua.global.heap;
  assert.equal([h.minormul, h.majormul, h.kind], [10, 48, 'incremental']);
  const names = lines.map((l) => l.split(/\s+/)[1]);
  for (const n of ['minor', 'sweepgen', 'major', 'sweep2old', 'bad']) assert.ok(names.includes(n), n);
});

test('generational: stress mode (a major collection at every safe point) and a memory limit', () => {
  const stressed = new LuaState({ gcStress: true });
  assert.equal(stressed.doString(`
    collectgarbage("generational")
    local t = {}
    for i = 1, 200 do t[i] = {i} ; t[i - 1] = nil end
    local s = 0 for _, v in pairs(t) do s = s + v[1] end
    return s, collectgarbage("generational")
  `), [200, 'generational']);
  const limited = new LuaState({ memoryLimit: 4 * 1024 * 1024 });
  assert.equal(limited.doString(`
    collectgarbage("generational")
    local t = {}
    local ok, e = pcall(function() for i = 1, 1e7 do t[i] = {i} end end)
    t = nil
    collectgarbage()
    return ok, e, collectgarbage("count") < 1024
  `), [false, 'not enough memory', true]);
});

test.run();
