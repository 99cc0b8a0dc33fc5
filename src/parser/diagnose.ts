/**
 * # The diagnoser: which error would Lua report?
 *
 * Responsibility: naming a syntax error exactly as `luac5.4 -p` does. Ohm
 * knows *where* a match fails but not which of Lua's messages applies, and
 * Lua's choice depends on the order in which `lparser.c` looks at tokens.
 * So when Ohm rejects a chunk (or when the chunk contains constructs the
 * grammar does not check, see `index.ts`), this module walks the token
 * stream the way `lparser.c` does — same functions, same order of checks,
 * same nesting count — and throws the first error that walk meets. It
 * builds nothing; when it finds no error, it returns.
 *
 * The checks that the grammar leaves to it:
 * - `...` outside a vararg function (§3.4.11),
 * - attributes other than `const` and `close`, and two `close` in one
 *   `local` (§3.3.7),
 * - nesting deeper than LUAI_MAXCCALLS (200) C levels ("C stack overflow").
 *
 * The errors that `lparser.c` meets while it reads, rather than at the
 * end, are tracked too (scopes.ts): too many local variables or upvalues,
 * a repeated label, a goto into the scope of a local, a break or goto
 * with nowhere to go (met where their function ends), an assignment to a
 * `<const>` or `<close>` variable. Lua reports such an error before any
 * syntax error further on, so when the walk ends in an error, the first
 * of these wins if it came before. A chunk that is otherwise valid is left
 * to the compiler, which checks the same rules (`src/compiler/scope.ts`).
 *
 * For a deeply nested chunk, the same walk also marks the parts that the
 * parser matches on their own (nested.ts): each expression (`expr`) and
 * each statement with `partLevels` levels or more nested inside it, not
 * counting the levels inside parts already marked, which stand for one.
 * Because the walk follows `lparser.c`, a marked span is exactly one `Exp`
 * or one `Stat` of the grammar. (`return` and labels are not `Stat`s, so
 * they are never marked; the expressions in them are.)
 *
 * Manual: §9. PUC-Rio counterpart: `lparser.c` (statement, subexpr,
 * suffixedexp, constructor, body...); the token helpers it stands on
 * (cursor.ts) are `llex.c`'s.
 *
 * Invariant: `level` counts C levels as `lparser.c` does (`enterlevel`,
 * `leavelevel`); `scopes` opens and closes functions and blocks, and
 * declares, activates and looks up variables, at the tokens where
 * `lparser.c` does.
 *
 * Read next: `cursor.ts` (the token helpers), `scopes.ts`, `errors.ts`.
 */

import { LuaSyntaxError } from './errors.ts';
import { TokenCursor } from './cursor.ts';
import type { TokenStream } from './tokens.ts';
import { Scopes, VarKind } from './scopes.ts';

/** LUAI_MAXCCALLS of llimits.h. */
const MAX_C_CALLS = 200;

/** Left and right priorities of binary operators (lparser.c `priority`), by token code. */
const PRIORITY: Record<string, [number, number]> = {
  '+': [10, 10], '-': [10, 10], '*': [11, 11], '%': [11, 11], '^': [14, 13],
  '/': [11, 11], d: [11, 11], '&': [6, 6], '|': [4, 4], '~': [5, 5],
  h: [7, 7], r: [7, 7], c: [9, 8],
  q: [3, 3], '<': [3, 3], l: [3, 3], x: [3, 3], '>': [3, 3], g: [3, 3],
  A: [2, 2], R: [1, 1],
};
const UNARY_PRIORITY = 12;
const UNARY = new Set(['X', '-', '~', '#']);

/** A span of tokens, `start` to `end - 1`, that is one `Exp` or one `Stat` of the grammar. */
export interface Part {
  /** Which grammar rule the span is matched with on its own. */
  rule: 'Exp' | 'Stat';
  /** Stream index of the span's first token. */
  start: number;
  /** Stream index just past the span's last token. */
  end: number;
}

/**
 * Throw the error Lua reports first for this chunk, if any. Otherwise
 * return the parts to match on their own with nesting `partLevels` deep
 * (none by default), innermost first: in the order in which they end.
 */
export function diagnose(
  tokens: TokenStream, source: string, chunkname: string, cLevels: number, partLevels = Infinity,
): Part[] {
  const d = new Diagnoser(tokens, source, chunkname, cLevels, partLevels);
  try {
    d.chunk();
  } catch (e) {
    // Lua stops at the error it met while reading, before this one.
    throw e instanceof LuaSyntaxError && d.earlyError ? d.earlyError : e;
  }
  return d.parts;
}

/** What the walk knows about the function being parsed: whether it takes `...`. */
interface FunctionState { isVararg: boolean }

/** Token codes of the literals whose value is a compile-time constant. */
const LITERALS = new Set(['N', 'Y', 'K', 'i', 'f', 's']);

class Diagnoser extends TokenCursor {
  private level: number;
  private fs: FunctionState = { isVararg: true }; // the main chunk is vararg
  /** The first error met while reading (see the module header), if any. */
  earlyError: LuaSyntaxError | undefined;
  /** Variables, labels and gotos, as lparser.c keeps them. */
  private readonly scopes = new Scopes((message, withNear) => {
    this.earlyError ??= withNear ? this.errorHere(message) : this.semanticErrorHere(message);
  });
  /**
   * After `suffixedExp`: the name of the read-only variable it was, if it
   * was just one variable (for an assignment to it).
   */
  private readonlyName: string | undefined;
  /** The parts marked so far (see the module header). */
  readonly parts: Part[] = [];
  /**
   * The deepest level entered since the innermost expression or statement
   * being walked began, a marked part counting as one level.
   */
  private peak: number;

  constructor(
    tokens: TokenStream,
    source: string,
    chunkname: string,
    cLevels: number,
    private readonly partLevels: number,
  ) {
    super(tokens, source, chunkname);
    this.level = cLevels;
    this.peak = cLevels;
  }

  private enterLevel(): void {
    if (++this.level === MAX_C_CALLS) throw new LuaSyntaxError('C stack overflow', this.line, true);
    if (this.level > this.peak) this.peak = this.level;
  }

  // --- parts for the nested parse (see the module header) -----------------

  /** Begin a span that may become a part; returns the enclosing span's peak. */
  private openSpan(): number {
    const outer = this.peak;
    this.peak = this.level;
    return outer;
  }

  /** End the span begun at token `start` on `level`: mark it if it is deep enough. */
  private closeSpan(rule: Part['rule'] | undefined, start: number, level: number, outer: number): void {
    if (rule !== undefined && this.peak - level >= this.partLevels) {
      this.parts.push({ rule, start, end: this.p });
      this.peak = level + 1;
    }
    if (outer > this.peak) this.peak = outer;
  }

  private leaveLevel(): void {
    this.level--;
  }

  /** A block: its local variables and labels go out of scope at its end. */
  private block(): void {
    this.scopes.enterBlock(false);
    this.statList();
    this.scopes.leaveBlock();
  }

  // --- statements ----------------------------------------------------------

  chunk(): void {
    this.next();
    this.statList();
    this.check(undefined); // "<eof> expected"
    this.scopes.closeFunction();
  }

  private blockFollow(withUntil: boolean): boolean {
    const t = this.current;
    return t === undefined || t === 'E' || t === 'F' || t === 'Z' || (withUntil && t === 'Q');
  }

  private statList(): void {
    while (!this.blockFollow(true)) {
      if (this.token() === 'T') { this.statement(); return; }
      this.statement();
    }
  }

  private statement(): void {
    const line = this.line;
    const start = this.p, level = this.level, outer = this.openSpan();
    const first = this.token();
    this.enterLevel();
    switch (first) {
      case ';': this.next(); break;
      case 'I': this.ifStat(line); break;
      case 'W':
        this.next(); this.expr();
        this.scopes.enterBlock(true);
        this.checkNext('D'); this.block(); this.checkMatch('Z', 'W', line);
        this.scopes.leaveBlock();
        break;
      case 'D':
        this.next(); this.block(); this.checkMatch('Z', 'D', line);
        break;
      case 'O': this.forStat(line); break;
      case 'P': // the loop, and inside it the scope the condition shares with the body
        this.scopes.enterBlock(true);
        this.scopes.enterBlock(false);
        this.next(); this.statList(); this.checkMatch('Q', 'P', line); this.expr();
        this.scopes.leaveBlock();
        this.scopes.leaveBlock();
        break;
      case 'U':
        this.next(); {
          const name = this.funcName();
          this.body(name.isMethod, line);
          this.scopes.assign(name.readonly);
        }
        break;
      case 'L':
        this.next();
        if (this.testNext('U')) {
          this.scopes.declare(this.checkName());
          this.scopes.activate(1);
          this.body(false, this.line);
        } else this.localStat();
        break;
      case 'k': {
        this.next();
        const name = this.checkName();
        this.checkNext('k');
        while (this.token() === ';' || this.token() === 'k') this.statement();
        this.scopes.label(name, line, this.blockFollow(false));
        break;
      }
      case 'T':
        this.next();
        if (!(this.blockFollow(true) || this.token() === ';')) this.exprList();
        this.testNext(';');
        break;
      case 'B': this.next(); this.scopes.break(line); break;
      case 'G': {
        this.next();
        const gotoLine = this.line;
        this.scopes.goto(this.checkName(), gotoLine);
        break;
      }
      default: this.exprStat(); break;
    }
    this.leaveLevel();
    this.closeSpan(first === 'T' || first === 'k' ? undefined : 'Stat', start, level, outer);
  }

  private ifStat(line: number): void {
    do {
      this.next(); // skip 'if' or 'elseif'
      this.expr();
      this.checkNext('H');
      this.block();
    } while (this.token() === 'F');
    if (this.testNext('E')) this.block();
    this.checkMatch('Z', 'I', line);
  }

  private forStat(line: number): void {
    this.scopes.enterBlock(true); // the loop's variables are its own
    this.next();
    const name = this.checkName();
    let names = 1;
    switch (this.token()) {
      case '=':
        for (let i = 0; i < 3; i++) this.scopes.declare('(for state)'); // hidden control variables
        this.scopes.declare(name);
        this.next(); this.expr(); this.checkNext(','); this.expr();
        if (this.testNext(',')) this.expr();
        this.scopes.activate(3);
        break;
      case ',': case 'J':
        for (let i = 0; i < 4; i++) this.scopes.declare('(for state)');
        this.scopes.declare(name);
        while (this.testNext(',')) { this.scopes.declare(this.checkName()); names++; }
        this.checkNext('J');
        this.exprList();
        this.scopes.activate(4);
        break;
      default: this.error("'=' or 'in' expected");
    }
    this.checkNext('D');
    this.scopes.enterBlock(false); // the declared variables' scope
    this.scopes.activate(names);
    this.block();
    this.scopes.leaveBlock();
    this.checkMatch('Z', 'O', line);
    this.scopes.leaveBlock();
  }

  /** A function statement's name: whether it is a method, and the read-only variable it assigns, if so. */
  private funcName(): { isMethod: boolean; readonly: string | undefined } {
    let readonly = this.scopes.use(this.checkName());
    while (this.token() === '.') { this.next(); this.checkName(); readonly = undefined; }
    if (this.token() === ':') { this.next(); this.checkName(); return { isMethod: true, readonly: undefined }; }
    return { isMethod: false, readonly };
  }

  private localStat(): void {
    let closes = 0, count = 0;
    do {
      this.scopes.declare(this.checkName());
      count++;
      if (this.testNext('<')) {
        const attrib = this.checkName();
        this.checkNext('>');
        if (attrib === 'close') {
          this.scopes.setKind(VarKind.Close);
          if (++closes > 1) this.semanticError('multiple to-be-closed variables in local list');
        } else if (attrib === 'const') {
          this.scopes.setKind(VarKind.Const);
        } else {
          this.semanticError(`unknown attribute '${attrib}'`);
        }
      }
    } while (this.testNext(','));
    if (this.testNext('=')) {
      const { values, lastStart } = this.exprList();
      // A `<const>` given a constant value takes no register (and no upvalue).
      if (values === count && this.scopes.lastKind() === VarKind.Const && this.isConstant(lastStart, this.p)) {
        this.scopes.setKind(VarKind.CompileTimeConstant);
      }
    }
    this.scopes.activate(count);
  }

  /**
   * Whether the tokens `start` to `end - 1` are an expression whose value
   * Lua knows while compiling: a literal, or a minus and a numeral other
   * than zero (`-0.0` does not fold). See scopes.ts on the approximation.
   */
  private isConstant(start: number, end: number): boolean {
    const { codes, values } = this.tokens;
    if (end - start === 1) return LITERALS.has(codes[start]);
    return end - start === 2 && codes[start] === '-' && (codes[start + 1] === 'i' || codes[start + 1] === 'f') &&
      Number(values[start + 1]) !== 0;
  }

  private exprStat(): void {
    const isCall = this.suffixedExp();
    if (this.token() === '=' || this.token() === ',') this.restAssign(isCall, this.readonlyName);
    else if (isCall !== 'call') this.error('syntax error');
  }

  private restAssign(kind: SuffixedKind, readonly: string | undefined): void {
    if (kind !== 'var') this.error('syntax error');
    this.scopes.assign(readonly);
    if (this.testNext(',')) {
      const next = this.suffixedExp();
      this.enterLevel();
      this.restAssign(next, this.readonlyName);
      this.leaveLevel();
    } else {
      this.checkNext('=');
      this.exprList();
    }
  }

  // --- functions -----------------------------------------------------------

  private body(isMethod: boolean, line: number): void {
    const outer = this.fs;
    this.fs = { isVararg: false };
    this.scopes.openFunction(line);
    this.checkNext('(');
    if (isMethod) { this.scopes.declare('self'); this.scopes.activate(1); }
    let params = 0;
    if (this.token() !== ')') {
      do {
        if (this.token() === 'n') { this.scopes.declare(this.checkName()); params++; }
        else if (this.token() === 'v') { this.next(); this.fs.isVararg = true; }
        else this.error("<name> or '...' expected");
      } while (!this.fs.isVararg && this.testNext(','));
    }
    this.scopes.activate(params);
    this.checkNext(')');
    this.statList();
    this.checkMatch('Z', 'U', line);
    this.scopes.closeFunction();
    this.fs = outer;
  }

  // --- expressions -----------------------------------------------------------

  /** An expression list: how many values, and where the last one starts. */
  private exprList(): { values: number; lastStart: number } {
    let values = 1, lastStart = this.p;
    this.expr();
    while (this.testNext(',')) { lastStart = this.p; this.expr(); values++; }
    return { values, lastStart };
  }

  private expr(): void {
    const start = this.p, level = this.level, outer = this.openSpan();
    this.subExpr(0);
    this.closeSpan('Exp', start, level, outer);
  }

  private subExpr(limit: number): string | undefined {
    this.enterLevel();
    if (UNARY.has(this.token() ?? "")) {
      this.next();
      this.subExpr(UNARY_PRIORITY);
    } else this.simpleExp();
    let op = this.token();
    let priority = op === undefined ? undefined : PRIORITY[op];
    while (priority !== undefined && priority[0] > limit) {
      this.next();
      op = this.subExpr(priority[1]);
      priority = op === undefined ? undefined : PRIORITY[op];
    }
    this.leaveLevel();
    return op;
  }

  private simpleExp(): void {
    switch (this.token()) {
      case 'f': case 'i': case 's': case 'N': case 'Y': case 'K':
        this.next();
        return;
      case 'v':
        if (!this.fs.isVararg) this.error("cannot use '...' outside a vararg function");
        this.next();
        return;
      case '{': this.constructor_(); return;
      case 'U': this.next(); this.body(false, this.line); return;
      default: this.suffixedExp();
    }
  }

  /** Returns what the expression is: a variable, a call, or another value. */
  private suffixedExp(): SuffixedKind {
    // Lua 5.4.4 (the luac5.4 lucid matches) reports an unclosed argument
    // list as opened on the line where the whole expression starts.
    const line = this.line;
    let kind: SuffixedKind;
    let readonly: string | undefined;
    // primaryexp
    if (this.token() === '(') {
      const open = this.line;
      this.next();
      this.expr();
      this.checkMatch(')', '(', open);
      kind = 'value';
    } else if (this.token() === 'n') {
      readonly = this.scopes.use(this.checkName());
      kind = 'var';
    } else this.error('unexpected symbol');
    for (;;) {
      switch (this.token()) {
        case '.': this.next(); this.checkName(); kind = 'var'; break;
        case '[': this.next(); this.expr(); this.checkNext(']'); kind = 'var'; break;
        case ':': this.next(); this.checkName(); this.funcArgs(line); kind = 'call'; break;
        case '(': case 's': case '{': this.funcArgs(line); kind = 'call'; break;
        default:
          this.readonlyName = readonly;
          return kind;
      }
      readonly = undefined; // a field or a call: not the variable itself
    }
  }

  private funcArgs(line: number): void {
    switch (this.token()) {
      case '(':
        this.next();
        if (this.token() !== ')') this.exprList();
        this.checkMatch(')', '(', line);
        break;
      case '{': this.constructor_(); break;
      case 's': this.next(); break;
      default: this.error('function arguments expected');
    }
  }

  private constructor_(): void {
    const line = this.line;
    this.checkNext('{');
    do {
      if (this.token() === '}') break;
      this.field();
    } while (this.testNext(',') || this.testNext(';'));
    this.checkMatch('}', '{', line);
  }

  private field(): void {
    if (this.token() === 'n') {
      if (this.lookahead() !== '=') this.expr();
      else { this.next(); this.checkNext('='); this.expr(); }
    } else if (this.token() === '[') {
      this.next(); this.expr(); this.checkNext(']');
      this.checkNext('=');
      this.expr();
    } else this.expr();
  }
}

type SuffixedKind = 'var' | 'call' | 'value';
