/**
 * # Scopes as the diagnoser sees them: the errors Lua meets while it reads
 *
 * Responsibility: the bookkeeping of variables, upvalues, labels and
 * pending gotos that `lparser.c` does while it reads a chunk, kept by the
 * diagnoser (diagnose.ts) as it walks the tokens, so that it can tell which
 * of these errors Lua would meet first:
 * - "too many local variables (limit is 200)" and "too many upvalues
 *   (limit is 255)" (with `near`),
 * - "label 'x' already defined on line N",
 * - "<goto x> at line N jumps into the scope of local 'y'",
 * - "break outside loop at line N" and "no visible label 'x' for <goto> at
 *   line N", met when the function that holds them ends,
 * - "attempt to assign to const variable 'x'".
 * Lua raises each of them the moment it meets it, so a chunk that has one
 * before a syntax error reports that one, while lucid's compiler, which
 * checks the same rules on a complete AST (src/compiler/scope.ts), never
 * sees a chunk that does not parse.
 *
 * This module only tracks names and counts; it builds nothing and raises
 * nothing itself. Each problem goes to the `report` callback, at the point
 * of the walk where Lua raises it; the diagnoser keeps the first one.
 *
 * Manual: §3.3.4 (goto, labels), §3.3.7 (attributes), §3.5 (visibility).
 * PUC-Rio counterpart: `new_localvar`, `adjustlocalvars`, `removevars`,
 * `singlevaraux`, `allocupvalue`, `enterblock`, `leaveblock`,
 * `createlabel`, `solvegotos`, `movegotosout`, `undefgoto`,
 * `check_readonly` of lparser.c.
 *
 * Invariants (as `Dyndata` and `FuncState` keep them):
 * - `fn.vars` holds the variables declared in the blocks open in the
 *   function, in order; the first `fn.active` of them are in scope, the
 *   rest are declared but not yet active (`local x = x` sees the outer x).
 * - `fn.labels` holds the labels visible in the current block; `fn.gotos`
 *   the gotos (and breaks) not yet matched, each with the number of
 *   variables in scope where it stands (lowered when it leaves a block).
 *
 * One approximation: whether a `<const>` is a compile-time constant
 * (which takes no upvalue when a nested function uses it) is decided from
 * the initialiser's tokens — a literal, or a minus and a numeral — not by
 * folding the expression as the code generator does.
 *
 * Read next: `diagnose.ts`, which calls all of this.
 */

/** Kinds of variables (lparser.h): regular, `<const>`, `<close>`, compile-time constant. */
export const enum VarKind {
  /** An ordinary local: assignable. */
  Regular,
  /** `<const>` with a value known only at run time: read-only, kept in a register. */
  Const,
  /** `<close>`: read-only, closed when its block ends. */
  Close,
  /** `<const>` whose value the compiler folds (a literal): read-only, takes no register or upvalue. */
  CompileTimeConstant,
}

/** MAXVARS of lparser.c: local variables per function. */
const MAX_VARS = 200;
/** MAXUPVAL of lparser.c: upvalues per function. */
const MAX_UPVALUES = 255;

/**
 * How a problem is reported: its message, and whether Lua shows the token
 * it is near (`luaX_syntaxerror` for limits) or not (`luaK_semerror`).
 */
export type Report = (message: string, withNear: boolean) => void;

interface Variable { name: string; kind: VarKind }
interface Label { name: string; line: number; active: number }
interface Block { isLoop: boolean; active: number; firstLabel: number; firstGoto: number }
interface Upvalue { name: string; kind: VarKind }

interface FunctionScope {
  /** The enclosing function, undefined for the main chunk. */
  prev: FunctionScope | undefined;
  /** The line where the function is defined, 0 for the main chunk (for limit messages). */
  line: number;
  vars: Variable[];
  active: number;
  upvalues: Upvalue[];
  blocks: Block[];
  labels: Label[];
  gotos: Label[];
}

/** What a name is, for `check_readonly`: read-only when its kind is not Regular. */
interface Found { where: 'local' | 'upvalue' | 'constant' | 'global'; kind: VarKind }

/**
 * The scopes lparser.c keeps while it reads: each function's active
 * variables, upvalues, blocks, labels and pending gotos, so that the errors
 * Lua raises during parsing can be found in the same order.
 */
export class Scopes {
  private fn: FunctionScope;

  constructor(private readonly report: Report) {
    this.fn = this.newFunction(undefined, 0);
    // The main function's one upvalue, the environment.
    this.fn.upvalues.push({ name: '_ENV', kind: VarKind.Regular });
  }

  // --- functions and blocks ------------------------------------------------

  /** A function body begins (open_func): its outermost block too. */
  openFunction(line: number): void {
    this.fn = this.newFunction(this.fn, line);
  }

  /** The function ends (close_func): a goto left pending there has no label. */
  closeFunction(): void {
    this.leaveBlock();
    if (this.fn.prev) this.fn = this.fn.prev;
  }

  /** A block begins (enterblock); `isLoop` for a loop's body, where `break` may go. */
  enterBlock(isLoop: boolean): void {
    const fn = this.fn;
    fn.blocks.push({ isLoop, active: fn.active, firstLabel: fn.labels.length, firstGoto: fn.gotos.length });
  }

  /** The block ends (leaveblock): its variables go out of scope and its pending gotos are resolved or move out. */
  leaveBlock(): void {
    const fn = this.fn;
    const bl = fn.blocks.pop()!;
    fn.vars.length -= fn.active - bl.active;
    fn.active = bl.active;
    // A loop's end is the target of its breaks.
    if (bl.isLoop) this.removeGotos(bl.firstGoto, 'break');
    fn.labels.length = bl.firstLabel;
    if (fn.blocks.length > 0) {
      // Gotos still pending leave the block: they now stand where it began.
      for (let i = bl.firstGoto; i < fn.gotos.length; i++) fn.gotos[i].active = bl.active;
    } else if (bl.firstGoto < fn.gotos.length) {
      const gt = fn.gotos[bl.firstGoto];
      this.report(gt.name === 'break' ? `break outside loop at line ${gt.line}`
        : `no visible label '${gt.name}' for <goto> at line ${gt.line}`, false);
    }
  }

  // --- variables -----------------------------------------------------------

  /** A local variable declared, not yet in scope (new_localvar, where the limit is checked). */
  declare(name: string): void {
    const fn = this.fn;
    if (fn.vars.length + 1 > MAX_VARS) this.limit(fn, MAX_VARS, 'local variables');
    fn.vars.push({ name, kind: VarKind.Regular });
  }

  /** The attribute of the variable declared last. */
  setKind(kind: VarKind): void {
    this.fn.vars[this.fn.vars.length - 1].kind = kind;
  }

  /** The kind of the variable declared last. */
  lastKind(): VarKind {
    return this.fn.vars[this.fn.vars.length - 1].kind;
  }

  /** The last `count` variables declared come into scope (adjustlocalvars). */
  activate(count: number): void {
    this.fn.active += count;
  }

  /**
   * A name used as a variable (singlevar): find it, making it an upvalue of
   * every function between here and where it is declared; a global name
   * needs `_ENV` the same way. Returns the name when the variable is
   * read-only (`<const>`, `<close>`, compile-time constant), to check an
   * assignment to it.
   */
  use(name: string): string | undefined {
    const found = this.find(this.fn, name);
    if (found.where === 'global') {
      this.find(this.fn, '_ENV'); // `_ENV.name`, a table field: never read-only
      return undefined;
    }
    return found.kind !== VarKind.Regular ? name : undefined;
  }

  /** An assignment to a read-only variable (check_readonly). */
  assign(readonly: string | undefined): void {
    if (readonly !== undefined) this.report(`attempt to assign to const variable '${readonly}'`, false);
  }

  // --- labels and gotos ----------------------------------------------------

  /** `goto name` on `line`: forward unless the label is visible already. */
  goto(name: string, line: number): void {
    const fn = this.fn;
    if (!fn.labels.some((l) => l.name === name)) fn.gotos.push({ name, line, active: fn.active });
  }

  /** `break` on `line`: a goto to the end of the enclosing loop. */
  break(line: number): void {
    this.fn.gotos.push({ name: 'break', line, active: this.fn.active });
  }

  /**
   * `::name::` on `line` (labelstat, after the no-op statements that follow
   * it); `last` when it ends its block, where the block's locals no longer count.
   */
  label(name: string, line: number, last: boolean): void {
    const fn = this.fn;
    const block = fn.blocks[fn.blocks.length - 1];
    const previous = fn.labels.find((l) => l.name === name);
    if (previous) this.report(`label '${name}' already defined on line ${previous.line}`, false);
    const label = { name, line, active: last ? block.active : fn.active };
    fn.labels.push(label);
    for (let i = block.firstGoto; i < fn.gotos.length; i++) {
      const gt = fn.gotos[i];
      if (gt.name === name && gt.active < label.active) {
        this.report(`<goto ${name}> at line ${gt.line} jumps into the scope of local '${fn.vars[gt.active].name}'`, false);
      }
    }
    this.removeGotos(block.firstGoto, name);
  }

  // --- helpers -------------------------------------------------------------

  private newFunction(prev: FunctionScope | undefined, line: number): FunctionScope {
    const fn: FunctionScope = { prev, line, vars: [], active: 0, upvalues: [], blocks: [], labels: [], gotos: [] };
    fn.blocks.push({ isLoop: false, active: 0, firstLabel: 0, firstGoto: 0 });
    return fn;
  }

  /** singlevaraux: the variable `name` seen from `fn`, made an upvalue of `fn` if it is outside. */
  private find(fn: FunctionScope | undefined, name: string): Found {
    if (fn === undefined) return { where: 'global', kind: VarKind.Regular };
    for (let i = fn.active - 1; i >= 0; i--) {
      const v = fn.vars[i];
      if (v.name === name) return { where: v.kind === VarKind.CompileTimeConstant ? 'constant' : 'local', kind: v.kind };
    }
    const up = fn.upvalues.find((u) => u.name === name);
    if (up) return { where: 'upvalue', kind: up.kind };
    const outer = this.find(fn.prev, name);
    if (outer.where !== 'local' && outer.where !== 'upvalue') return outer;
    if (fn.upvalues.length + 1 > MAX_UPVALUES) this.limit(fn, MAX_UPVALUES, 'upvalues');
    fn.upvalues.push({ name, kind: outer.kind });
    return { where: 'upvalue', kind: outer.kind };
  }

  private removeGotos(from: number, name: string): void {
    const gotos = this.fn.gotos;
    let j = from;
    for (let i = from; i < gotos.length; i++) if (gotos[i].name !== name) gotos[j++] = gotos[i];
    gotos.length = j;
  }

  /** errorlimit: "too many X (limit is N) in main function / function at line L". */
  private limit(fn: FunctionScope, limit: number, what: string): void {
    const where = fn.line === 0 ? 'main function' : `function at line ${fn.line}`;
    this.report(`too many ${what} (limit is ${limit}) in ${where}`, true);
  }
}
