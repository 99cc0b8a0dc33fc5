/**
 * Expressions of generated programs, built by kind: 'int', 'float', 'num',
 * 'str', 'bool', 'tab', 'fn' or 'any'. A kind is a wish, not a type system:
 * most expressions have the kind asked for, some (on purpose) do not, so that
 * wrong operands and wrong library arguments are tried and their error
 * messages compared too.
 *
 * Every composite expression is a node whose stand-ins (ast.mjs `subs`) are
 * its operands and a plain literal, so the shrinker can peel it down.
 *
 * Read next: statements.mjs (the statements that use these), values.mjs
 * (the literals).
 */
import { child, node, render } from './ast.mjs';
import {
  INTEGERS, FLOATS, NUMERIC_STRINGS, numberLiteral, stringAtom, pattern, formatSpec,
} from './values.mjs';

const ARITH = ['+', '-', '*', '/', '//', '%', '^'];
const BITWISE = ['&', '|', '~', '<<', '>>'];
const COMPARE = ['==', '~=', '<', '<=', '>', '>='];

export class Gen {
  constructor(rng) {
    this.rng = rng;
    this.scopes = [[]];          // frames of { name, kind } visible here
    this.serial = 0;             // for fresh names
    this.vararg = true;          // is `...` valid here (the main chunk is vararg)
    this.loopDepth = 0;          // is `break` valid here
    this.budget = 60;            // statements left to generate in this program
  }

  fresh(prefix) { return `${prefix}${++this.serial}`; }

  declare(name, kind, constant = false) { this.scopes[this.scopes.length - 1].push({ name, kind, constant }); }

  /** Run `fn` in a new scope; returns what fn returns. */
  scoped(fn) {
    this.scopes.push([]);
    try { return fn(); } finally { this.scopes.pop(); }
  }

  /** The names of visible variables of a kind ('num' takes ints and floats). */
  vars(kind) {
    const out = [];
    for (const frame of this.scopes) {
      for (const v of frame) {
        if (kind === 'any' || v.kind === kind || (kind === 'num' && (v.kind === 'int' || v.kind === 'float'))) {
          out.push(v.name);
        }
      }
    }
    return out;
  }

  /** Some kind other than the one asked for, now and then: wrong operands. */
  kindOr(kind, p = 0.06, scalar = false) {
    if (!this.rng.chance(p)) return kind;
    // tostring and string.format('%s') would show a table's or a function's address
    return this.rng.pick(scalar ? ['int', 'float', 'str', 'bool', 'nil'] : ['int', 'float', 'str', 'bool', 'tab', 'nil', 'fn']);
  }

  /** A leaf of the given kind. */
  atom(kind, useVars = true) {
    const r = this.rng;
    const vs = useVars ? this.vars(kind) : [];
    if (vs.length && r.chance(0.3)) return r.pick(vs);
    switch (kind) {
      case 'int': return r.chance(0.8) ? r.pick(INTEGERS) : String(r.range(-10, 300));
      case 'float': return r.pick(FLOATS);
      case 'num': return numberLiteral(r);
      case 'str': return stringAtom(r);
      case 'bool': return r.pick(['true', 'false']);
      case 'nil': return 'nil';
      case 'tab': return render(this.tableConstructor(1));
      case 'fn': return r.pick(['print', 'type', 'tostring', 'math.abs', 'string.rep', 'select',
        '(function(...) return ... end)', '(function(a, b) return b, a end)', 'error', 'pcall']);
      default:
        return this.atom(r.weighted([[3, 'int'], [3, 'float'], [3, 'str'], [1, 'bool'], [1, 'nil'],
          [1, 'tab'], [1, 'fn'], [1, 'numstr']].map(([w, k]) => [w, k === 'numstr' ? 'str' : k])));
    }
  }

  /**
   * An expression that cannot fail, for the places no pcall guards (an `if`
   * condition, a call's arguments): an atom, or a comparison of two numbers
   * or of two strings.
   */
  safeExpr(kind) {
    const r = this.rng;
    // variables are not used: one may hold an error message instead of its kind
    if (kind !== 'bool' && (kind !== 'any' || r.chance(0.7))) return this.atom(kind === 'any' ? r.pick(['int', 'float', 'str', 'nil', 'bool']) : kind, false);
    const k = r.pick(['num', 'str']);
    return node(['(', this.atom(k, false), ` ${r.pick(COMPARE)} `, this.atom(k, false), ')']);
  }

  /** An expression as source text, for templates. */
  text(kind, d = 2) { return render(this.expr(kind, d)); }

  /** An expression of (mostly) the given kind, at most `d` levels deep. */
  expr(kind, d = 2) {
    const r = this.rng;
    if (d <= 0 || r.chance(0.3)) return this.atom(kind);
    switch (kind) {
      case 'int': return r.weighted([
        [3, () => this.bitwise(d)], [2, () => this.arith(d, r.pick(['+', '-', '*', '//', '%']), 'int')],
        [2, () => this.call(d, r.pick(['math.tointeger', 'math.floor', 'math.ceil']), ['num'])],
        [1, () => this.call(d, 'string.len', ['str'])],
        [1, () => node(['#', this.expr('str', d - 1)], ['0'])],
        [1, () => this.call(d, 'string.byte', ['str', 'int'])],
        [1, () => this.call(d, 'select', ['"#"', 'any', 'any'])],
        [1, () => this.call(d, 'math.abs', ['int'])],
        [1, () => node(['(- ', this.expr('int', d - 1), ')'], ['0'])],
      ])();
      case 'float': return r.weighted([
        [3, () => this.arith(d, r.pick(['/', '^', '+', '*', '-']), 'float')],
        [2, () => this.call(d, r.pick(['math.sqrt', 'math.exp', 'math.log', 'math.sin', 'math.cos',
          'math.tan', 'math.asin', 'math.acos', 'math.atan']), ['num'])],
        [1, () => this.call(d, 'math.fmod', ['num', 'num'])],
        [1, () => this.call(d, r.pick(['math.log', 'math.atan']), ['num', 'num'])],
      ])();
      case 'num': return r.weighted([
        [4, () => this.arith(d, r.pick(ARITH), 'num')],
        [1, () => this.bitwise(d)],
        [1, () => this.call(d, 'tonumber', [r.chance(0.7) ? 'numstr' : 'any'])],
        [1, () => this.call(d, 'tonumber', ['str', `${r.pick([2, 8, 10, 16, 36, 1, 37, 0])}`])],
        [1, () => this.call(d, r.pick(['math.max', 'math.min']), ['num', 'num', 'num'])],
        [1, () => this.call(d, 'math.modf', ['num'])],
        [1, () => node(['(', this.expr('bool', d - 1), ' and ', this.expr('num', d - 1), ' or ', this.expr('num', d - 1), ')'])],
      ])();
      case 'str': return r.weighted([
        [3, () => this.concat(d)],
        [2, () => this.call(d, r.pick(['string.upper', 'string.lower', 'string.reverse', 'tostring']), ['str'])],
        [2, () => this.call(d, 'tostring', ['num'])],
        [2, () => this.call(d, 'string.sub', ['str', 'int', 'int'])],
        [1, () => this.call(d, 'string.rep', ['str', `${r.pick([0, 1, 2, 3, -1])}`, 'str'])],
        [1, () => this.call(d, 'string.char', ['int', 'int'])],
        [2, () => this.format(d)],
        [1, () => this.call(d, 'math.type', ['any'])],
        [1, () => this.call(d, 'type', ['any'])],
        [1, () => this.call(d, 'utf8.char', ['int', 'int'])],
        [1, () => node(['(', this.call(d, 'string.gsub', ['str', pattern(r), 'str']), ')'])],
        [1, () => node(['(', this.call(d, 'string.match', ['str', pattern(r)]), ' or "")'])],
      ])();
      case 'bool': return r.weighted([
        [4, () => this.compare(d)],
        [1, () => node(['not ', this.expr('any', d - 1)])],
        [1, () => node(['(', this.expr('any', d - 1), r.pick([' and ', ' or ']), this.expr('any', d - 1), ')'])],
        [1, () => this.call(d, 'rawequal', ['any', 'any'])],
        [1, () => this.call(d, 'math.ult', ['int', 'int'])],
      ])();
      case 'tab': return this.tableConstructor(d);
      case 'fn': return this.atom('fn');
      default: return this.expr(r.pick(['int', 'float', 'num', 'str', 'str', 'bool']), d);
    }
  }

  /** Operands of arithmetic: numbers mostly, numeric strings sometimes. */
  operand(kind, d) {
    if (this.rng.chance(0.08)) return this.rng.pick(NUMERIC_STRINGS);
    return this.expr(this.kindOr(kind, 0.04), d - 1);
  }

  arith(d, op, kind) {
    const a = this.operand(kind, d);
    const b = this.operand(kind, d);
    return node(['(', a, ` ${op} `, b, ')'], [child(1), child(3)]);
  }

  bitwise(d) {
    const op = this.rng.pick(BITWISE);
    const a = this.operand('int', d);
    const b = op === '<<' || op === '>>' ? this.rng.pick(['0', '1', '2', '31', '32', '63', '64', '65', '-1', '-64', this.operand('int', d)]) : this.operand('int', d);
    if (this.rng.chance(0.1)) return node(['(~', a, ')'], [child(1)]);
    return node(['(', a, ` ${op} `, b, ')'], [child(1), child(3)]);
  }

  concat(d) {
    const a = this.expr(this.rng.chance(0.7) ? 'str' : this.kindOr('num', 0.1), d - 1);
    const b = this.expr(this.rng.chance(0.7) ? 'str' : this.kindOr('num', 0.1), d - 1);
    return node(['(', a, ' .. ', b, ')'], [child(1), child(3)]);
  }

  compare(d) {
    const kind = this.rng.pick(['num', 'num', 'str', 'int', 'float']);
    const a = this.expr(kind, d - 1);
    const b = this.expr(this.kindOr(kind, 0.08), d - 1);
    return node(['(', a, ` ${this.rng.pick(COMPARE)} `, b, ')'], [child(1), child(3), 'true']);
  }

  /**
   * A call `f(args)`. Each entry of `kinds` is an argument kind, or source
   * text to pass as it is; now and then an argument is dropped or of the
   * wrong kind, so that argument errors are compared.
   */
  call(d, f, kinds) {
    const args = [];
    let n = kinds.length;
    if (this.rng.chance(0.1)) n = this.rng.int(n + 1);
    const scalar = f === 'tostring' || f === 'string.format';
    for (let i = 0; i < n; i++) {
      const k = kinds[i];
      if (k === 'numstr') args.push(this.rng.pick(NUMERIC_STRINGS));
      else if (/^[a-z]+$/.test(k)) args.push(this.expr(this.kindOr(k, 0.06, scalar), d - 1));
      else args.push(k);
    }
    if (this.rng.chance(0.03)) args.push(this.expr(scalar ? 'str' : 'any', d - 1));
    const parts = [f, '('];
    args.forEach((a, i) => { if (i) parts.push(', '); parts.push(a); });
    parts.push(')');
    const subs = args.map((a, i) => (typeof a === 'string' ? undefined : child(2 + 2 * i))).filter(Boolean);
    return node(parts, subs.concat(['nil']));
  }

  /** `string.format(fmt, ...)` with arguments fitting the conversions, mostly. */
  format(d) {
    const { fmt, kinds } = formatSpec(this.rng);
    const argKinds = kinds.map((c) => {
      if ('dixXoc'.includes(c)) return this.rng.chance(0.8) ? 'int' : 'num';
      if ('fgeEGaA'.includes(c)) return 'num';
      if (c === 'q') return this.rng.pick(['str', 'int', 'float']);
      if (c === 's') return this.rng.pick(['str', 'str', 'int', 'float', 'bool', 'nil']);
      return 'int';
    });
    return this.call(d, 'string.format', [fmt, ...argKinds]);
  }

  /**
   * A table constructor with mixed keys: positional items, names, integer,
   * float, string and boolean keys (values that would make the table's
   * length or iteration order ambiguous are never read through # or pairs).
   */
  tableConstructor(d) {
    const r = this.rng;
    const n = r.range(0, 4);
    const items = [];
    for (let i = 0; i < n; i++) {
      const v = this.expr(r.pick(['int', 'float', 'str', 'bool']), d - 1);
      items.push(r.weighted([
        [3, () => node([v])],
        [2, () => node([this.fresh('k'), ' = ', v])],
        [2, () => { const k = this.text(r.pick(['int', 'float', 'str', 'bool']), 0); return node([k.startsWith('[') ? '[ ' : '[', k, '] = ', v]); }],
      ])());
    }
    const parts = ['{'];
    items.forEach((it, i) => { if (i) parts.push(r.chance(0.8) ? ', ' : '; '); parts.push(it); });
    parts.push('}');
    return node(parts, ['{}']);
  }
}
