/**
 * Robustness fuzzing (`npm run fuzz -- --robust`): programs that feed lucid
 * what real programs rarely do — `load` on random bytes, on mutated source
 * text and on mutated binary chunks (string.dump output), deeply nested
 * chunks, huge strings and repetitions, string.rep / table.concat /
 * string.format near the size limits, runaway recursion through calls,
 * metamethods and coroutines. There is no oracle here: lua itself may
 * crash on a malformed binary chunk. What is checked is that every outcome
 * is a Lua value or a Lua error — never a JavaScript exception, an
 * "internal error", a hang (batches run with a timeout, mutated code runs
 * under a count hook) or a crash of Node.
 *
 * Read next: run.mjs (isInternalFailure decides what is a failure).
 */
import { Rng } from './prng.mjs';
import { generateProgram, PRELUDE } from './generate.mjs';
import { render } from './ast.mjs';
import { stringLiteral } from './values.mjs';
import { runAll, isInternalFailure } from './run.mjs';

/** A Lua literal for arbitrary bytes: decimal escapes, always valid. */
const bytesLiteral = (bytes) => '"' + bytes.map((b) => `\\${String(b).padStart(3, '0')}`).join('') + '"';

/** `bytes` with a few random edits: flips, deletions, insertions, duplicated runs. */
function mutate(rng, bytes) {
  const out = bytes.slice();
  for (let k = rng.range(1, 6); k > 0 && out.length > 0; k--) {
    const i = rng.int(out.length);
    switch (rng.int(5)) {
      case 0: out[i] = rng.int(256); break;
      case 1: out[i] ^= 1 << rng.int(8); break;
      case 2: out.splice(i, rng.range(1, 8)); break;
      case 3: out.splice(i, 0, ...Array.from({ length: rng.range(1, 4) }, () => rng.int(256))); break;
      default: { const j = Math.min(out.length, i + rng.range(1, 40)); out.splice(j, 0, ...out.slice(i, j)); }
    }
  }
  return out;
}

/** Under a count hook: mutated code may loop forever, and that is no bug. */
const BUDGETED = 'local function budgeted(f, ...) debug.sethook(function() error("budget exhausted") end, "", 200000) local r = table.pack(pcall(f, ...)) debug.sethook() return table.unpack(r, 1, r.n) end';

function robustProgram(seed, index) {
  const rng = new Rng((seed * 7919 + index * 104729) >>> 0);
  // huge strings are shown by their length
  const lines = [PRELUDE[0].replace('local function show(v)', 'local function show(v)\n  if type(v) == "string" and #v > 200 then return "<" .. #v .. " bytes>" end'), PRELUDE[1], BUDGETED];
  const source = () => Array.from(Buffer.from(render(generateProgram(seed + 1000, index)), 'latin1'));
  for (let k = rng.range(2, 5); k > 0; k--) {
    lines.push(rng.weighted([
      [3, () => `P(pcall(load, ${bytesLiteral(Array.from({ length: rng.range(0, 64) }, () => rng.int(256)))}, "=rnd", "${rng.pick(['t', 'b', 'bt'])}"))`],
      [2, () => `P(pcall(load, "\\27Lua" .. ${bytesLiteral(Array.from({ length: rng.range(0, 80) }, () => rng.int(256)))}))`],
      [4, () => `do local f = load(${bytesLiteral(mutate(rng, source()))}, "=mutated") P(f ~= nil) if f then P(budgeted(f)) end end`],
      [4, () => {
        const edits = Array.from({ length: rng.range(1, 6) }, () => `{${rng.int(4000)}, ${rng.int(256)}}`).join(', ');
        return [
          `do local ok, f = pcall(load, ${stringLiteral(rng, Array.from(Buffer.from('local a, b = ... local t = {a, b, "s", 1.5} for i = 1, 3 do t[#t + 1] = i * (a or 1) end return #t, b', 'latin1')))})`,
          `local d = string.dump(f${rng.chance(0.5) ? ', true' : ''})`,
          `for _, e in ipairs({${edits}}) do local i = e[1] % #d + 1 d = d:sub(1, i - 1) .. string.char(e[2]) .. d:sub(i + 1) end`,
          `local g, msg = load(d, "=dump", "b") P(g ~= nil, msg) if g then P(budgeted(g, 2, "x")) end end`,
        ].join('\n');
      }],
      [2, () => {
        const [open, close] = rng.pick([['(', ')'], ['{', '}'], ['-', ''], ['not ', ''], ['function() return ', ' end'],
          ['f(', ')'], ['a.', 'b'], ['"x" .. ', '"y"'], ['do ', ' end'], ['if x then ', ' end'], ['[[', ']]'], ['{[1] = ', '}']]);
        const n = rng.pick([1000, 10000, 100000, 1000000]);
        return `P(pcall(load, "return " .. string.rep(${JSON.stringify(open)}, ${n}) .. "1" .. string.rep(${JSON.stringify(close)}, ${n})))`;
      }],
      [2, () => rng.pick([
        'P(pcall(string.rep, "x", 2^31))', 'P(pcall(string.rep, "ab", 2^28, ","))', 'P(pcall(string.rep, "x", math.maxinteger))',
        'P(pcall(string.rep, "", math.maxinteger))', 'P(pcall(string.rep, "x", 2^28, string.rep("y", 2^20)))',
        'do local s = string.rep("x", 2^27) P(pcall(function() return #(s .. s .. s .. s .. s) end)) end',
        'do local s = string.rep("x", 2^27) P(pcall(table.concat, {s, s, s, s, s})) end',
        'do local s = string.rep("x", 2^27) P(pcall(string.format, "%s%s%s%s%s", s, s, s, s, s)) end',
        'do local s = string.rep("x", 2^27) P(pcall(string.rep, s, 5)) end',
        'P(pcall(table.concat, setmetatable({}, {__len = function() return 2^40 end})))',
        'P(pcall(table.unpack, {}, 1, 2^31))', 'P(pcall(table.unpack, {}, 1, 1e6))', 'P(select("#", table.unpack({}, 1, 1e5)))',
        'P(pcall(string.format, "%099.99f", 1e308))', 'P(pcall(string.format, "%.99f", -1e308))', 'P(pcall(string.format, "%99.99e", 1/0))',
        'P(pcall(string.format, string.rep("%d", 10000), table.unpack({}, 1, 10000)))', 'P(pcall(string.format, "%" .. string.rep("9", 100) .. "d", 1))',
        'P(pcall(string.pack, "s4", string.rep("x", 2^24)))', 'P(pcall(string.pack, "i16", math.mininteger))', 'P(pcall(string.packsize, string.rep("i16", 2^20)))',
        'P(pcall(string.unpack, "z", string.rep("x", 2^20)))', 'P(pcall(utf8.char, table.unpack({}, 1, 1e5)))',
        'P(pcall(string.char, table.unpack({}, 1, 1e5)))', 'P(#string.rep("\\0", 2^24))',
      ])],
      [2, () => rng.pick([
        'do local function r(n) return 1 + r(n + 1) end P(pcall(r, 1)) end',
        'do local t = setmetatable({}, {}) getmetatable(t).__index = function(s, k) return s[k .. "x"] end P(pcall(function() return t.a end)) end',
        'do local function w() return coroutine.wrap(w)() end P(pcall(w)) end',
        'do local function p() return select(2, pcall(p)) end P(pcall(p)) end',
        'do local function x() return xpcall(x, x) end P(pcall(x)) end',
        'do local s = string.rep("a", 10000) P(pcall(string.gsub, s, "a", function(c) return string.gsub(c, "a", "b") end)) end',
        'do local t = {} for i = 1, 200 do t[i] = i end P(pcall(table.sort, t, function(a, b) error("cmp") end)) end',
        'do local t = {} for i = 1, 200 do t[i] = 200 - i end P(pcall(table.sort, t, function(a, b) return true end)) end',
        'P(pcall(string.find, string.rep("a", 5000), string.rep("a?", 5000) .. string.rep("a", 5000)))',
        'P(pcall(string.match, string.rep("(", 300), string.rep("%(", 300)))', 'P(pcall(string.find, "x", string.rep("(", 40) .. "x" .. string.rep(")", 40)))',
        'do local mt = {} mt.__concat = function(a, b) return a .. b end P(pcall(function() return setmetatable({}, mt) .. "x" end)) end',
        'do local co = coroutine.wrap(function() local t = setmetatable({}, {__close = function() coroutine.yield() end}) end) P(pcall(co)) end',
      ])],
    ])());
  }
  return lines.join('\n') + '\n';
}

/** Run `count` robustness programs; resolves to the exit status. */
export async function robust({ count = 500, seed = 1, jobs = 2 }) {
  const t0 = performance.now();
  const programs = Array.from({ length: count }, (_, i) => ({ id: `r${seed}_${i}`, index: i, src: robustProgram(seed, i) }));
  const got = await runAll('lucid', programs, { jobs, batchSize: 10, timeout: 120_000 });
  let passed = 0; const bad = [];
  for (const p of programs) {
    const o = got.get(p.id);
    if (o && !isInternalFailure(o)) passed++;
    else bad.push({ p, o });
  }
  console.log(`${count} robustness programs (seed ${seed}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  for (const { p, o } of bad) {
    const what = !o ? 'no outcome' : o.crash ?? (o.out + (o.error ?? '')).split('\n').find((l) => /internal error|JavaScript|RangeError|TypeError: |ReferenceError/.test(l));
    console.log(`FAIL program ${p.index}: ${String(what).slice(0, 400)}`);
  }
  console.log(`${passed} passed, ${bad.length} failed`);
  return bad.length === 0 ? 0 : 1;
}

export { robustProgram };
