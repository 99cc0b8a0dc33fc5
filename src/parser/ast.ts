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

/**
 * `nil`
 *
 * @property kind - The node type.
 */
export interface Nil extends NodeBase { kind: 'Nil' }
/**
 * `true`
 *
 * @property kind - The node type.
 */
export interface True extends NodeBase { kind: 'True' }
/**
 * `false`
 *
 * @property kind - The node type.
 */
export interface False extends NodeBase { kind: 'False' }
/**
 * `...` inside a vararg function (§3.4.11).
 *
 * @property kind - The node type.
 */
export interface Vararg extends NodeBase { kind: 'Vararg' }

/**
 * An integer numeral (§3.1): decimal that fits int64, or hexadecimal (which
 * wraps around modulo 2^64).
 */
export interface IntegerLiteral extends NodeBase {
  /** The node type: the compiler and the tree printer switch on it. */
  kind: 'Integer';
  /** The integer: a JS number when it is a safe integer, a bigint otherwise (see the module's invariants). */
  value: number | bigint;
  /** The numeral as written, for error messages (`malformed number near '...'`). */
  text: string;
}

/** A float numeral, including decimal integers too large for int64. */
export interface FloatLiteral extends NodeBase {
  /** The node type: the compiler and the tree printer switch on it. */
  kind: 'Float';
  /** The float as a JS number; the compiler boxes it when it is integral. */
  value: number;
  /** The numeral as written, for error messages. */
  text: string;
}

/** A string literal, short or long, with escapes already decoded to bytes. */
export interface StringLiteral extends NodeBase {
  /** The node type: the compiler and the tree printer switch on it. */
  kind: 'String';
  /** The decoded bytes, one char code (0-255) per byte. */
  value: string;
}

/** A name used as an expression: a local, an upvalue or a global (§3.2). */
export interface Name extends NodeBase {
  /** The node type: the compiler and the tree printer switch on it. */
  kind: 'Name';
  /** The identifier, as bytes. */
  name: string;
}

/**
 * `obj[key]`, and `obj.name` (whose key is a StringLiteral). `line` is the
 * line where the prefix expression starts.
 */
export interface Index extends NodeBase {
  /** The node type: the compiler and the tree printer switch on it. */
  kind: 'Index';
  /** The table (or any value with `__index`) being indexed. */
  object: Expression;
  /** The key; a StringLiteral for `obj.name`. */
  key: Expression;
  /** True for `obj.name`, false for `obj[key]`. */
  dotted: boolean;
}

/** `f(args)`, `f{...}`, `f"str"` (§3.4.10). */
export interface Call extends NodeBase {
  /** The node type: the compiler and the tree printer switch on it. */
  kind: 'Call';
  /** The function called (any prefix expression). */
  callee: Expression;
  /** The arguments; the last one may be multi-valued (a call or `...`). */
  args: Expression[];
  /** Line of the token that opens the arguments: `(`, `{` or the string. */
  argsLine: number;
}

/** `obj:name(args)` (§3.4.10). */
export interface MethodCall extends NodeBase {
  /** The node type: the compiler and the tree printer switch on it. */
  kind: 'MethodCall';
  /** The receiver, evaluated once and passed as `self`. */
  object: Expression;
  /** The method name after `:`, looked up in the receiver. */
  method: string;
  /** Line of the method name (after the `:`). */
  methodLine: number;
  /** The arguments after the implicit `self`. */
  args: Expression[];
  /** Line of the token that opens the arguments (as in Call). */
  argsLine: number;
}

/**
 * `function (params) body end` (§3.4.11). Also used for the bodies of
 * `function f() end`, `local function f() end` and methods; for methods the
 * parser has already put `self` first in `params` and set `isMethod`.
 */
export interface FunctionExpr extends NodeBase {
  /** The node type: the compiler and the tree printer switch on it. */
  kind: 'Function';
  /** Names of the fixed parameters, `self` first for a method. */
  params: string[];
  /** The parameter list ends with `...`. */
  isVararg: boolean;
  /** Defined with `:`, so `self` was added as first parameter. */
  isMethod: boolean;
  /** The function's body. */
  body: Block;
  /** Name for messages, when the function was defined by a statement. */
  name?: string;
}

/**
 * One field of a table constructor (§3.4.9), told apart by `kind`:
 * `PositionalField` is `exp` (`value` gets the next integer key),
 * `NamedField` is `name = exp` (`name`: the key's bytes), `KeyedField` is
 * `[key] = exp`. Each has its own `line` and `lastLine`, like a node.
 */
export type Field =
  | { kind: 'PositionalField'; value: Expression; line: number; lastLine: number }
  | { kind: 'NamedField'; name: string; value: Expression; line: number; lastLine: number }
  | { kind: 'KeyedField'; key: Expression; value: Expression; line: number; lastLine: number };

/** `{ fields }`; `lastLine` is the line of the closing brace. */
export interface TableConstructor extends NodeBase {
  /** The node type: the compiler and the tree printer switch on it. */
  kind: 'Table';
  /** The fields in source order (positional ones get keys 1, 2, ... in that order). */
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
  /** The node type: the compiler and the tree printer switch on it. */
  kind: 'Binary';
  /** The operator. */
  op: BinaryOperator;
  /** The left operand (evaluated first). */
  left: Expression;
  /** The right operand. */
  right: Expression;
  /** Line of the operator token. */
  opLine: number;
}

/** `op operand`. */
export interface UnaryOp extends NodeBase {
  /** The node type: the compiler and the tree printer switch on it. */
  kind: 'Unary';
  /** The operator. */
  op: UnaryOperator;
  /** The operand. */
  operand: Expression;
}

/**
 * `( expression )`. Kept in the tree because parentheses change meaning:
 * they truncate a call or `...` to one value (§3.4).
 */
export interface Paren extends NodeBase {
  /** The node type: the compiler and the tree printer switch on it. */
  kind: 'Paren';
  /** The parenthesized expression. */
  expression: Expression;
}

/** Any expression node: what the compiler's expression walker accepts. */
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
  /** The node type: the compiler and the tree printer switch on it. */
  kind: 'Block';
  /** The statements in order; a `return` can only be last. */
  statements: Statement[];
}

/** `local a <const>, b <close> = exps` (§3.3.7). */
export interface Local extends NodeBase {
  /** The node type: the compiler and the tree printer switch on it. */
  kind: 'Local';
  /** The declared names, in order. */
  names: string[];
  /** One entry per name: undefined, 'const' or 'close'. */
  attribs: (undefined | 'const' | 'close')[];
  /** The initial values; missing ones are nil, extra ones are evaluated and dropped. */
  values: Expression[];
}

/** `targets = values` (§3.3.3). Targets are Name or Index nodes. */
export interface Assign extends NodeBase {
  /** The node type: the compiler and the tree printer switch on it. */
  kind: 'Assign';
  /** Where the values go: variables (Name) or table fields (Index). */
  targets: (Name | Index)[];
  /** The values; all are evaluated before any assignment happens. */
  values: Expression[];
}

/** A function call used as a statement (§3.3.6). */
export interface CallStatement extends NodeBase {
  /** The node type: the compiler and the tree printer switch on it. */
  kind: 'CallStatement';
  /** The call, whose results are discarded. */
  call: Call | MethodCall;
}

/**
 * `do block end`
 *
 * @property kind - The node type.
 * @property body - The block, a scope of its own.
 */
export interface Do extends NodeBase { kind: 'Do'; body: Block }

/** `while cond do block end` */
export interface While extends NodeBase {
  /** The node type: the compiler and the tree printer switch on it. */
  kind: 'While';
  /** Tested before each iteration. */
  condition: Expression;
  /** The loop body. */
  body: Block;
}

/** `repeat block until cond`; the condition sees the block's locals. */
export interface Repeat extends NodeBase {
  /** The node type: the compiler and the tree printer switch on it. */
  kind: 'Repeat';
  /** The loop body, run at least once. */
  body: Block;
  /** Tested after each iteration; the loop ends when it is true. */
  condition: Expression;
}

/** `if c1 then b1 elseif c2 then b2 else b3 end` */
export interface If extends NodeBase {
  /** The node type: the compiler and the tree printer switch on it. */
  kind: 'If';
  /**
   * The `if` and `elseif` clauses in order: each has its `condition`, its
   * `body`, the `line` of its keyword, and `thenLine`: the line of `then`,
   * where luac puts the clause's test.
   */
  clauses: { condition: Expression; body: Block; line: number; thenLine: number }[];
  /** The `else` block, if any. */
  orelse?: Block;
}

/** `for v = start, limit [, step] do block end` (§3.3.5). */
export interface NumericFor extends NodeBase {
  /** The node type: the compiler and the tree printer switch on it. */
  kind: 'NumericFor';
  /** The control variable, a fresh local of the body. */
  variable: string;
  /** Initial value. */
  start: Expression;
  /** Limit, evaluated once before the loop. */
  limit: Expression;
  /** Increment (1 when absent); a zero step is an error. */
  step?: Expression;
  /** The loop body. */
  body: Block;
}

/** `for names in exps do block end` (§3.3.5). */
export interface GenericFor extends NodeBase {
  /** The node type: the compiler and the tree printer switch on it. */
  kind: 'GenericFor';
  /** The loop variables; the first is the control variable. */
  names: string[];
  /** The expressions that give the iterator function, state, initial value and closing value. */
  iterators: Expression[];
  /** The loop body. */
  body: Block;
}

/**
 * `function a.b.c:m() end` (§3.4.11). `target` is the Name or Index the
 * function is stored in; for a method the FunctionExpr has `isMethod`.
 */
export interface FunctionStatement extends NodeBase {
  /** The node type: the compiler and the tree printer switch on it. */
  kind: 'FunctionStatement';
  /** Where the function is stored. */
  target: Name | Index;
  /** The function itself. */
  func: FunctionExpr;
}

/** `local function f() end`: f is in scope inside its own body. */
export interface LocalFunction extends NodeBase {
  /** The node type: the compiler and the tree printer switch on it. */
  kind: 'LocalFunction';
  /** The new local. */
  name: string;
  /** The function itself. */
  func: FunctionExpr;
}

/** `return exps` — always the last statement of a block. */
export interface Return extends NodeBase {
  /** The node type: the compiler and the tree printer switch on it. */
  kind: 'Return';
  /** The returned expressions; a final call is a tail call. */
  values: Expression[];
}

/**
 * `break`
 *
 * @property kind - The node type.
 */
export interface Break extends NodeBase { kind: 'Break' }

/**
 * `goto name` (§3.3.4).
 *
 * @property kind - The node type.
 * @property label - The label jumped to, visible from here.
 */
export interface Goto extends NodeBase { kind: 'Goto'; label: string }

/**
 * `::name::`
 *
 * @property kind - The node type.
 * @property label - The label name, unique in its function.
 */
export interface Label extends NodeBase { kind: 'Label'; label: string }

/**
 * A lone `;`. Kept so that line information can be reproduced exactly.
 *
 * @property kind - The node type.
 */
export interface Empty extends NodeBase { kind: 'Empty' }

/** Any statement node: what a Block holds. */
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
  /** The node type: the compiler and the tree printer switch on it. */
  kind: 'Chunk';
  /** The chunk's statements. */
  body: Block;
  /** The chunk name as given to `parse` (e.g. `@file.lua`, `=stdin`). */
  chunkname: string;
}

/** Any node of the tree, for code that walks all of it (the printer, the JSON dump). */
export type Node = Expression | Statement | Block | Chunk;
