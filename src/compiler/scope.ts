/**
 * # Scopes: local variables, upvalues, blocks
 *
 * Responsibility: the state shared by all the functions of one chunk while
 * it compiles (`CompileState`): the list of active local variables of every
 * enclosing function, pending gotos and visible labels, and the line of the
 * last token the walker has "consumed". Also the rules that find a name
 * (local, upvalue, compile-time constant or global `_ENV.name`), open and
 * close blocks, register locals for debug information, and resolve gotos
 * against labels (with the CLOSE a jump out of a captured variable's scope
 * needs).
 *
 * Manual: §3.5 (visibility rules), §3.3.7 (local declarations, attributes),
 * §3.3.4 (goto and labels).
 * PUC-Rio counterpart: the variable, block and label functions of lparser.c
 * (`new_localvar`, `adjustlocalvars`, `singlevaraux`, `enterblock`,
 * `leaveblock`, `createlabel`, `movegotosout`, ...), `Dyndata` and
 * `BlockCnt` of lparser.h. Lua 5.4.8's order is kept where it differs
 * from 5.4.4: `leaveblock` ends the block's variables before it resolves
 * the loop's breaks.
 *
 * Invariants:
 * - `actvar` holds the variables of the current function and of all its
 *   enclosing functions; a FuncState's own start at `fs.firstlocal`.
 * - A variable's register (`ridx`) is fixed when its scope starts; a
 *   compile-time constant (`RDKCTC`) takes no register at all.
 * - A pending goto records the number of active variables where it stands;
 *   a label may not be reached by a goto from outside the scope of one of
 *   its locals ("jumps into the scope of local").
 *
 * Read next: `statements.ts` (which drives all of this).
 */

import { LuaSyntaxError, chunkid } from '../parser/index.ts';
import { OpCode } from '../bytecode/opcodes.ts';
import { ExpDesc, ExpKind } from './expdesc.ts';
import type { FuncState } from './funcstate.ts';
import type { Follow } from './follow.ts';

/** Kinds of variables (lparser.h): regular, `<const>`, `<close>`, compile-time constant. */
export const VDKREG = 0;
/** A `<const>` variable whose value is not known at compile time: a register, read-only. */
export const RDKCONST = 1;
/** A `<close>` variable: read-only, and closed (its `__close` called) when it goes out of scope. */
export const RDKTOCLOSE = 2;
/**
 * A compile-time constant: a `<const>` with a constant value, which takes no register and is
 * replaced by its value.
 */
export const RDKCTC = 3;

/** Maximum number of local variables per function (MAXVARS). */
const MAXVARS = 200;
/** Maximum number of upvalues per function (MAXUPVAL). */
const MAXUPVAL = 255;

/**
 * The value of a compile-time constant, kept as a descriptor.
 *
 * @property kind - The descriptor kind it becomes (VNIL, VTRUE, VFALSE, VKINT, VKFLT, VKSTR).
 * @property value - The number or string of a numeric or string constant; undefined for the others.
 */
export interface ConstValue { kind: ExpKind; value: number | bigint | string | undefined }

/** One active local variable (Vardesc). */
export interface VarDesc {
  /** The variable's name, for debug information and error messages. */
  name: string;
  /** VDKREG, RDKCONST, RDKTOCLOSE or RDKCTC. */
  kind: number;
  /** Register holding the variable. */
  ridx: number;
  /** Index of its entry in the prototype's `locvars`. */
  pidx: number;
  /** Value, for compile-time constants. */
  k?: ConstValue;
}

/** A pending goto or a visible label (Labeldesc). */
export interface LabelDesc {
  /** The label's name (or "break" for the implicit label of a loop). */
  name: string;
  /** Position: the goto's JMP, or the label's pc. */
  pc: number;
  /** Source line of the goto or label, for error messages. */
  line: number;
  /** Number of active variables at that point. */
  nactvar: number;
  /** The goto leaves the scope of a variable that needs closing. */
  close: boolean;
}

/** A block of statements being compiled (BlockCnt). */
export interface BlockCnt {
  /** The enclosing block, or undefined for a function's outermost block. */
  previous: BlockCnt | undefined;
  /** First label and first pending goto of this block. */
  firstlabel: number;
  /** Index in `gotos` of this block's first pending goto. */
  firstgoto: number;
  /** Active variables outside the block. */
  nactvar: number;
  /** Some variable of the block is captured as an upvalue (or to be closed). */
  upval: boolean;
  /** The block is a loop body: `break` jumps to its end. */
  isloop: boolean;
  /** Inside the scope of a to-be-closed variable. */
  insidetbc: boolean;
}


/**
 * What the compilation of one chunk shares across its nested functions (PUC-Rio's LexState and
 * Dyndata): the current function, the active variables, labels and pending gotos, the constant
 * cache and the position used by error messages.
 */
export class CompileState {
  /** Line of the last token the walker has consumed (ls->lastline). */
  lastLine = 1;
  /** Active variables of the current function and of all enclosing ones (Dyndata.actvar). */
  readonly actvar: VarDesc[] = [];
  /** Pending gotos (and breaks) of all open blocks. */
  readonly gotos: LabelDesc[] = [];
  /** Labels visible at this point. */
  readonly labels: LabelDesc[] = [];
  /**
   * Constant cache shared by all functions of the chunk (luac's scanner
   * table `ls->h`): key → index of the constant in the function that added
   * it last. See `addK` in constants.ts.
   */
  readonly kcache = new Map<string, number>();
  /** The function being compiled. */
  fs!: FuncState;
  /**
   * The token after the statement being compiled: PUC-Rio's lookahead when
   * it reports an error there (see follow.ts).
   */
  follow: Follow = { line: 1, text: '<eof>' };

  /**
   * @param chunkname - The chunk name (`@file.lua`, `=stdin`), used as each prototype's source
   * and in error messages.
   */
  constructor(readonly chunkname: string) {}

  // -------------------------------------------------------------------------
  // Errors
  // -------------------------------------------------------------------------

  /** An error without a "near" part (luaK_semerror), at the lookahead's line. */
  semError(msg: string, line = this.follow.line): LuaSyntaxError {
    return new LuaSyntaxError(`${chunkid(this.chunkname)}:${line}: ${msg}`, line);
  }

  /** A semantic error at the lookahead's line: shorthand for `semError` with the default line. */
  error(msg: string): LuaSyntaxError { return this.semError(msg); }

  /** An error naming the lookahead token (luaX_syntaxerror): limits, too long jumps. */
  syntaxError(msg: string, near: Follow = this.follow): LuaSyntaxError {
    return new LuaSyntaxError(`${chunkid(this.chunkname)}:${near.line}: ${msg} near ${near.text}`, near.line);
  }

  /** "too many X (limit is N) in ..." (errorlimit). */
  limitError(fs: FuncState, limit: number, what: string, near?: Follow): LuaSyntaxError {
    const line = fs.f.linedefined;
    const where = line === 0 ? 'main function' : `function at line ${line}`;
    return this.syntaxError(`too many ${what} (limit is ${limit}) in ${where}`, near);
  }

  // -------------------------------------------------------------------------
  // Variables and registers
  // -------------------------------------------------------------------------

  /** The description of active variable `vidx` of function `fs` (getlocalvardesc). */
  varDesc(fs: FuncState, vidx: number): VarDesc {
    return this.actvar[fs.firstlocal + vidx];
  }

  /** First register above the variables below level `nvar` (reglevel). */
  reglevel(fs: FuncState, nvar: number): number {
    while (nvar-- > 0) {
      const vd = this.varDesc(fs, nvar);
      if (vd.kind !== RDKCTC) return vd.ridx + 1;
    }
    return 0;
  }

  /** Registers held by the active variables of `fs` (luaY_nvarstack). */
  nvarstack(fs: FuncState): number {
    return this.reglevel(fs, fs.nactvar);
  }

  /** Replace a compile-time constant by its value (const2exp). */
  const2exp(absidx: number, e: ExpDesc): void {
    const k = this.actvar[absidx].k!;
    e.k = k.kind;
    switch (k.kind) {
      case ExpKind.VKINT: e.ival = k.value as number | bigint; break;
      case ExpKind.VKFLT: e.nval = k.value as number; break;
      case ExpKind.VKSTR: e.strval = k.value as string; break;
      default: break;
    }
  }

  /** Declare a variable of the current function, not yet in scope (new_localvar). */
  newLocalVar(name: string, near?: Follow): number {
    const fs = this.fs;
    if (this.actvar.length + 1 - fs.firstlocal > MAXVARS) throw this.limitError(fs, MAXVARS, 'local variables', near);
    this.actvar.push({ name, kind: VDKREG, ridx: 0, pidx: -1 });
    return this.actvar.length - 1 - fs.firstlocal;
  }

  /** Start the scope of the last `nvars` declared variables (adjustlocalvars). */
  adjustLocalVars(nvars: number): void {
    const fs = this.fs;
    let reglevel = this.nvarstack(fs);
    for (let i = 0; i < nvars; i++) {
      const vd = this.varDesc(fs, fs.nactvar++);
      vd.ridx = reglevel++;
      vd.pidx = fs.f.locvars.length;
      fs.f.locvars.push({ name: vd.name, startpc: fs.pc, endpc: 0 });
    }
  }

  /** End the scope of the variables above `tolevel` (removevars). */
  private removeVars(fs: FuncState, tolevel: number): void {
    while (fs.nactvar > tolevel) {
      const vd = this.varDesc(fs, --fs.nactvar);
      if (vd.kind !== RDKCTC) fs.f.locvars[vd.pidx].endpc = fs.pc;
    }
    this.actvar.length = fs.firstlocal + tolevel;
  }

  // -------------------------------------------------------------------------
  // Finding names (§3.5)
  // -------------------------------------------------------------------------

  private searchVar(fs: FuncState, name: string, e: ExpDesc): ExpKind | -1 {
    for (let i = fs.nactvar - 1; i >= 0; i--) {
      const vd = this.varDesc(fs, i);
      if (vd.name !== name) continue;
      if (vd.kind === RDKCTC) {
        e.init(ExpKind.VCONST, fs.firstlocal + i);
      } else {
        e.init(ExpKind.VLOCAL, 0);
        e.vidx = i;
        e.ridx = vd.ridx;
      }
      return e.k;
    }
    return -1;
  }

  /** The block declaring variable `level` must close it on exit (markupval). */
  private markUpval(fs: FuncState, level: number): void {
    let bl = fs.bl!;
    while (bl.nactvar > level) bl = bl.previous!;
    bl.upval = true;
    fs.needclose = true;
  }

  /** The current block holds a to-be-closed variable (marktobeclosed). */
  markToBeClosed(fs: FuncState): void {
    const bl = fs.bl!;
    bl.upval = true;
    bl.insidetbc = true;
    fs.needclose = true;
  }

  private newUpvalue(fs: FuncState, name: string, v: ExpDesc): number {
    if (fs.f.upvalues.length + 1 > MAXUPVAL) throw this.limitError(fs, MAXUPVAL, 'upvalues');
    const prev = fs.prev!;
    if (v.k === ExpKind.VLOCAL) {
      fs.f.upvalues.push({ name, instack: true, index: v.ridx, kind: this.varDesc(prev, v.vidx).kind });
    } else {
      fs.f.upvalues.push({ name, instack: false, index: v.info, kind: prev.f.upvalues[v.info].kind });
    }
    return fs.f.upvalues.length - 1;
  }

  /**
   * Find `name` in `fs` and the functions around it; a variable of an
   * enclosing function becomes an upvalue of every function in between.
   * Leaves VVOID for a global (singlevaraux).
   */
  private singleVarAux(fs: FuncState | undefined, name: string, e: ExpDesc, base: boolean): void {
    if (fs === undefined) { e.init(ExpKind.VVOID, 0); return; }
    const found = this.searchVar(fs, name, e);
    if (found !== -1) {
      if (found === ExpKind.VLOCAL && !base) this.markUpval(fs, e.vidx);
      return;
    }
    let idx = fs.f.upvalues.findIndex((up) => up.name === name);
    if (idx < 0) {
      this.singleVarAux(fs.prev, name, e, false);
      if (e.k !== ExpKind.VLOCAL && e.k !== ExpKind.VUPVAL) return;  // global or constant
      idx = this.newUpvalue(fs, name, e);
    }
    e.init(ExpKind.VUPVAL, idx);
  }

  /** A name as an expression: local, upvalue, constant, or `_ENV.name` (singlevar). */
  singleVar(name: string, e: ExpDesc): void {
    const fs = this.fs;
    this.singleVarAux(fs, name, e, true);
    if (e.k !== ExpKind.VVOID) return;
    this.singleVarAux(fs, '_ENV', e, true);
    fs.exp2anyregup(e);
    const key = new ExpDesc().init(ExpKind.VKSTR, 0);
    key.strval = name;
    fs.indexed(e, key);
  }

  /** "attempt to assign to const variable 'x'" (check_readonly). */
  checkReadonly(e: ExpDesc, line = this.follow.line): void {
    const fs = this.fs;
    let name: string | undefined;
    switch (e.k) {
      case ExpKind.VCONST: name = this.actvar[e.info].name; break;
      case ExpKind.VLOCAL: {
        const vd = this.varDesc(fs, e.vidx);
        if (vd.kind !== VDKREG) name = vd.name;
        break;
      }
      case ExpKind.VUPVAL: {
        const up = fs.f.upvalues[e.info];
        if (up.kind !== VDKREG) name = up.name;
        break;
      }
      default: return;
    }
    if (name !== undefined) throw this.semError(`attempt to assign to const variable '${name}'`, line);
  }

  // -------------------------------------------------------------------------
  // Blocks, labels and gotos (§3.3.4)
  // -------------------------------------------------------------------------

  /**
   * Open block `bl` in `fs` (enterblock): remember the active variables and labels at its
   * start, so `leaveBlock` can remove its locals, close upvalues and resolve its gotos.
   */
  enterBlock(fs: FuncState, bl: BlockCnt, isloop: boolean): void {
    bl.isloop = isloop;
    bl.nactvar = fs.nactvar;
    bl.firstlabel = this.labels.length;
    bl.firstgoto = this.gotos.length;
    bl.upval = false;
    bl.insidetbc = fs.bl !== undefined && fs.bl.insidetbc;
    bl.previous = fs.bl;
    fs.bl = bl;
  }

  /**
   * Close a block: end its variables' scope, resolve its breaks, emit the
   * CLOSE its captured variables need, and hand its pending gotos to the
   * enclosing block (leaveblock).
   */
  leaveBlock(fs: FuncState): void {
    const bl = fs.bl!;
    let hasclose = false;
    const stklevel = this.reglevel(fs, bl.nactvar);
    // which pending gotos leave the scope of a variable of this block: known
    // only while the variables are still declared
    const leaving = new Set<LabelDesc>();
    for (let i = bl.firstgoto; i < this.gotos.length; i++) {
      if (this.reglevel(fs, this.gotos[i].nactvar) > stklevel) leaving.add(this.gotos[i]);
    }
    this.removeVars(fs, bl.nactvar);
    if (bl.isloop) hasclose = this.createLabel('break', 0, false);
    if (!hasclose && bl.previous !== undefined && bl.upval) fs.codeABC(OpCode.CLOSE, stklevel, 0, 0);
    fs.freereg = stklevel;
    this.labels.length = bl.firstlabel;
    fs.bl = bl.previous;
    if (bl.previous !== undefined) {
      this.moveGotosOut(bl, leaving);
    } else if (bl.firstgoto < this.gotos.length) {
      this.undefGoto(this.gotos[bl.firstgoto]);
    }
  }

  /** Pending gotos of a closed block now belong to the enclosing one (movegotosout). */
  private moveGotosOut(bl: BlockCnt, leaving: Set<LabelDesc>): void {
    for (let i = bl.firstgoto; i < this.gotos.length; i++) {
      const gt = this.gotos[i];
      if (leaving.has(gt)) gt.close ||= bl.upval;
      gt.nactvar = bl.nactvar;
    }
  }

  private undefGoto(gt: LabelDesc): never {
    if (gt.name === 'break') throw this.semError(`break outside loop at line ${gt.line}`);
    throw this.semError(`no visible label '${gt.name}' for <goto> at line ${gt.line}`);
  }

  /** A goto (or break) to be resolved when its label appears. */
  newGotoEntry(name: string, line: number, pc: number): void {
    this.gotos.push({ name, line, pc, nactvar: this.fs.nactvar, close: false });
  }

  /** A visible label of the current function (findlabel). */
  findLabel(name: string): LabelDesc | undefined {
    for (let i = this.fs.firstlabel; i < this.labels.length; i++) {
      if (this.labels[i].name === name) return this.labels[i];
    }
    return undefined;
  }

  /**
   * Declare a label here and resolve the pending gotos of the current block
   * that jump to it; `last` says nothing but no-ops follow it in its block,
   * so the block's locals are already out of scope. Returns true when a
   * CLOSE was emitted (createlabel).
   */
  createLabel(name: string, line: number, last: boolean): boolean {
    const fs = this.fs;
    const lb: LabelDesc = { name, line, pc: fs.getLabel(), nactvar: fs.nactvar, close: false };
    if (last) lb.nactvar = fs.bl!.nactvar;
    this.labels.push(lb);
    let needsclose = false;
    for (let i = fs.bl!.firstgoto; i < this.gotos.length;) {
      const gt = this.gotos[i];
      if (gt.name !== name) { i++; continue; }
      needsclose ||= gt.close;
      if (gt.nactvar < lb.nactvar) {
        const varname = this.varDesc(fs, gt.nactvar).name;
        throw this.semError(`<goto ${gt.name}> at line ${gt.line} jumps into the scope of local '${varname}'`);
      }
      fs.patchList(gt.pc, lb.pc);
      this.gotos.splice(i, 1);
    }
    if (needsclose) {
      fs.codeABC(OpCode.CLOSE, this.nvarstack(fs), 0, 0);
      return true;
    }
    return false;
  }
}
