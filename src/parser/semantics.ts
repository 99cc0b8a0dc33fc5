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
 * - Ohm matches one segment of the token string at a time (segments.ts);
 *   position i of the matched string is token `base + i` of the
 *   `TokenStream`, so a node's lines are `lines[base + startIdx]` and
 *   `lines[base + endIdx - 1]`.
 * - The token stream being built is held in `stream` (and `base`) for the
 *   duration of one `buildStatements` call (parsing is synchronous).
 * - `FunctionExpr.line` is the line luac records as `linedefined`: the line
 *   of `function` in a function statement, the line of `(` otherwise (what
 *   `lparser.c` passes to `body`).
 *
 * Read next: `diagnose.ts` (what happens when the match fails).
 */

import type { IterationNode, MatchResult, Node as OhmNode, NonterminalNode } from 'ohm-js';
import grammars from './grammar.ohm-bundle.js';
import type * as AST from './ast.ts';
import { TOKEN_TEXT, type TokenStream } from './tokens.ts';

let stream: TokenStream;
let source: string;
/** Token number of the first token of the segment being built. */
let base = 0;

const lineOf = (n: OhmNode): number => stream.lines[base + n.source.startIdx];
const lastLineOf = (n: OhmNode): number => {
  const end = n.source.endIdx;
  return end > n.source.startIdx ? stream.lines[base + end - 1] : lineOf(n);
};
const valueOf = (n: OhmNode): string => stream.values[base + n.source.startIdx] as string;
/** The token code of the first token of a node. */
const codeOf = (n: OhmNode): string => stream.codes[base + n.source.startIdx];

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
function groupOperators(operands: AST.Expression[], ops: OhmNode[]): AST.Expression {
  let next = 0; // index of the next operator
  const spelling = ops.map((o) => TOKEN_TEXT[codeOf(o)]);
  const subexpr = (limit: number): AST.Expression => {
    let left = operands[next];
    while (next < ops.length && PRIORITY[spelling[next]][0] > limit) {
      const i = next++;
      const right = subexpr(PRIORITY[spelling[i]][1]);
      left = binary(left, ops[i], right);
    }
    return left;
  };
  return subexpr(0);
}

function binary(left: AST.Expression, op: OhmNode, right: AST.Expression): AST.BinaryOp {
  return {
    kind: 'Binary', op: TOKEN_TEXT[codeOf(op)] as AST.BinaryOperator,
    left, right, opLine: lineOf(op), line: left.line, lastLine: right.lastLine,
  };
}

/** The case node under a nonterminal made of one alternative (`Suffix`). */
function caseOf(n: OhmNode): OhmNode {
  while (!n.ctorName.includes('_')) n = n.children[0];
  return n;
}

/** Apply one suffix (`[k]`, `.k`, `(args)`, `:m(args)`) to `object`. */
function applySuffix(object: AST.Expression, suffix: OhmNode): AST.Expression {
  const s = caseOf(suffix);
  const lastLine = lastLineOf(s);
  switch (s.ctorName) {
    case 'Index_brackets':
      return { kind: 'Index', object, key: s.children[1].ast(), dotted: false, line: object.line, lastLine };
    case 'Index_dot': {
      const name = s.children[1];
      return {
        kind: 'Index', object, dotted: true, line: object.line, lastLine,
        key: { kind: 'String', value: valueOf(name), line: lineOf(name), lastLine: lastLineOf(name) },
      };
    }
    case 'CallSuffix_call':
      return { kind: 'Call', callee: object, args: s.children[0].ast(), argsLine: lineOf(s), line: object.line, lastLine };
    default: { // CallSuffix_method
      const [, name, args] = s.children;
      return {
        kind: 'MethodCall', object, method: valueOf(name), methodLine: lineOf(name),
        args: args.ast(), argsLine: lineOf(args), line: object.line, lastLine,
      };
    }
  }
}

function chain(primary: OhmNode, suffixes: IterationNode): AST.Expression {
  let e = primary.ast() as AST.Expression;
  for (const s of suffixes.children) e = applySuffix(e, s);
  return e;
}

const optional = <T>(it: IterationNode): T | undefined =>
  it.children.length > 0 ? (it.children[0].ast() as T) : undefined;

const semantics = grammars.LuaTokens.createSemantics().addOperation<unknown>('ast', {
  Block(stats, ret) {
    const statements = stats.children.map((s) => s.ast()) as AST.Statement[];
    if (ret.children.length > 0) statements.push(ret.children[0].ast());
    if (this.source.endIdx === this.source.startIdx) {
      // An empty block: give it the line of the token that follows it.
      const i = base + this.source.startIdx;
      const line = i < stream.count ? stream.lines[i] : stream.lastLine;
      return { kind: 'Block', statements, line, lastLine: line };
    }
    return { kind: 'Block', statements, line: lineOf(this), lastLine: lastLineOf(this) };
  },

  Stat_empty(_) { return { kind: 'Empty', line: lineOf(this), lastLine: lastLineOf(this) }; },
  Stat_break(_) { return { kind: 'Break', line: lineOf(this), lastLine: lastLineOf(this) }; },
  Stat_goto(_, name) { return { kind: 'Goto', label: valueOf(name), line: lineOf(this), lastLine: lastLineOf(this) }; },
  Label(_, name, __) { return { kind: 'Label', label: valueOf(name), line: lineOf(this), lastLine: lastLineOf(this) }; },
  Stat_do(_, body, __) { return { kind: 'Do', body: body.ast(), line: lineOf(this), lastLine: lastLineOf(this) }; },
  Stat_while(_, cond, __, body, ___) {
    return { kind: 'While', condition: cond.ast(), body: body.ast(), line: lineOf(this), lastLine: lastLineOf(this) };
  },
  Stat_repeat(_, body, __, cond) {
    return { kind: 'Repeat', body: body.ast(), condition: cond.ast(), line: lineOf(this), lastLine: lastLineOf(this) };
  },
  Stat_if(_, cond, __, body, elseifs, orelse, ___) {
    const clauses = [{ condition: cond.ast(), body: body.ast(), line: lineOf(this), thenLine: lineOf(__) }];
    for (const e of elseifs.children) clauses.push(e.ast());
    return { kind: 'If', clauses, orelse: optional(orelse), line: lineOf(this), lastLine: lastLineOf(this) };
  },
  ElseIf(_, cond, __, body) { return { condition: cond.ast(), body: body.ast(), line: lineOf(this), thenLine: lineOf(__) }; },
  Else(_, body) { return body.ast(); },
  Stat_numericFor(_, name, __, start, ___, limit, ____, step, _____, body, ______) {
    return {
      kind: 'NumericFor', variable: valueOf(name), start: start.ast(), limit: limit.ast(),
      step: optional(step), body: body.ast(), line: lineOf(this), lastLine: lastLineOf(this),
    };
  },
  Stat_genericFor(_, names, __, exps, ___, body, ____) {
    return { kind: 'GenericFor', names: names.ast(), iterators: exps.ast(), body: body.ast(), line: lineOf(this), lastLine: lastLineOf(this) };
  },
  Stat_function(_, funcname, body) {
    const { target, isMethod, text } = funcname.ast() as { target: AST.Name | AST.Index; isMethod: boolean; text: string };
    const func = body.ast() as AST.FunctionExpr;
    if (isMethod) { func.params.unshift('self'); func.isMethod = true; }
    func.name = text;
    func.line = lineOf(this);
    return { kind: 'FunctionStatement', target, func, line: lineOf(this), lastLine: lastLineOf(this) };
  },
  FuncName(first, _dots, names, _colon, method) {
    let target: AST.Name | AST.Index = { kind: 'Name', name: valueOf(first), line: lineOf(first), lastLine: lastLineOf(first) };
    let text = target.name;
    const keys = names.children.concat(method.children);
    for (const key of keys) {
      target = {
        kind: 'Index', object: target, dotted: true, line: target.line, lastLine: lineOf(key),
        key: { kind: 'String', value: valueOf(key), line: lineOf(key), lastLine: lastLineOf(key) },
      };
    }
    for (const n of names.children) text += '.' + valueOf(n);
    for (const n of method.children) text += ':' + valueOf(n);
    return { target, isMethod: method.children.length > 0, text };
  },
  Stat_localFunction(_, __, name, body) {
    const func = body.ast() as AST.FunctionExpr;
    func.name = valueOf(name);
    return { kind: 'LocalFunction', name: valueOf(name), func, line: lineOf(this), lastLine: lastLineOf(this) };
  },
  Stat_local(_, attnames, _eq, values) {
    const pairs = attnames.ast() as [string, AST.Local['attribs'][number]][];
    return {
      kind: 'Local', names: pairs.map((p) => p[0]), attribs: pairs.map((p) => p[1]),
      values: optional(values) ?? [], line: lineOf(this), lastLine: lastLineOf(this),
    };
  },
  AttName(name, attrib) { return [valueOf(name), optional(attrib)]; },
  Attrib(_, name, __) { return valueOf(name); },
  Stat_assign(targets, _, values) {
    return { kind: 'Assign', targets: targets.ast(), values: values.ast(), line: lineOf(this), lastLine: lastLineOf(this) };
  },
  Stat_call(call) { return { kind: 'CallStatement', call: call.ast(), line: lineOf(this), lastLine: lastLineOf(this) }; },
  RetStat(_, values, __) { return { kind: 'Return', values: optional(values) ?? [], line: lineOf(this), lastLine: lastLineOf(this) }; },

  NonemptyListOf(first, _seps, rest) { return [first.ast(), ...rest.children.map((c) => c.ast())]; },
  EmptyListOf() { return []; },
  name(_) { return valueOf(this); },

  // Prefix expressions, variables and calls (§3.2, §3.4.10).
  Var_index(primary, suffixes, _lookahead, index) { return applySuffix(chain(primary, suffixes), index); },
  Var_name(name) { return { kind: 'Name', name: valueOf(name), line: lineOf(this), lastLine: lastLineOf(this) }; },
  FunctionCall(primary, suffixes, _lookahead, call) { return applySuffix(chain(primary, suffixes), call); },
  PrimaryExp(e) {
    return e.ctorName === 'name' ? { kind: 'Name', name: valueOf(e), line: lineOf(this), lastLine: lastLineOf(this) } : e.ast();
  },
  ParenExp(_, e, __) { return { kind: 'Paren', expression: e.ast(), line: lineOf(this), lastLine: lastLineOf(this) }; },
  PrefixExp(primary, suffixes) { return chain(primary, suffixes); },
  Args_list(_, list, __) { return list.ast(); },
  Args_table(table) { return [table.ast()]; },
  Args_string(s) { return [s.ast()]; },

  // Operators by precedence (§3.4.8).
  Exp(first, ops, operands) {
    if (ops.children.length === 0) return first.ast();
    return groupOperators(
      [first.ast(), ...operands.children.map((c) => c.ast() as AST.Expression)],
      ops.children,
    );
  },
  UnaryExp(unaryOps, base, _caret, exponent) {
    let e = base.ast() as AST.Expression;
    if (exponent.children.length > 0) e = binary(e, _caret.children[0], exponent.children[0].ast());
    // The unary operators apply from the innermost (rightmost) out.
    for (let i = unaryOps.children.length - 1; i >= 0; i--) {
      const op = unaryOps.children[i];
      const code = codeOf(op);
      e = { kind: 'Unary', op: (code === 'X' ? 'not' : code) as AST.UnaryOperator, operand: e, line: lineOf(op), lastLine: e.lastLine };
    }
    return e;
  },

  kwNil(_) { return { kind: 'Nil', line: lineOf(this), lastLine: lastLineOf(this) }; },
  kwFalse(_) { return { kind: 'False', line: lineOf(this), lastLine: lastLineOf(this) }; },
  kwTrue(_) { return { kind: 'True', line: lineOf(this), lastLine: lastLineOf(this) }; },
  opDots(_) { return { kind: 'Vararg', line: lineOf(this), lastLine: lastLineOf(this) }; },
  numeral(_) {
    const i = base + this.source.startIdx;
    const text = source.slice(stream.starts[i], stream.ends[i]);
    const kind = stream.codes[i] === 'i' ? 'Integer' : 'Float';
    return { kind, value: stream.values[i], text, line: lineOf(this), lastLine: lastLineOf(this) };
  },
  literalString(_) { return { kind: 'String', value: valueOf(this), line: lineOf(this), lastLine: lastLineOf(this) }; },

  FunctionDef(_, body) { return body.ast(); },
  FuncBody(_, params, __, body, ___) {
    const p = (optional(params) ?? { names: [], isVararg: false }) as { names: string[]; isVararg: boolean };
    return { kind: 'Function', params: p.names, isVararg: p.isVararg, isMethod: false, body: body.ast(), line: lineOf(this), lastLine: lastLineOf(this) };
  },
  ParList_names(names, _comma, dots) { return { names: names.ast(), isVararg: dots.children.length > 0 }; },
  ParList_vararg(_) { return { names: [], isVararg: true }; },

  TableConstructor(_, fields, __) { return { kind: 'Table', fields: optional(fields) ?? [], line: lineOf(this), lastLine: lastLineOf(this) }; },
  FieldList(first, _seps, rest, _last) { return [first.ast(), ...rest.children.map((c) => c.ast())]; },
  Field_keyed(_, key, __, ___, value) { return { kind: 'KeyedField', key: key.ast(), value: value.ast(), line: lineOf(this), lastLine: lastLineOf(this) }; },
  Field_named(name, _, value) { return { kind: 'NamedField', name: valueOf(name), value: value.ast(), line: lineOf(this), lastLine: lastLineOf(this) }; },
  Field_positional(value) { return { kind: 'PositionalField', value: value.ast(), line: lineOf(this), lastLine: lastLineOf(this) }; },

  _iter(...children: NonterminalNode[]) { return children.map((c) => c.ast()); },
});

/** The Ohm grammar the parser runs. */
export const tokenGrammar = grammars.LuaTokens;

/**
 * The statements of a successful match of one segment (tokens `first` to
 * the end of the segment) of `tokens`.
 */
export function buildStatements(match: MatchResult, tokens: TokenStream, src: string, first: number): AST.Statement[] {
  stream = tokens;
  source = src;
  base = first;
  try {
    return (semantics(match).ast() as AST.Block).statements;
  } finally {
    stream = undefined as unknown as TokenStream;
    source = '';
  }
}
