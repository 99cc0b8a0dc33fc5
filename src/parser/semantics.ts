/**
 * # Semantics: concrete syntax tree → AST
 *
 * Responsibility: the Ohm semantics of grammar `LuaTokens` that build the
 * typed AST of `ast.ts` from a successful match, and do nothing else (no
 * checks, no code generation). Each action is named after the rule of
 * `grammar.ohm` it handles.
 *
 * Manual: §3.3 (statements), §3.4 (expressions), §3.4.8 (precedence:
 * `LuaTokens` matches binary operators as a flat list, which `Exp` groups
 * with the priority table below; unary operators and `^` come grouped from
 * the grammar).
 *
 * PUC-Rio counterpart: none as such — `lparser.c` emits code while parsing;
 * lucid builds a tree here and compiles it in `src/compiler/`.
 *
 * Invariants:
 * - Everything one match needs to know — the token stream, the source, and
 *   which tokens each matched position stands for — lives on a `Builder`
 *   made for that match (builder.ts) and handed down the tree from node
 *   to node (`ast(node, b)`). Nothing is kept between matches, so two
 *   parses (of two Lua states, say) never share anything.
 * - Ohm matches a `MatchInput`: position i of its `codes` stands for the
 *   tokens `first[i]` to `last[i]` of the `TokenStream`. That is one token
 *   for an ordinary code, and a whole expression or statement for the
 *   placeholders `e` and `S` of a pre-parsed part (nested.ts), whose AST is
 *   `preparsed[i]`. A node's lines are those of its first and last tokens.
 * - `FunctionExpr.line` is the line luac records as `linedefined`: the line
 *   of `function` in a function statement, the line of `(` otherwise (what
 *   `lparser.c` passes to `body`).
 *
 * Read next: `builder.ts` (what a match reads), `diagnose.ts` (what
 * happens when the match fails).
 */

import type { IterationNode, MatchResult, Node as OhmNode, NonterminalNode } from 'ohm-js';
import grammars from './grammar.ohm-bundle.js';
import type * as AST from './ast.ts';
import { TOKEN_TEXT, type TokenStream } from './tokens.ts';
import { Builder, type MatchInput } from './builder.ts';

/**
 * Left and right priority of each binary operator (§3.4.8, and lparser.c's
 * `priority`): an operator binds its right operand up to operators of
 * higher left priority; right-associative `..` has a lower right priority
 * than its left one. `^` is handled by the grammar (UnaryExp).
 */
const PRIORITY: Record<string, [number, number]> = {
  or: [1, 1], and: [2, 2],
  '<': [3, 3], '>': [3, 3], '<=': [3, 3], '>=': [3, 3], '~=': [3, 3], '==': [3, 3],
  '|': [4, 4], '~': [5, 5], '&': [6, 6], '<<': [7, 7], '>>': [7, 7],
  '..': [9, 8], '+': [10, 10], '-': [10, 10],
  '*': [11, 11], '/': [11, 11], '//': [11, 11], '%': [11, 11],
};

/** Group `operands[0] op[0] operands[1] ...` into Binary nodes by priority. */
function groupOperators(b: Builder, operands: AST.Expression[], ops: OhmNode[]): AST.Expression {
  let next = 0; // index of the next operator
  const spelling = ops.map((o) => TOKEN_TEXT[b.code(o)]);
  const subexpr = (limit: number): AST.Expression => {
    let left = operands[next];
    while (next < ops.length && PRIORITY[spelling[next]][0] > limit) {
      const i = next++;
      const right = subexpr(PRIORITY[spelling[i]][1]);
      left = binary(b, left, ops[i], right);
    }
    return left;
  };
  return subexpr(0);
}

function binary(b: Builder, left: AST.Expression, op: OhmNode, right: AST.Expression): AST.BinaryOp {
  return {
    kind: 'Binary', op: TOKEN_TEXT[b.code(op)] as AST.BinaryOperator,
    left, right, opLine: b.line(op), line: left.line, lastLine: right.lastLine,
  };
}

/** The case node under a nonterminal made of one alternative (`Suffix`). */
function caseOf(n: OhmNode): OhmNode {
  while (!n.ctorName.includes('_')) n = n.children[0];
  return n;
}

/** Apply one suffix (`[k]`, `.k`, `(args)`, `:m(args)`) to `object`. */
function applySuffix(b: Builder, object: AST.Expression, suffix: OhmNode): AST.Expression {
  const s = caseOf(suffix);
  const lastLine = b.lastLine(s);
  switch (s.ctorName) {
    case 'Index_brackets':
      return { kind: 'Index', object, key: ast(s.children[1], b), dotted: false, line: object.line, lastLine };
    case 'Index_dot': {
      const name = s.children[1];
      return {
        kind: 'Index', object, dotted: true, line: object.line, lastLine,
        key: { kind: 'String', value: b.value(name), line: b.line(name), lastLine: b.lastLine(name) },
      };
    }
    case 'CallSuffix_call':
      return { kind: 'Call', callee: object, args: ast(s.children[0], b), argsLine: b.line(s), line: object.line, lastLine };
    default: { // CallSuffix_method
      const [, name, args] = s.children;
      return {
        kind: 'MethodCall', object, method: b.value(name), methodLine: b.line(name),
        args: ast(args, b), argsLine: b.line(args), line: object.line, lastLine,
      };
    }
  }
}

function chain(b: Builder, primary: OhmNode, suffixes: IterationNode): AST.Expression {
  let e = ast(primary, b) as AST.Expression;
  for (const s of suffixes.children) e = applySuffix(b, e, s);
  return e;
}

const optional = <T>(b: Builder, it: IterationNode): T | undefined =>
  it.children.length > 0 ? (ast(it.children[0], b) as T) : undefined;

/**
 * The AST of node `n`, built by `b`. The builder travels down the tree on
 * the nodes themselves: each node (an Ohm wrapper, made afresh for every
 * match) gets it just before its action runs, which reads it back with
 * `builder(this)`. (Ohm's own operation arguments, `ast(b)`, would do the
 * same but allocate three objects per node: a sixth of the parse time.)
 */
function ast(n: OhmNode, b: Builder): any {
  n.builder = b;
  return n.ast();
}

/** The builder of the match an action runs in. */
const builder = (n: OhmNode): Builder => n.builder as Builder;

const semantics = grammars.LuaTokens.createSemantics().addOperation<unknown>('ast', {
  Block(stats, ret) {
    const b = builder(this);
    const statements = stats.children.map((s) => ast(s, b)) as AST.Statement[];
    if (ret.children.length > 0) statements.push(ast(ret.children[0], b));
    if (this.source.endIdx === this.source.startIdx) {
      // An empty block: give it the line of the token that follows it.
      const line = b.lineAt(this.source.startIdx);
      return { kind: 'Block', statements, line, lastLine: line };
    }
    return { kind: 'Block', statements, line: b.line(this), lastLine: b.lastLine(this) };
  },

  Stat_empty(_) { const b = builder(this); return { kind: 'Empty', line: b.line(this), lastLine: b.lastLine(this) }; },
  Stat_break(_) { const b = builder(this); return { kind: 'Break', line: b.line(this), lastLine: b.lastLine(this) }; },
  Stat_goto(_, name) {
    const b = builder(this);
    return { kind: 'Goto', label: b.value(name), line: b.line(this), lastLine: b.lastLine(this) };
  },
  Label(_, name, __) {
    const b = builder(this);
    return { kind: 'Label', label: b.value(name), line: b.line(this), lastLine: b.lastLine(this) };
  },
  Stat_do(_, body, __) {
    const b = builder(this);
    return { kind: 'Do', body: ast(body, b), line: b.line(this), lastLine: b.lastLine(this) };
  },
  Stat_while(_, cond, __, body, ___) {
    const b = builder(this);
    return { kind: 'While', condition: ast(cond, b), body: ast(body, b), line: b.line(this), lastLine: b.lastLine(this) };
  },
  Stat_repeat(_, body, __, cond) {
    const b = builder(this);
    return { kind: 'Repeat', body: ast(body, b), condition: ast(cond, b), line: b.line(this), lastLine: b.lastLine(this) };
  },
  Stat_if(_, cond, __, body, elseifs, orelse, ___) {
    const b = builder(this);
    const clauses = [{ condition: ast(cond, b), body: ast(body, b), line: b.line(this), thenLine: b.line(__) }];
    for (const e of elseifs.children) clauses.push(ast(e, b));
    return { kind: 'If', clauses, orelse: optional(b, orelse), line: b.line(this), lastLine: b.lastLine(this) };
  },
  ElseIf(_, cond, __, body) {
    const b = builder(this);
    return { condition: ast(cond, b), body: ast(body, b), line: b.line(this), thenLine: b.line(__) };
  },
  Else(_, body) { return ast(body, builder(this)); },
  Stat_numericFor(_, name, __, start, ___, limit, ____, step, _____, body, ______) {
    const b = builder(this);
    return {
      kind: 'NumericFor', variable: b.value(name), start: ast(start, b), limit: ast(limit, b),
      step: optional(b, step), body: ast(body, b), line: b.line(this), lastLine: b.lastLine(this),
    };
  },
  Stat_genericFor(_, names, __, exps, ___, body, ____) {
    const b = builder(this);
    return {
      kind: 'GenericFor', names: ast(names, b), iterators: ast(exps, b), body: ast(body, b),
      line: b.line(this), lastLine: b.lastLine(this),
    };
  },
  Stat_function(_, funcname, body) {
    const b = builder(this);
    const { target, isMethod, text } = ast(funcname, b) as { target: AST.Name | AST.Index; isMethod: boolean; text: string };
    const func = ast(body, b) as AST.FunctionExpr;
    if (isMethod) { func.params.unshift('self'); func.isMethod = true; }
    func.name = text;
    func.line = b.line(this);
    return { kind: 'FunctionStatement', target, func, line: b.line(this), lastLine: b.lastLine(this) };
  },
  FuncName(first, _dots, names, _colon, method) {
    const b = builder(this);
    let target: AST.Name | AST.Index = { kind: 'Name', name: b.value(first), line: b.line(first), lastLine: b.lastLine(first) };
    let text = target.name;
    const keys = names.children.concat(method.children);
    for (const key of keys) {
      target = {
        kind: 'Index', object: target, dotted: true, line: target.line, lastLine: b.line(key),
        key: { kind: 'String', value: b.value(key), line: b.line(key), lastLine: b.lastLine(key) },
      };
    }
    for (const n of names.children) text += '.' + b.value(n);
    for (const n of method.children) text += ':' + b.value(n);
    return { target, isMethod: method.children.length > 0, text };
  },
  Stat_localFunction(_, __, name, body) {
    const b = builder(this);
    const func = ast(body, b) as AST.FunctionExpr;
    func.name = b.value(name);
    return { kind: 'LocalFunction', name: b.value(name), func, line: b.line(this), lastLine: b.lastLine(this) };
  },
  Stat_local(_, attnames, _eq, values) {
    const b = builder(this);
    const pairs = ast(attnames, b) as [string, AST.Local['attribs'][number]][];
    return {
      kind: 'Local', names: pairs.map((p) => p[0]), attribs: pairs.map((p) => p[1]),
      values: optional(b, values) ?? [], line: b.line(this), lastLine: b.lastLine(this),
    };
  },
  AttName(name, attrib) { const b = builder(this); return [b.value(name), optional(b, attrib)]; },
  Attrib(_, name, __) { return builder(this).value(name); },
  Stat_assign(targets, _, values) {
    const b = builder(this);
    return { kind: 'Assign', targets: ast(targets, b), values: ast(values, b), line: b.line(this), lastLine: b.lastLine(this) };
  },
  Stat_call(call) {
    const b = builder(this);
    return { kind: 'CallStatement', call: ast(call, b), line: b.line(this), lastLine: b.lastLine(this) };
  },
  RetStat(_, values, __) {
    const b = builder(this);
    return { kind: 'Return', values: optional(b, values) ?? [], line: b.line(this), lastLine: b.lastLine(this) };
  },

  NonemptyListOf(first, _seps, rest) {
    const b = builder(this);
    return [ast(first, b), ...rest.children.map((c) => ast(c, b))];
  },
  EmptyListOf() { return []; },
  name(_) { return builder(this).value(this); },

  // Prefix expressions, variables and calls (§3.2, §3.4.10).
  Var_index(primary, suffixes, _lookahead, index) {
    const b = builder(this);
    return applySuffix(b, chain(b, primary, suffixes), index);
  },
  Var_name(name) {
    const b = builder(this);
    return { kind: 'Name', name: b.value(name), line: b.line(this), lastLine: b.lastLine(this) };
  },
  FunctionCall(primary, suffixes, _lookahead, call) {
    const b = builder(this);
    return applySuffix(b, chain(b, primary, suffixes), call);
  },
  PrimaryExp(e) {
    const b = builder(this);
    return e.ctorName === 'name' ? { kind: 'Name', name: b.value(e), line: b.line(this), lastLine: b.lastLine(this) } : ast(e, b);
  },
  ParenExp(_, e, __) {
    const b = builder(this);
    return { kind: 'Paren', expression: ast(e, b), line: b.line(this), lastLine: b.lastLine(this) };
  },
  PrefixExp(primary, suffixes) { return chain(builder(this), primary, suffixes); },
  Args_list(_, list, __) { return ast(list, builder(this)); },
  Args_table(table) { return [ast(table, builder(this))]; },
  Args_string(s) { return [ast(s, builder(this))]; },

  // Operators by precedence (§3.4.8).
  Exp(first, ops, operands) {
    const b = builder(this);
    if (ops.children.length === 0) return ast(first, b);
    return groupOperators(
      b,
      [ast(first, b), ...operands.children.map((c) => ast(c, b) as AST.Expression)],
      ops.children,
    );
  },
  UnaryExp(unaryOps, base, _caret, exponent) {
    const b = builder(this);
    let e = ast(base, b) as AST.Expression;
    if (exponent.children.length > 0) e = binary(b, e, _caret.children[0], ast(exponent.children[0], b));
    // The unary operators apply from the innermost (rightmost) out.
    for (let i = unaryOps.children.length - 1; i >= 0; i--) {
      const op = unaryOps.children[i];
      const code = b.code(op);
      e = { kind: 'Unary', op: (code === 'X' ? 'not' : code) as AST.UnaryOperator, operand: e, line: b.line(op), lastLine: e.lastLine };
    }
    return e;
  },

  kwNil(_) { const b = builder(this); return { kind: 'Nil', line: b.line(this), lastLine: b.lastLine(this) }; },
  kwFalse(_) { const b = builder(this); return { kind: 'False', line: b.line(this), lastLine: b.lastLine(this) }; },
  kwTrue(_) { const b = builder(this); return { kind: 'True', line: b.line(this), lastLine: b.lastLine(this) }; },
  opDots(_) { const b = builder(this); return { kind: 'Vararg', line: b.line(this), lastLine: b.lastLine(this) }; },
  numeral(_) {
    const b = builder(this);
    const i = b.firstToken(this);
    const { tokens } = b;
    const text = b.source.slice(tokens.starts[i], tokens.ends[i]);
    const kind = tokens.codes[i] === 'i' ? 'Integer' : 'Float';
    return { kind, value: tokens.values[i], text, line: b.line(this), lastLine: b.lastLine(this) };
  },
  literalString(_) {
    const b = builder(this);
    return { kind: 'String', value: b.value(this), line: b.line(this), lastLine: b.lastLine(this) };
  },

  FunctionDef(_, body) { return ast(body, builder(this)); },
  FuncBody(_, params, __, body, ___) {
    const b = builder(this);
    const p = (optional(b, params) ?? { names: [], isVararg: false }) as { names: string[]; isVararg: boolean };
    return {
      kind: 'Function', params: p.names, isVararg: p.isVararg, isMethod: false, body: ast(body, b),
      line: b.line(this), lastLine: b.lastLine(this),
    };
  },
  ParList_names(names, _comma, dots) { return { names: ast(names, builder(this)), isVararg: dots.children.length > 0 }; },
  ParList_vararg(_) { return { names: [], isVararg: true }; },

  TableConstructor(_, fields, __) {
    const b = builder(this);
    return { kind: 'Table', fields: optional(b, fields) ?? [], line: b.line(this), lastLine: b.lastLine(this) };
  },
  FieldList(first, _seps, rest, _last) {
    const b = builder(this);
    return [ast(first, b), ...rest.children.map((c) => ast(c, b))];
  },
  Field_keyed(_, key, __, ___, value) {
    const b = builder(this);
    return { kind: 'KeyedField', key: ast(key, b), value: ast(value, b), line: b.line(this), lastLine: b.lastLine(this) };
  },
  Field_named(name, _, value) {
    const b = builder(this);
    return { kind: 'NamedField', name: b.value(name), value: ast(value, b), line: b.line(this), lastLine: b.lastLine(this) };
  },
  Field_positional(value) {
    const b = builder(this);
    return { kind: 'PositionalField', value: ast(value, b), line: b.line(this), lastLine: b.lastLine(this) };
  },

  // The placeholders of pre-parsed parts (nested.ts): their AST is ready.
  preparsedExp(_) { return builder(this).preparsed(this); },
  preparsedStat(_) { return builder(this).preparsed(this); },

  _iter(...children: NonterminalNode[]) { const b = builder(this); return children.map((c) => ast(c, b)); },
  // A rule with one child and no action of its own (`Stat`, `SimpleExp`,
  // `Field`...) has the AST of its child; Ohm's default does the same but
  // would not hand the builder over.
  _nonterminal(...children: NonterminalNode[]) {
    if (children.length !== 1) throw new Error(`no semantic action for ${this.ctorName}`);
    return ast(children[0], builder(this));
  },
});

/** The Ohm grammar the parser runs. */
export const tokenGrammar = grammars.LuaTokens;

/**
 * The statements of a successful match of one segment of a chunk: the
 * codes of `input` from position `from` on.
 */
export function buildStatements(
  match: MatchResult, tokens: TokenStream, source: string, input: MatchInput, from: number,
): AST.Statement[] {
  return (build(match, new Builder(tokens, source, input, from)) as AST.Block).statements;
}

/** The AST of a successful match of a part (an `Exp` or a `Stat`) parsed on its own. */
export function buildPart(
  match: MatchResult, tokens: TokenStream, source: string, input: MatchInput,
): AST.Expression | AST.Statement {
  return build(match, new Builder(tokens, source, input, 0)) as AST.Expression | AST.Statement;
}

/** The AST of the root of a match. */
function build(match: MatchResult, b: Builder): unknown {
  return ast(semantics(match) as unknown as OhmNode, b);
}
