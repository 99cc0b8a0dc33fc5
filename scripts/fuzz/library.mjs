/**
 * The scenarios of generated programs that exercise metatables, coroutines,
 * errors, to-be-closed variables and the libraries (string patterns,
 * string.pack, utf8, table, math, conversions, load and string.dump), each
 * with random and sometimes wrong arguments.
 *
 * The same rules as statements.mjs: nothing printed depends on addresses or
 * on iteration order; every loop is bounded; errors are caught and printed.
 *
 * Read next: generate.mjs.
 */
import { Gen } from './expressions.mjs';
import { doBlock, guarded } from './statements.mjs';
import { node, render } from './ast.mjs';
import { INTEGERS, FLOATS, pattern, packFormat, randomBytes, stringLiteral } from './values.mjs';

const BINARY_EVENTS = [
  ['__add', '+'], ['__sub', '-'], ['__mul', '*'], ['__div', '/'], ['__mod', '%'], ['__pow', '^'],
  ['__idiv', '//'], ['__band', '&'], ['__bor', '|'], ['__bxor', '~'], ['__shl', '<<'], ['__shr', '>>'],
  ['__concat', '..'],
];

/** Tokens for random (mostly invalid) chunks given to `load`. */
const TOKENS = [
  'local', 'x', 'y', '=', '1', '2.5', '(', ')', 'end', 'function', 'if', 'then', 'else', '..', '...',
  '"s"', "'unfinished", '[[', ']]', 'goto', '::', '::l::', 'return', ';', ',', '{', '}', '[', ']', '.',
  ':', '0x', '1e', '3..2', '--[[', '<const>', '<close>', '<foo>', 'break', 'and', 'or', 'not', '~=',
  '==', '!', '@', '$', '\\xff', '#', '+', '-', '*', '//', '>>', 'while', 'do', 'for', 'in', 'repeat',
  'until', 'nil', 'true', '\\0', '\\n', '0x1p', '"\\q"', '"\\300"', '"\\u{110000000}"', '"\\x4"',
  'local function', 'f(', 'x.y', 'x:y', '[=[', '1.2.3', '0xep', 'elseif', 'a.b.c =', '=='
];

Object.assign(Gen.prototype, {
  /** An object with a random set of metamethods, then operations on it. */
  metatableScenario() {
    const r = this.rng;
    const lines = ['local mt = {}'];
    const events = BINARY_EVENTS.filter(() => r.chance(0.35));
    for (const [ev] of events) lines.push(`mt.${ev} = function(a, b) return "${ev}(" .. show(a) .. "," .. show(b) .. ")" end`);
    if (r.chance(0.4)) lines.push(r.pick(['mt.__index = function(t, k) return "idx:" .. show(k) end',
      'mt.__index = {x = 1, [1] = "one"}', 'mt.__index = setmetatable({}, {__index = function(_, k) return k end})',
      'mt.__index = 5']));
    if (r.chance(0.3)) lines.push(r.pick(['mt.__newindex = function(t, k, v) rawset(t, k, show(v)) end',
      'mt.__newindex = {}', 'mt.__newindex = "str"']));
    if (r.chance(0.3)) lines.push('mt.__call = function(self, ...) return select("#", ...), ... end');
    if (r.chance(0.3)) lines.push(`mt.__tostring = function() return ${r.pick(['"OBJ"', '42', 'nil', '"\\0x"'])} end`);
    if (r.chance(0.3)) lines.push(`mt.__name = ${r.pick(['"MyType"', '42', '"a.b"'])}`);
    if (r.chance(0.3)) lines.push(`mt.__len = function() return ${r.pick(['3', '"x"', 'nil', '2^53'])} end`);
    if (r.chance(0.3)) lines.push(`mt.__eq = function(a, b) return ${r.pick(['true', 'false', '1', 'nil'])} end`);
    if (r.chance(0.3)) lines.push(`mt.__lt = function(a, b) return ${r.pick(['true', 'false', '"yes"', 'nil'])} end`);
    if (r.chance(0.3)) lines.push(`mt.__le = function(a, b) return ${r.pick(['true', 'false', '0'])} end`);
    if (r.chance(0.3)) lines.push('mt.__unm = function(a) return "unm" end');
    if (r.chance(0.2)) lines.push('mt.__bnot = function(a) return "bnot" end');
    if (r.chance(0.15)) lines.push('mt.__metatable = "locked"');
    lines.push('local o = setmetatable({}, mt)', 'local o2 = setmetatable({}, mt)');
    const other = () => r.pick(['o', 'o2', '1', '2.5', '"s"', '{}', 'nil', 'true', '"10"', ...INTEGERS.slice(0, 5)]);
    const ops = [];
    for (let i = r.range(2, 6); i > 0; i--) {
      ops.push(r.weighted([
        [4, () => { const [, op] = r.pick(BINARY_EVENTS); return r.chance(0.5) ? `o ${op} ${other()}` : `${other()} ${op} o`; }],
        [2, () => `${r.chance(0.5) ? 'o' : other()} ${r.pick(['==', '~=', '<', '<=', '>', '>='])} ${r.chance(0.5) ? 'o2' : other()}`],
        [1, () => r.pick(['-o', '~o', '#o', 'o()', 'o(1, nil)', 'o.x', 'o[1]', 'o.y', 'tostring(o) == "OBJ"',
          'type(getmetatable(o))', 'getmetatable(o) == "locked"', 'rawequal(o, o2)', 'rawlen(o)', 'rawget(o, "x")'])],
        [1, () => r.pick(['(function() o.z = 7 return rawget(o, "z") end)()', '(function() o[1] = true return rawget(o, 1) end)()',
          'setmetatable(o, nil) and 1', '(function() return tostring(o):sub(1, 5) end)()', 'string.format("%s", o) == "OBJ"',
          '(function() local t = {} for i = 1, 2 do t[i] = o .. i end return t[2] end)()', 'o == o2'])],
      ])());
    }
    for (const op of ops) lines.push(`P(pcall(function() return ${op} end))`);
    return doBlock(lines);
  },

  coroutineScenario() {
    const r = this.rng;
    const body = [
      'P("start", a, ...)',
      `local x, y = coroutine.yield(a, select("#", ...))`,
      'P("got", x, y, coroutine.isyieldable(), coroutine.status(co))',
    ];
    if (r.chance(0.4)) body.push('P(pcall(coroutine.yield, "in pcall"))');
    if (r.chance(0.3)) body.push(`P(pcall(coroutine.resume, co))`);
    if (r.chance(0.3)) body.push(`error(${r.pick(['"boom"', '{}', '42', 'nil', 'setmetatable({}, {__tostring = function() return "E!" end})'])})`);
    if (r.chance(0.3)) body.push('local c <close> = setmetatable({}, {__close = function(_, e) P("closing", e) end})', 'coroutine.yield("held")');
    body.push(`return "done", ${this.atom('any')}`);
    const args = () => Array.from({ length: r.range(0, 3) }, () => this.atom(r.pick(['int', 'str', 'nil']))).join(', ');
    const lines = ['local co', `co = coroutine.create(function(a, ...)\n${body.join('\n')}\nend)`];
    for (let i = r.range(2, 5); i > 0; i--) {
      lines.push(r.weighted([
        [4, () => { const a = args(); return `P(coroutine.resume(co${a ? ', ' + a : ''}))`; }],
        [1, () => 'P(coroutine.status(co))'],
        [1, () => 'P(coroutine.close(co))'],
        [1, () => 'P(coroutine.isyieldable(), select(2, coroutine.running()))'],
        [1, () => 'P(pcall(coroutine.yield, 1))'],
        [1, () => `P(pcall(coroutine.resume, ${r.pick(['nil', '1', 'coroutine.running()', '{}'])}))`],
      ])());
    }
    if (r.chance(0.5)) {
      lines.push(`local gen = coroutine.wrap(function(n) for i = 1, n do coroutine.yield(i) end ${r.pick(['', 'error("wrapped")', 'error({})', 'return "end"'])} end)`);
      lines.push(`P(pcall(gen, ${r.pick(['2', '0', '"x"'])}))`, 'P(pcall(gen))', 'P(pcall(gen))', 'P(pcall(gen))');
    }
    return doBlock(lines);
  },

  errorScenario() {
    const r = this.rng;
    const value = () => r.pick(['"msg"', '42', '1.5', 'nil', '{}', 'true', 'setmetatable({}, {__tostring = function() return "TS" end})',
      '"multi\\nline"', 'math.mininteger', '-0.0', this.atom('str')]);
    const level = () => r.pick(['', ', 0', ', 1', ', 2', ', 3', ', "2"', ', -1']);
    const t = this.fresh('t');
    const lines = [`local ${t} = {a = {}}`];
    for (let i = r.range(2, 4); i > 0; i--) {
      lines.push(r.weighted([
        [2, () => `P(pcall(error, ${value()}${level()}))`],
        [2, () => `P(pcall(function() error(${value()}${level()}) end))`],
        [1, () => `P(pcall(function() local function inner() error("deep"${level()}) end inner() end))`],
        [2, () => `P(xpcall(function(...) error(${value()}) end, function(m) return "handled: " .. show(m) end))`],
        [1, () => `P(xpcall(function() return ${value()} end, print))`],
        [1, () => `P(xpcall(function() error("x") end, function(m) error("again") end))`],
        [1, () => r.pick(['P(pcall(pcall))', 'P(pcall(xpcall))', 'P(pcall(xpcall, print))', 'P(select("#", pcall(error)))',
          `P(pcall(assert, false, ${value()}))`, 'P(pcall(assert, nil))', 'P(pcall(assert, 1, 2, 3))', 'P(pcall(assert))', 'P(pcall(error))'])],
        [3, () => `P(pcall(function() ${r.pick([
          `return ${t}.b.c`, `return ${t}.a.b.c`, `${t}.b.c = 1`, `return ${t}:nomethod()`, `return ${t}.a:m()`,
          'return G_undefined()', 'return G_undefined.x', `return ${t} + 1`, `return ${t} .. "x"`, `return -${t}`,
          `return #5`, `return (1)()`, `return ("x")()`, `return ("x").y.z`, `return ${t} < ${t}`, `return ${t} < 1`,
          `return 1 < "2"`, `return {} <= {}`, `return 1 // 0`, `return 1 % 0`, `return math.mininteger // -1`,
          `return 1.5 | 0`, `return "a" | 0`, `return "1.0" | 0`, `return 2^63 | 0`, `return ${t}.a.x.y`,
          `local s = "abc" return s.x.y`, `local n = nil return n.field`, `return ${t}[nil]`, `${t}[nil] = 1`,
          `${t}[0/0] = 1`, `return math.huge // 1 | 0`, `local u = ${t} return function() return u.q.r end`,
          `return string.rep("x", -1) .. ${t}`, `return (${t}.a)(1)`, `return ${t}.a.b()`,
        ])} end))`],
      ])());
    }
    return doBlock(lines);
  },

  /** To-be-closed variables: order of closing, errors in __close, non-closable values. */
  closeScenario() {
    const r = this.rng;
    const closer = (name) => `local ${name} <close> = ${r.weighted([
      [4, () => `setmetatable({}, {__close = function(_, e) P("close ${name}", e) ${r.chance(0.2) ? 'error("in close ' + name + '")' : ''} end})`],
      [1, () => r.pick(['nil', 'false'])],
      [1, () => r.pick(['{}', '42', '"str"'])],
    ])()}`;
    const lines = [closer('a'), 'local c <const> = 5', closer('b')];
    if (r.chance(0.4)) lines.push(`error(${r.pick(['"body"', '{}', 'nil'])})`);
    if (r.chance(0.3)) lines.push('do', closer('d'), 'end');
    lines.push(r.pick(['return "ret", c', 'return', 'P("end of body")']));
    return guarded(lines);
  },

  patternScenario() {
    const r = this.rng;
    const subject = () => r.chance(0.7) ? r.pick(['"hello world"', '"key=val, k2=v2"', '"((a)(b))"', '"  x  "',
      '"THE (quick) fox"', '"aaa"', '""', '"f(a,b)"', '"123abc456"', '"[x]"', '"a.b.c"', '"caf\\xc3\\xa9 \\0end"']) : this.atom('str');
    const init = () => r.pick(['', ', 1', ', -1', ', 0', ', 2', ', 100', ', -100', ', math.mininteger', ', "2"', ', 1.5']);
    const lines = [];
    for (let i = r.range(1, 4); i > 0; i--) {
      lines.push(r.weighted([
        [2, () => `P(pcall(string.find, ${subject()}, ${pattern(r)}${init()}${r.chance(0.2) ? ', true' : ''}))`],
        [2, () => `P(pcall(string.match, ${subject()}, ${pattern(r)}${init()}))`],
        [2, () => `P(pcall(string.gsub, ${subject()}, ${pattern(r)}, ${r.pick(['"<%0>"', '"%1"', '"%2"', '"%%"', '"%z"', '"x"', '""',
          '{hello = "HI", a = 1, b = true}', 'function(...) return select("#", ...) end', 'function() return false end',
          'function() return {} end', 'string.upper', '"%"'])}${r.chance(0.3) ? ', ' + r.pick(['0', '1', '2', '-1', '1.5', '"1"']) : ''}))`],
        [1, () => `P(pcall(function() local t = {} for a, b in string.gmatch(${subject()}, ${pattern(r)}${r.chance(0.2) ? init() : ''}) do t[#t + 1] = show(a) .. show(b) if #t > 20 then break end end return table.concat(t, "|") end))`],
        [1, () => `P(pcall(string.rep, ${subject()}, ${r.pick(['3', '0', '-1', '2.0', '2.5', '"2"'])}${r.chance(0.3) ? ', ' + this.atom('str') : ''}))`],
        [1, () => `P(pcall(string.byte, ${subject()}${init()}${init()}))`],
        [1, () => `P(pcall(string.sub, ${subject()}${init()}${init()}))`],
        [1, () => `P(pcall(string.char${r.pick(['', ', 72, 105', ', 256', ', -1', ', 0, 255', ', "65"', ', 1.5'])}))`],
        [1, () => `P(pcall(string.len, ${this.atom('any')}))`],
      ])());
    }
    return doBlock(lines);
  },

  packScenario() {
    const r = this.rng;
    const { fmt, kinds } = packFormat(r);
    const value = (k) => {
      if (r.chance(0.08)) return this.atom(r.pick(['str', 'float', 'nil']));
      if (k === 'int') return r.chance(0.6) ? r.pick(INTEGERS) : String(r.range(-300, 300));
      if (k === 'num') return r.pick(FLOATS.concat(['1', '-3']));
      return stringLiteral(r, randomBytes(r, 6));
    };
    const args = kinds.map(value).join(', ');
    return doBlock([
      `local ok, s = pcall(string.pack, ${fmt}${args ? ', ' + args : ''})`,
      'P(ok, s)',
      `if ok then P(pcall(string.unpack, ${fmt}, s)) P(pcall(string.unpack, ${fmt}, s, ${r.pick(['1', '2', '-1', '0', '#s + 1', '#s + 2'])})) end`,
      `P(pcall(string.packsize, ${fmt}))`,
      `P(pcall(string.unpack, ${fmt}, ${stringLiteral(r, randomBytes(r, 16))}))`,
    ]);
  },

  utf8Scenario() {
    const r = this.rng;
    const s = () => r.chance(0.6) ? r.pick(['"héllo"', '"\\u{10FFFF}\\u{7FF}a"', '"\\xff"', '"\\xe4"', '"abc"', '""',
      '"\\u{7FFFFFFF}"', '"\\xed\\xa0\\x80"', '"\\xc0\\x80"', '"\\xf4\\x90\\x80\\x80"', '"日本語"']) : this.atom('str');
    const i = () => r.pick(['', ', 1', ', -1', ', 0', ', 2', ', 10', ', -10']);
    const lines = [];
    for (let k = r.range(1, 4); k > 0; k--) {
      lines.push(r.weighted([
        [2, () => `P(pcall(utf8.char${r.pick(['', ', 72', ', 0x10FFFF', ', 0x7FFFFFFF', ', 0x80000000', ', -1', ', 233, 26085', ', 1.5', ', "65"'])}))`],
        [2, () => `P(pcall(utf8.codepoint, ${s()}${i()}${i()}${r.chance(0.2) ? ', true' : ''}))`],
        [2, () => `P(pcall(utf8.len, ${s()}${i()}${i()}${r.chance(0.2) ? ', true' : ''}))`],
        [2, () => `P(pcall(utf8.offset, ${s()}, ${r.pick(['1', '2', '0', '-1', '3', '-3'])}${i()}))`],
        [1, () => `P(pcall(function() local t = {} for p, c in utf8.codes(${s()}${r.chance(0.2) ? ', true' : ''}) do t[#t + 1] = p .. ":" .. c end return table.concat(t, " ") end))`],
        [1, () => `P(utf8.charpattern, string.find(${s()}, utf8.charpattern))`],
      ])());
    }
    return doBlock(lines);
  },

  /** load: random token soup, generated expressions as text, nesting limits, string.dump. */
  loadScenario() {
    const r = this.rng;
    const lua = (text) => stringLiteral(r, Array.from(Buffer.from(text, 'latin1')));
    return r.weighted([
      [3, () => {
        const toks = Array.from({ length: r.range(1, 6) }, () => r.pick(TOKENS)).join(r.pick([' ', ' ', '\n', '']));
        return node([`P(load(${lua(toks)}${r.chance(0.2) ? ', "=chunk"' : ''}))`]);
      }],
      [3, () => {
        const e = render(this.scoped(() => this.expr('any', 2)));
        return node([`P(pcall(load(${lua('return ' + e)})))`]);
      }],
      [2, () => {
        const [open, close] = r.pick([['(', ')'], ['{', '}'], ['-', ''], ['not ', ''], ['{{', '}}'], ['#', ''],
          ['function() return ', ' end'], ['f(', ')'], ['"x" .. ', '']]);
        const n = r.pick([10, 100, 150, 190, 195, 196, 197, 198, 199, 200, 201, 220, 250, 1000]);
        return node([`P(load("return " .. string.rep(${JSON.stringify(open)}, ${n}) .. "1" .. string.rep(${JSON.stringify(close)}, ${n})))`]);
      }],
      [1, () => node(['P(pcall(function() ', r.pick([
        'P(load(string.rep("local a; ", 201)))', 'P(load(string.rep("local a; ", 199)))',
        'P(load("local a " .. string.rep(", a", 250) .. " = 1"))',
        'P(load("return " .. string.rep("a.", 300) .. "b"))',
        'P(load("x = 1", "chunk", "b"))', 'P(load(string.dump(print)))',
        'P(load("\\27Lua", "bin"))', 'P(load(function() return nil end))', 'P(load(function() return {} end))',
        'P(load("return 1", "=" .. string.rep("n", 100)))', 'P(load("syntax error here", string.rep("y", 100)))',
        'P(load("return ...", nil, "t")(1, 2))', 'P(load("x =", "@file.lua"))', 'P(load("\\n\\n\\nx = = 1"))',
        'P(load("return 1", nil, "x"))', 'P(load("goto nowhere"))', 'P(load("::a:: ::a::"))',
        'P(load("break"))', 'P(load("local x <const> = 1; x = 2"))', 'P(load("local x <close> = 1; local y <close> = 2"))',
        'P(load("for i = 1 do end"))', 'P(load("return \\"\\\\x\\""))', 'P(load("x = [==[ unfinished"))',
        'P(load("--[[ unfinished"))', 'P(load("return 0x"))', 'P(load("return 1e+"))', 'P(load("a = 3 b = 4 c"))',
      ]), ' end))'])],
      [2, () => {
        const body = render(this.scoped(() => { this.declare('a', 'any'); return this.expr('any', 2); }));
        return doBlock([
          `local f = function(a, ...) local t = {...} return ${body}, #t end`,
          `local g = load(string.dump(f${r.chance(0.5) ? ', true' : ''}))`,
          `P(pcall(f, ${this.atom('any')}, 1, 2))`, 'P(pcall(g, 3))',
          `P(#string.dump(f) > 0)`,
        ]);
      }],
    ])();
  },

  tableLibScenario() {
    const r = this.rng;
    const seq = Array.from({ length: r.range(0, 6) }, () => this.atom(r.pick(['int', 'int', 'str', 'float']))).join(', ');
    const pos = () => r.pick(['1', '0', '-1', '#t', '#t + 1', '#t + 2', '2', '1.0', '1.5', '"1"', 'math.maxinteger']);
    // table.move walks every index between its bounds: keep them near the sequence
    const movePos = () => r.pick(['1', '0', '-1', '#t', '#t + 1', '2', '1.0', '1.5', '"1"', '3']);
    const lines = [`local t = {${seq}}`];
    for (let k = r.range(1, 4); k > 0; k--) {
      lines.push(r.weighted([
        [2, () => `P(pcall(table.insert, t, ${r.chance(0.5) ? pos() + ', ' : ''}${this.atom('any')}))`],
        [2, () => `P(pcall(table.remove, t${r.chance(0.6) ? ', ' + pos() : ''}))`],
        [2, () => `P(pcall(table.concat, t${r.pick(['', ', ","', ', ", ", 2', ', "", 1, 3', ', "-", 3, 1', ', 1', ', "", 1, 100'])}))`],
        [1, () => `P(pcall(table.unpack, t${r.pick(['', ', 2', ', 2, 3', ', -1, 1', ', 1, math.maxinteger', ', math.mininteger, 2'])}))`],
        [1, () => `P(pcall(function() local d = {} table.move(t, ${movePos()}, ${movePos()}, ${movePos()}, d) return d[1], d[2], d[3] end))`],
        [1, () => `P(pcall(table.move, t, ${r.pick(['-1, math.maxinteger', 'math.mininteger, -1', '1, -1', '0, 2'])}, 2))`],
        [1, () => `P(pcall(table.sort, t${r.pick(['', ', function(a, b) return a > b end', ', function(a, b) return show(a) < show(b) end'])}))`],
        [1, () => `P(table.pack(${seq}).n, select("#", table.unpack({${seq}})))`],
      ])());
      lines.push('P(#t, t[1], t[2], t[3], t[#t])');
    }
    return doBlock(lines);
  },

  mathScenario() {
    const r = this.rng;
    const x = () => r.pick(INTEGERS.concat(FLOATS));
    const lines = [];
    if (r.chance(0.4)) lines.push(`math.randomseed(${r.pick(['42', '0', '-1', 'math.maxinteger', '7, 8'])})`,
      `P(math.random(1, 100), math.random(${r.pick(['10', '0', 'math.maxinteger', '-5, 5', 'math.mininteger, math.maxinteger'])}), math.random())`,
      `P(pcall(math.random, ${r.pick(['2, 1', '1, 2, 3', '0.5', '"x"', 'math.maxinteger, math.mininteger'])}))`);
    for (let k = r.range(1, 4); k > 0; k--) {
      lines.push(r.pick([
        () => `P(pcall(math.${r.pick(['abs', 'floor', 'ceil', 'sqrt', 'exp', 'log', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'tointeger', 'type', 'modf'])}, ${x()}))`,
        () => `P(pcall(math.${r.pick(['fmod', 'log', 'atan', 'max', 'min', 'ult'])}, ${x()}, ${x()}))`,
        () => `P(pcall(math.${r.pick(['max', 'min'])}${r.chance(0.2) ? '' : ', ' + x()}))`,
        () => `P(${x()} ${r.pick(['<', '<=', '==', '>'])} ${x()}, ${x()} ${r.pick(['//', '%', '/', '^'])} ${x()})`,
      ])());
    }
    return doBlock(lines);
  },

  /** tonumber / tostring / math.tointeger round trips. */
  conversionScenario() {
    const r = this.rng;
    const lines = [];
    for (let k = r.range(1, 4); k > 0; k--) {
      lines.push(r.pick([
        () => `P(tonumber(${this.atom('str')}))`,
        () => `P(pcall(tonumber, ${this.atom(r.pick(['str', 'int']))}, ${r.pick(['2', '8', '10', '16', '36', '1', '37', '2.0', '2.5', '"10"', 'nil'])}))`,
        () => `P(tostring(${r.pick(FLOATS.concat(INTEGERS))}))`,
        () => `P(math.tointeger(${this.atom('any')}))`,
        () => { const v = r.pick(FLOATS.concat(INTEGERS)); return `P(tonumber(tostring(${v})) == ${v}, string.format("%.14g", ${v}), ${v} .. "")`; },
        () => `P(tonumber(${JSON.stringify(r.pick(['z', '7fffffffffffffff', 'ffffffffffffffffff', '-ff', '  11  ', '1.5', '', '-', '10', 'Zz']))}, ${r.pick(['16', '36', '2', '10'])}))`,
        () => `P(pcall(tostring))`,
        () => `P(string.format("%q", ${r.pick(FLOATS.concat(INTEGERS))}))`,
      ])());
    }
    return doBlock(lines);
  },
});

export { guarded };
