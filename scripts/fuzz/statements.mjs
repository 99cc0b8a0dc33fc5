/**
 * Statements of generated programs: plain ones (locals, assignments, checks
 * that print a value, if/for/while/repeat/goto) and the scenarios of the
 * language and library features the fuzzer covers — closures, varargs,
 * metatables, coroutines, pcall/error, to-be-closed variables, tables with
 * mixed keys, the string, utf8, table and math libraries, `load`.
 *
 * What a program prints must not depend on the engine's internals, so it
 * never prints an address (tables, functions and threads are shown by their
 * type name), never depends on table iteration order (keys are listed
 * sorted, through the prelude's K) and never takes `#` of a table that might
 * not be a sequence. Every loop has a bound. Risky code runs under pcall, so
 * that one error does not end the program; the error message is printed and
 * compared like any value.
 *
 * A multi-statement scenario is one `do … end` (or pcall'd function) whose
 * stand-in is its bare block, so the shrinker can unwrap it.
 *
 * Read next: library.mjs (the library scenarios), generate.mjs (the prelude
 * and the program).
 */
import { Gen } from './expressions.mjs';
import { block, child, node } from './ast.mjs';
import { INTEGERS, FLOATS, NUMERIC_STRINGS } from './values.mjs';

/** `do <items> end`, unwrappable by the shrinker. */
export function doBlock(items) {
  const b = block(items);
  return node(['do\n', b, 'end'], [child(1)]);
}

/** `P(pcall(function(...) <items> end))`: a block whose error is printed. */
export function guarded(items) {
  const b = block(items);
  return node(['P(pcall(function(...)\n', b, 'end))'], [(p) => node(['do\n', p[1], 'end'], [child(1)])]);
}

Object.assign(Gen.prototype, {
  /** A block of `n` statements in a new scope. */
  block(n, d) {
    return this.scoped(() => {
      const items = [];
      for (let i = 0; i < n && this.budget > 0; i++) items.push(this.stmt(d));
      return block(items);
    });
  },

  /** One statement; `d` bounds the nesting of blocks. */
  stmt(d = 2) {
    this.budget--;
    const r = this.rng;
    const nested = d > 0 ? 1 : 0;
    return r.weighted([
      [6, () => this.localDecl()],
      [2, () => this.assignment()],
      [9, () => this.check(this.expr('any', 3))],
      [2 * nested, () => this.ifStmt(d)],
      [2 * nested, () => this.numericFor(d)],
      [1 * nested, () => this.genericFor(d)],
      [1 * nested, () => this.whileStmt(d)],
      [1 * nested, () => this.gotoStmt(d)],
      [2 * nested, () => this.functionDef(d)],
      [1, () => this.closures()],
      [1, () => this.varargs()],
      [2, () => this.tableScenario()],
      [2, () => this.metatableScenario()],
      [2 * nested, () => this.coroutineScenario(d)],
      [2, () => this.errorScenario()],
      [1, () => this.closeScenario()],
      [2, () => this.patternScenario()],
      [1, () => this.packScenario()],
      [1, () => this.utf8Scenario()],
      [2, () => this.loadScenario()],
      [1, () => this.tableLibScenario()],
      [1, () => this.mathScenario()],
      [1, () => this.conversionScenario()],
      [2, () => this.check(this.format(2))],
    ])();
  },

  /** Print a value: shown exactly (P), through print's own tostring, or under pcall. */
  check(e) {
    return this.rng.weighted([
      [6, () => node(['P(pcall(function(...) return ', e, ' end))'], [(p) => node(['P(', p[1], ')'])])],
      [0.5, () => node(['P(', e, ')'])],
      [0.5, () => node(['print(S(', e, '))'])],
    ])();
  },

  localDecl() {
    const r = this.rng;
    const kind = r.pick(['int', 'float', 'num', 'str', 'str', 'bool', 'tab', 'any']);
    const name = this.fresh(kind === 'tab' ? 't' : 'v');
    const constant = r.chance(0.08);
    const attrib = constant ? ' <const>' : '';
    const e = this.expr(kind, 2);
    const simple = `local ${name}${attrib} = ${this.atom(kind)}`;
    // a failing initialiser would end the program: most run under pcall,
    // and the variable then holds the error message
    const stmt = r.chance(0.15) ? node([`local ${name}${attrib} = `, e], [simple])
      : node([`local _, ${name}${attrib} = pcall(function() return `, e, ' end)'], [simple, (p) => node([`local ${name}${attrib} = `, p[1]])]);
    this.declare(name, kind, constant);
    return stmt;
  },

  assignment() {
    const r = this.rng;
    const assignable = this.scopes.flat().filter((v) => !v.constant);
    if (assignable.length === 0 || r.chance(0.3)) {
      const g = `G${r.range(1, 5)}`;
      return node([`${g} = `, r.chance(0.8) ? this.safeExpr('any') : this.expr('any', 2)]);
    }
    const v = r.pick(assignable);
    if (v.kind === 'tab' && r.chance(0.6)) {
      const key = r.chance(0.5) ? `.${this.fresh('f')}` : `[${this.atom(r.pick(['int', 'float', 'str'])).replace(/^\[/, ' [')}]`;
      return node([`${v.name}${key} = `, this.safeExpr('any')]);
    }
    const e = this.expr(v.kind, 2);
    if (r.chance(0.7)) return node([`_, ${v.name} = pcall(function() return `, e, ' end)'], [`${v.name} = ${this.atom(v.kind)}`]);
    return node([`${v.name} = `, e], [`${v.name} = ${this.atom(v.kind)}`]);
  },

  ifStmt(d) {
    const r = this.rng;
    const parts = ['if ', this.safeExpr('bool'), ' then\n', this.block(r.range(1, 3), d - 1)];
    const blocks = [3];
    if (r.chance(0.3)) parts.push('elseif ', this.safeExpr('any'), ' then\n', this.block(r.range(1, 2), d - 1));
    if (r.chance(0.4)) {
      parts.push('else\n', this.block(r.range(1, 2), d - 1));
      blocks.push(parts.length - 1);
    }
    parts.push('end');
    return node(parts, blocks.map((i) => (p) => node(['do\n', p[i], 'end'], [child(1)])));
  },

  /** Integer and float loops over the edges (overflow-safe in 5.4), capped. */
  numericFor(d) {
    const r = this.rng;
    const [a, b, c] = r.weighted([
      [3, () => [r.pick(INTEGERS), r.pick(INTEGERS), r.pick(['1', '-1', '2', '3', 'math.maxinteger', 'math.mininteger', '(1 << 62)'])]],
      [2, () => r.pick([
        ['math.maxinteger - 2', 'math.maxinteger', '1'], ['math.mininteger', 'math.mininteger + 2', '1'],
        ['math.maxinteger', 'math.maxinteger - 2', '-1'], ['math.mininteger + 2', 'math.mininteger', '-1'],
        ['1', '3', '0'], ['1.0', '2', '0.25'], ['0.1', '1', '0.3'], ['1', 'math.huge', '2^60'],
        ['3', '1', '-1'], ['math.mininteger', 'math.maxinteger', 'math.maxinteger'], ['1', '2.5', '1'],
        ['1', '0/0', '1'], ['-0.0', '0', '1'], ['1', '3', '0.0'], ['2^53', '2^53 + 4', '1'],
        ['1', '"3"', '1'], ['"1"', '3', '1'], ['1', '3', 'nil'], ['{}', '3', '1'], ['1', '5', '1.5'],
        ['math.maxinteger', '2^63', '1'], ['math.mininteger', '-2^63', '-1'], ['0', '-(0/0)', '-1'],
        ['5', '1', '-2^62'], ['1', '2^62', '2^61'], ['0x7ffffffffffffffe', '1e300', '1'],
      ])],
      [2, () => [r.pick(FLOATS), r.pick(FLOATS.concat(INTEGERS)), r.pick(['1', '0.5', '-1', '-0.5', '2^52', '1e308', '(0/0)'])]],
    ])();
    const v = this.fresh('i');
    const n = this.fresh('n');
    const body = this.scoped(() => {
      this.declare(v, r.chance(0.5) ? 'num' : 'int');
      this.loopDepth++;
      const inner = [];
      for (let k = r.range(0, 2); k > 0 && this.budget > 0; k--) inner.push(this.stmt(d - 1));
      this.loopDepth--;
      return block([`${n} = ${n} + 1`, `if ${n} > 12 then break end`, `P(${v})`, ...inner]);
    });
    const step = c === 'nil' || r.chance(0.15) && c === '1' ? '' : `, ${c}`;
    return guarded([`local ${n} = 0`, node([`for ${v} = ${a}, ${b}${step} do\n`, body, 'end']), `P(${n})`]);
  },

  genericFor(d) {
    const r = this.rng;
    const k = this.fresh('k');
    const v = this.fresh('x');
    this.loopDepth++;
    const body = this.scoped(() => {
      this.declare(k, 'any'); this.declare(v, 'any');
      return this.block(r.range(0, 1), d - 1);
    });
    this.loopDepth--;
    const head = r.weighted([
      [2, () => `ipairs({${Array.from({ length: r.range(0, 4) }, () => this.atom(r.pick(['int', 'str', 'float', 'nil']))).join(', ')}})`],
      [1, () => `function(_, i) if i < 3 then return i + 1, -i end end, nil, ${r.pick(['0', '1', '2.0', 'math.maxinteger'])}`],
      [1, () => `string.gmatch(${this.atom('str')}, ${JSON.stringify(r.pick(['%a+', '.', '(%w+)=(%w+)', '', '%d*', '()', '[^,]*']))})`],
      [1, () => `utf8.codes(${this.atom('str')})`],
      [1, () => `next, {}`],
    ])();
    const cap = this.fresh('c');
    return guarded([`local ${cap} = 0`, node([`for ${k}, ${v} in ${head} do\n`, `${cap} = ${cap} + 1 if ${cap} > 10 then break end\n`, `P(${k}, ${v})\n`, body, 'end'])]);
  },

  whileStmt(d) {
    const r = this.rng;
    const n = this.fresh('w');
    const limit = r.range(0, 4);
    this.loopDepth++;
    const body = this.block(r.range(1, 2), d - 1);
    this.loopDepth--;
    if (r.chance(0.5)) {
      return doBlock([`local ${n} = 0`, node([`while ${n} < ${limit} do\n`, `${n} = ${n} + 1\n`, body, 'end']), `P(${n})`]);
    }
    // the `until` condition sees the body's locals
    const z = this.fresh('z');
    return doBlock([`local ${n} = 0`, node([`repeat\n`, `local ${z} = ${n}\n`, `${n} = ${n} + 1\n`, body, `until ${z} >= ${limit}`]), `P(${n})`]);
  },

  /** goto as continue, as a backward loop, and out of nested blocks. */
  gotoStmt(d) {
    const r = this.rng;
    const l = this.fresh('L');
    const n = this.fresh('g');
    const body = this.block(r.range(0, 2), d - 1);
    return r.weighted([
      [1, () => doBlock([node([`for ${n} = 1, 4 do\n`, `if ${n} % 2 == 0 then goto ${l} end\n`, `P(${n})\n`, body, `local q = ${n}\n`, `::${l}::\n`, 'end'])])],
      [1, () => doBlock([`local ${n} = 0`, `::${l}::`, `${n} = ${n} + 1`, body, `if ${n} < 3 then goto ${l} end`, `P(${n})`])],
      [1, () => doBlock([node([`do\n`, `do\n`, `P(1)\n`, `goto ${l}\n`, 'end\n', 'P(2)\n', 'end\n']), `::${l}::`, body, 'P(3)'])],
    ])();
  },

  functionDef(d) {
    const r = this.rng;
    const f = this.fresh('f');
    const params = Array.from({ length: r.range(0, 3) }, () => this.fresh('p'));
    const vararg = r.chance(0.4);
    const saved = [this.vararg, this.loopDepth];
    this.vararg = vararg; this.loopDepth = 0;
    const body = this.scoped(() => {
      for (const p of params) this.declare(p, 'any');
      const b = this.block(r.range(1, 3), d - 1);
      const ret = r.chance(0.8) ? node(['return ', this.expr('any', 2), vararg && r.chance(0.3) ? ', ...' : '']) : 'return';
      b.parts.push(ret);
      return b;
    });
    [this.vararg, this.loopDepth] = saved;
    const sig = params.concat(vararg ? ['...'] : []).join(', ');
    const calls = Array.from({ length: r.range(1, 3) }, () => {
      const args = Array.from({ length: r.range(0, 4) }, () => this.safeExpr('any'));
      const parts = [`P(pcall(${f}`];
      for (const a of args) parts.push(', ', a);
      parts.push('))');
      return node(parts);
    });
    this.declare(f, 'fn');
    return block([node([`local function ${f}(${sig})\n`, body, 'end']), ...calls]);
  },

  closures() {
    const r = this.rng;
    return r.pick([
      () => doBlock(['local fs = {}', `for i = 1, 3 do local j = i * ${r.pick(INTEGERS)} fs[i] = function(x) j = j + (x or 0) return i, j end end`,
        'P(fs[1](1))', 'P(fs[1](2))', 'P(fs[3]())', 'P(pcall(fs[2], "x"))']),
      () => doBlock(['local function mk(c) return function() c = c + 1 return c end, function() return c end end',
        `local inc, get = mk(${r.pick(INTEGERS.concat(FLOATS))})`, 'P(pcall(inc))', 'P(pcall(inc))', 'P(get())']),
      () => doBlock([`local a = ${this.atom('any')}`, 'local function f() return a end', `a = ${this.atom('any')}`, 'P(f())',
        'local function g() local function h() a = "h" return a end return h() end', 'P(g(), a)']),
      () => doBlock(['local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end',
        `P(pcall(fact, ${r.pick(['5', '20', '21', '25', '25.0', '"10"', '170.0', '171.0', '{}'])}))`]),
      () => doBlock(['local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end',
        `P(pcall(depth, ${r.pick(['10', '150', '1000', '10000'])}))`,
        'local function tail(n) if n == 0 then return "done" end return tail(n - 1) end',
        `P(tail(${r.pick(['10', '100000'])}))`]),
    ])();
  },

  varargs() {
    const r = this.rng;
    const args = () => Array.from({ length: r.range(0, 4) }, () => this.atom(r.pick(['int', 'str', 'nil', 'float']))).join(', ');
    return doBlock([
      'local function v(...) local a, b = ... return select("#", ...), a, b, ... end',
      `P(v(${args()}))`, `P((v(${args()})))`, `P(pcall(select, ${r.pick(['-1', '1', '2', '-3', '0', '"#"', '5', '-5', 'math.mininteger', '1.5'])}${((a) => a && ', ' + a)(args())}))`,
      `P(table.pack(v(${args()})).n)`, `P(pcall(table.unpack, {${args()}}, ${r.pick(['1', '0', '-1', 'math.mininteger'])}, ${r.pick(['4', '3', '0', '2', 'math.maxinteger'])}))`,
      `P(#{v(${args()})} >= 0)`, `P(({v(${args()})})[1] == nil)`,
    ]);
  },

  /** A table with mixed keys: float keys normalised, NaN and nil keys rejected. */
  tableScenario() {
    const r = this.rng;
    const t = this.fresh('t');
    const keys = () => r.pick(['1', '1.0', '"1"', '2^53', '9007199254740992', 'math.mininteger', '-0.0', '0', 'true',
      '"x"', '3.5', '1e300', 'math.huge', '2', '2.0', '"2"', '(0/0)', 'nil', '-1']);
    const items = [`local ${t} = ${render1(this.tableConstructor(2))}`];
    for (let i = r.range(1, 4); i > 0; i--) {
      items.push(`P(pcall(function() ${t}[${keys()}] = ${this.atom(r.pick(['int', 'str', 'float']))} end))`);
    }
    items.push(`P(${t}[${keys()}], ${t}[${keys()}], rawget(${t}, ${keys()}))`, `K(${t})`);
    if (r.chance(0.3)) items.push(`P(next({}), type(next), rawequal(${t}, ${t}), rawlen({1, 2}), rawlen("abc"))`);
    if (r.chance(0.3)) items.push(`P(pcall(rawlen, ${this.atom('any')}))`);
    return doBlock(items);
  },
});

/** A node rendered to text (for embedding in fixed lines). */
function render1(n) {
  if (typeof n === 'string') return n;
  let s = '';
  for (const p of n.parts) s += render1(p) + (n.list ? '\n' : '');
  return s;
}

export { render1, NUMERIC_STRINGS };
