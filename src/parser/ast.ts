/**
 * # The abstract syntax tree
 *
 * Responsibility: the typed tree that the Ohm semantics build and the
 * compiler walks. It is plain data: no methods, no links back to the parser,
 * so a learner can print it (`lucidc --ast file.lua`) and read it beside the
 * source.
 *
 * Manual: §3 (the language) and §9 (the complete syntax). Each node names the
 * grammar rule of `grammar.ohm` that produces it.
 *
 * PUC-Rio counterpart: none. PUC-Rio's `lparser.c` generates code while it
 * parses and never builds a tree; lucid separates the two so that each can be
 * read on its own (source → grammar → AST → prototype → VM).
 *
 * Invariants:
 * - Every node has `line`, the line of its first token, and `lastLine`, the
 *   line of its last token. The compiler needs both to give each instruction
 *   the line luac gives it: PUC-Rio stamps an instruction with the line of
 *   the last token read when the instruction is emitted, which for most
 *   constructs is the `lastLine` of some node.
 * - A few nodes carry one more line where luac uses a token in the middle of
 *   a construct (`opLine` of a binary operator, `argsLine` of a call).
 * - Strings (names, string literals) are byte strings: every char code is a
 *   byte 0–255, never UTF-16 text (docs/design.md §2).
 * - Integer literals are canonical Lua integers: a JS `number` when the value
 *   is a safe integer, otherwise a `bigint` in the int64 range. Float
 *   literals are plain JS numbers; the compiler boxes integral ones.
 *
 * Read next: `grammar.ohm` (what produces these nodes), then
 * `src/compiler/` (what consumes them).
 */

/** Fields every node has. */
export interface NodeBase {
  /** Line of the node's first token (1-based). */
  line: number;
  /** Line of the node's last token. */
  lastLine: number;
}

// ---------------------------------------------------------------------------
// Expressions (manual §3.4)
// ---------------------------------------------------------------------------

/** `nil` */
export interface Nil extends NodeBase { kind: 'Nil' }
/** `true` */
export interface True extends NodeBase { kind: 'True' }
/** `false` */
export interface False extends NodeBase { kind: 'False' }
/** `...` inside a vararg function (§3.4.11). */
export interface Vararg extends NodeBase { kind: 'Vararg' }

/**
 * An integer numeral (§3.1): decimal that fits int64, or hexadecimal (which
 * wraps around modulo 2^64).
 */
export interface IntegerLiteral extends NodeBase {
  kind: 'Integer';
  value: number | bigint;
  /** The numeral as written, for error messages (`malformed number near '...'`). */
  text: string;
}

/** A float numeral, including decimal integers too large for int64. */
export interface FloatLiteral extends NodeBase {
  kind: 'Float';
  value: number;
  text: string;
}

/** A string literal, short or long, with escapes already decoded to bytes. */
export interface StringLiteral extends NodeBase {
  kind: 'String';
  value: string;
}

/** A name used as an expression: a local, an upvalue or a global (§3.2). */
export interface Name extends NodeBase {
  kind: 'Name';
  name: string;
}

/**
 * `obj[key]`, and `obj.name` (whose key is a StringLiteral). `line` is the
 * line where the prefix expression starts.
 */
export interface Index extends NodeBase {
  kind: 'Index';
  object: Expression;
  key: Expression;
  /** True for `obj.name`, false for `obj[key]`. */
  dotted: boolean;
}

/** `f(args)`, `f{...}`, `f"str"` (§3.4.10). */
export interface Call extends NodeBase {
  kind: 'Call';
  callee: Expression;
  args: Expression[];
  /** Line of the token that opens the arguments: `(`, `{` or the string. */
  argsLine: number;
}

/** `obj:name(args)` (§3.4.10). */
export interface MethodCall extends NodeBase {
  kind: 'MethodCall';
  object: Expression;
  method: string;
  /** Line of the method name (after the `:`). */
  methodLine: number;
  args: Expression[];
  argsLine: number;
}

/**
 * `function (params) body end` (§3.4.11). Also used for the bodies of
 * `function f() end`, `local function f() end` and methods; for methods the
 * parser has already put `self` first in `params` and set `isMethod`.
 */
export interface FunctionExpr extends NodeBase {
  kind: 'Function';
  params: string[];
  isVararg: boolean;
  isMethod: boolean;
  body: Block;
  /** Name for messages, when the function was defined by a statement. */
  name?: string;
}

/** One field of a table constructor (§3.4.9). */
export type Field =
  | { kind: 'PositionalField'; value: Expression; line: number; lastLine: number }
  | { kind: 'NamedField'; name: string; value: Expression; line: number; lastLine: number }
  | { kind: 'KeyedField'; key: Expression; value: Expression; line: number; lastLine: number };

/** `{ fields }`; `lastLine` is the line of the closing brace. */
export interface TableConstructor extends NodeBase {
  kind: 'Table';
  fields: Field[];
}

/** Binary operators, with the spelling of the manual (§3.4.8). */
export type BinaryOperator =
  | 'or' | 'and'
  | '<' | '>' | '<=' | '>=' | '~=' | '=='
  | '|' | '~' | '&' | '<<' | '>>'
  | '..'
  | '+' | '-'
  | '*' | '/' | '//' | '%'
  | '^';

/** Unary operators: `not`, `#`, `-`, `~` (§3.4.8). */
export type UnaryOperator = 'not' | '#' | '-' | '~';

/** `left op right`. */
export interface BinaryOp extends NodeBase {
  kind: 'Binary';
  op: BinaryOperator;
  left: Expression;
  right: Expression;
  /** Line of the operator token. */
  opLine: number;
}

/** `op operand`. */
export interface UnaryOp extends NodeBase {
  kind: 'Unary';
  op: UnaryOperator;
  operand: Expression;
}

/**
 * `( expression )`. Kept in the tree because parentheses change meaning:
 * they truncate a call or `...` to one value (§3.4).
 */
export interface Paren extends NodeBase {
  kind: 'Paren';
  expression: Expression;
}

export type Expression =
  | Nil | True | False | Vararg
  | IntegerLiteral | FloatLiteral | StringLiteral
  | Name | Index | Call | MethodCall
  | FunctionExpr | TableConstructor
  | BinaryOp | UnaryOp | Paren;

// ---------------------------------------------------------------------------
// Statements (manual §3.3)
// ---------------------------------------------------------------------------

/** A sequence of statements, with an optional final `return` (§3.3.1, §3.3.4). */
export interface Block extends NodeBase {
  kind: 'Block';
  statements: Statement[];
}

/** `local a <const>, b <close> = exps` (§3.3.7). */
export interface Local extends NodeBase {
  kind: 'Local';
  names: string[];
  /** One entry per name: undefined, 'const' or 'close'. */
  attribs: (undefined | 'const' | 'close')[];
  values: Expression[];
}

/** `targets = values` (§3.3.3). Targets are Name or Index nodes. */
export interface Assign extends NodeBase {
  kind: 'Assign';
  targets: (Name | Index)[];
  values: Expression[];
}

/** A function call used as a statement (§3.3.6). */
export interface CallStatement extends NodeBase {
  kind: 'CallStatement';
  call: Call | MethodCall;
}

/** `do block end` */
export interface Do extends NodeBase { kind: 'Do'; body: Block }

/** `while cond do block end` */
export interface While extends NodeBase {
  kind: 'While';
  condition: Expression;
  body: Block;
}

/** `repeat block until cond`; the condition sees the block's locals. */
export interface Repeat extends NodeBase {
  kind: 'Repeat';
  body: Block;
  condition: Expression;
}

/** `if c1 then b1 elseif c2 then b2 else b3 end` */
export interface If extends NodeBase {
  kind: 'If';
  /** `thenLine`: the line of `then`, where luac puts the clause's test. */
  clauses: { condition: Expression; body: Block; line: number; thenLine: number }[];
  orelse?: Block;
}

/** `for v = start, limit [, step] do block end` (§3.3.5). */
export interface NumericFor extends NodeBase {
  kind: 'NumericFor';
  variable: string;
  start: Expression;
  limit: Expression;
  step?: Expression;
  body: Block;
}

/** `for names in exps do block end` (§3.3.5). */
export interface GenericFor extends NodeBase {
  kind: 'GenericFor';
  names: string[];
  iterators: Expression[];
  body: Block;
}

/**
 * `function a.b.c:m() end` (§3.4.11). `target` is the Name or Index the
 * function is stored in; for a method the FunctionExpr has `isMethod`.
 */
export interface FunctionStatement extends NodeBase {
  kind: 'FunctionStatement';
  target: Name | Index;
  func: FunctionExpr;
}

/** `local function f() end`: f is in scope inside its own body. */
export interface LocalFunction extends NodeBase {
  kind: 'LocalFunction';
  name: string;
  func: FunctionExpr;
}

/** `return exps` — always the last statement of a block. */
export interface Return extends NodeBase {
  kind: 'Return';
  values: Expression[];
}

/** `break` */
export interface Break extends NodeBase { kind: 'Break' }

/** `goto name` (§3.3.4). */
export interface Goto extends NodeBase { kind: 'Goto'; label: string }

/** `::name::` */
export interface Label extends NodeBase { kind: 'Label'; label: string }

/** A lone `;`. Kept so that line information can be reproduced exactly. */
export interface Empty extends NodeBase { kind: 'Empty' }

export type Statement =
  | Local | Assign | CallStatement | Do | While | Repeat | If
  | NumericFor | GenericFor | FunctionStatement | LocalFunction
  | Return | Break | Goto | Label | Empty;

/**
 * A whole chunk (§3.3.2): compiled as the body of a vararg function whose
 * one upvalue is `_ENV`. `lastLine` is the line of the end of the source,
 * which luac uses for the chunk's final RETURN.
 */
export interface Chunk extends NodeBase {
  kind: 'Chunk';
  body: Block;
  /** The chunk name as given to `parse` (e.g. `@file.lua`, `=stdin`). */
  chunkname: string;
}

export type Node = Expression | Statement | Block | Chunk;
