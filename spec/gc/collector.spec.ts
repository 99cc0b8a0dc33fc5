/**
 * The incremental collector: accounting, weak tables and ephemerons,
 * finalizers (order, resurrection, errors as warnings, closing a state),
 * the collectgarbage options, the invariant checked at every step of an
 * interleaved run, stress mode's poisoning, the memory limit and the log.
 *
 * Manual: §2.5 (garbage collection), §2.5.1 (incremental mode), §2.5.3
 * (finalizers), §2.5.4 (weak tables), §6.1 (collectgarbage, warn).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState, LuaTable, LuaError } from '../../src/index.ts';
import { checkHeap } from '../../src/gc/verify.ts';

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

test('the log shows every phase of a cycle with the memory in use', () => {
  const lines: string[] = [];
  const lua = new LuaState({ gcLog: (l) => lines.push(l) });
  lua.doString('collectgarbage()');
  const phases = lines.map((l) => l.split(/\s+/)[1]);
  for (const p of ['propagate', 'atomic', 'sweepallgc', 'callfin', 'pause']) assert.ok(phases.includes(p), p);
  assert.match(lines[0], /^\[gc\] \w+ +total=\d+\.\dKB/);
});

test.run();
