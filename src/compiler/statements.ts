/**
 * # Compiling statements and function bodies
 *
 * Responsibility: walking blocks and statements, and compiling a function
 * body into its own prototype.
 *
 * Manual: §3.3 (statements), §3.4.11 (function definitions). Grammar rules
 * (grammar.ohm): `Block`, `Stat_*` (the control structures are in
 * control.ts), `RetStat`, `Label`, `FuncBody`, `ParList`.
 * PUC-Rio counterpart: `statement`, `statlist`, `block`, `localstat`,
 * `localfunc`, `funcstat`, `restassign`, `retstat`, `gotostat`,
 * `labelstat`, `body`, `mainfunc` in lparser.c.
 *
 * Invariant: after every statement no temporary register is in use
 * (`freereg` is back at the register level of the active locals).
 *
 * Read next: `control.ts` (if, while, repeat, for), `scope.ts` (blocks,
 * labels and gotos).
 */

import { OpCode } from '../bytecode/opcodes.ts';
import * as I from '../bytecode/instruction.ts';
import type * as A from '../parser/ast.ts';
import { ExpDesc, ExpKind } from './expdesc.ts';
import { FuncState } from './funcstate.ts';
import { closing, firstToken, followOf, type Follow } from './follow.ts';
import { codeClosure, explist, suffixedexp } from './expressions.ts';
import { forStat, ifStat, repeatStat, whileStat } from './control.ts';
import { RDKCONST, RDKCTC, RDKTOCLOSE, VDKREG, type BlockCnt, type CompileState } from './scope.ts';

/**
 * A fresh block record, to be opened with `enterBlock` (a BlockCnt local of lparser.c's
 * functions).
 */
export function newBlock(): BlockCnt {
  return { previous: undefined, firstlabel: 0, firstgoto: 0, nactvar: 0, upval: false, isloop: false, insidetbc: false };
}

/** The line of the last token of a block, or `fallback` when it is empty. */
export function endOf(block: A.Block, fallback: number): number {
  const n = block.statements.length;
  return n > 0 ? block.statements[n - 1].lastLine : fallback;
}

/**
 * Block: `Stat* RetStat?` in the current scope (statlist); `after` is the
 * token that ends the block (for error messages).
 */
export function statlist(cs: CompileState, statements: A.Statement[], after: Follow): void {
  const outer = cs.follow;
  for (let i = 0; i < statements.length;) {
    const s = statements[i];
    cs.follow = followOf(statements, i, after);
    if (s.kind === 'Label') {
      i = labelStat(cs, statements, i, after);
    } else {
      statement(cs, s);
      i++;
    }
    cs.fs.freereg = cs.nvarstack(cs.fs);
  }
  cs.follow = outer;
}

/** `do ... end` and every other block with its own scope. */
export function block(cs: CompileState, b: A.Block, after: Follow): void {
  const fs = cs.fs;
  const bl = newBlock();
  cs.enterBlock(fs, bl, false);
  statlist(cs, b.statements, after);
  cs.leaveBlock(fs);
}

/** Stat: one statement (statement). */
function statement(cs: CompileState, s: A.Statement): void {
  const fs = cs.fs;
  switch (s.kind) {
    case 'Empty': return;
    case 'If': ifStat(cs, s); return;
    case 'While': whileStat(cs, s); return;
    case 'Do':
      block(cs, s.body, closing(s.lastLine, 'end'));
      cs.lastLine = s.lastLine;
      return;
    case 'NumericFor': case 'GenericFor': forStat(cs, s); return;
    case 'Repeat': repeatStat(cs, s); return;
    case 'FunctionStatement': funcStat(cs, s); return;
    case 'LocalFunction': localFunc(cs, s); return;
    case 'Local': localStat(cs, s); return;
    case 'Return': retStat(cs, s); return;
    case 'Break':
      cs.lastLine = s.lastLine;
      cs.newGotoEntry('break', s.line, fs.jump());
      return;
    case 'Goto': gotoStat(cs, s); return;
    case 'CallStatement': {
      const v = new ExpDesc();
      suffixedexp(cs, s.call, v);
      fs.code[v.info] = I.setC(fs.code[v.info], 1);  // uses no results
      return;
    }
    case 'Assign': assignment(cs, s); return;
    case 'Label': labelStat(cs, [s], 0, cs.follow); return;
  }
}

// ---------------------------------------------------------------------------

/** Make `nexps` values fill `nvars` variables (adjust_assign). */
export function adjustAssign(cs: CompileState, nvars: number, nexps: number, e: ExpDesc): void {
  const fs = cs.fs;
  const needed = nvars - nexps;
  if (e.hasMultRet()) {
    const extra = Math.max(needed + 1, 0);
    fs.setReturns(e, extra);
  } else {
    if (e.k !== ExpKind.VVOID) fs.exp2nextreg(e);
    if (needed > 0) fs.nil(fs.freereg, needed);
  }
  if (needed > 0) fs.reserveRegs(needed);
  else fs.freereg += needed;
}

/**
 * Stat_local: `kwLocal AttNameList ("=" ExpList)?` (localstat). A last
 * `<const>` variable initialised with a constant expression becomes a
 * compile-time constant and takes no register.
 */
function localStat(cs: CompileState, s: A.Local): void {
  const fs = cs.fs;
  let toclose = -1;
  let vidx = 0;
  s.names.forEach((name, i) => {
    vidx = cs.newLocalVar(name, nameFollow(cs, s, i));
    const attrib = s.attribs[i];
    const kind = attrib === 'const' ? RDKCONST : attrib === 'close' ? RDKTOCLOSE : VDKREG;
    cs.varDesc(fs, vidx).kind = kind;
    if (kind === RDKTOCLOSE) {
      if (toclose !== -1) throw cs.error('multiple to-be-closed variables in local list');
      toclose = fs.nactvar + i;
    }
  });
  const nvars = s.names.length;
  const e = new ExpDesc();
  let nexps = 0;
  if (s.values.length > 0) {
    cs.lastLine = s.values[0].line;  // '='
    nexps = explist(cs, s.values, e);
    cs.lastLine = s.values[s.values.length - 1].lastLine;
  } else {
    cs.lastLine = s.lastLine;  // the last name (or attribute) was read
    e.init(ExpKind.VVOID, 0);
  }
  const last = cs.varDesc(fs, vidx);
  const k = nvars === nexps && last.kind === RDKCONST ? exp2const(cs, e) : undefined;
  if (k !== undefined) {
    last.kind = RDKCTC;
    last.k = k;
    cs.adjustLocalVars(nvars - 1);
    fs.nactvar++;
  } else {
    adjustAssign(cs, nvars, nexps, e);
    cs.adjustLocalVars(nvars);
  }
  if (toclose !== -1) {
    cs.markToBeClosed(fs);
    fs.codeABC(OpCode.TBC, cs.reglevel(fs, toclose), 0, 0);
  }
}

/** The token after the `i`-th name of a local declaration (for limit errors). */
function nameFollow(cs: CompileState, s: A.Local, i: number): Follow {
  if (s.attribs[i] !== undefined) return { line: s.line, text: "'<'" };
  if (i < s.names.length - 1) return { line: s.line, text: "','" };
  if (s.values.length > 0) return { line: s.values[0].line, text: "'='" };
  return cs.follow;
}

/** The value of a constant expression, for a compile-time constant. */
function exp2const(cs: CompileState, e: ExpDesc): { kind: ExpKind; value: number | bigint | string | undefined } | undefined {
  if (e.hasJumps()) return undefined;
  switch (e.k) {
    case ExpKind.VFALSE: case ExpKind.VTRUE: case ExpKind.VNIL: return { kind: e.k, value: undefined };
    case ExpKind.VKSTR: return { kind: e.k, value: e.strval };
    case ExpKind.VKINT: return { kind: e.k, value: e.ival };
    case ExpKind.VKFLT: return { kind: e.k, value: e.nval };
    case ExpKind.VCONST: return cs.actvar[e.info].k;
    default: return undefined;
  }
}

/** Stat_localFunction: `kwLocal kwFunction name FuncBody` (localfunc). */
function localFunc(cs: CompileState, s: A.LocalFunction): void {
  const fs = cs.fs;
  const fvar = fs.nactvar;
  cs.newLocalVar(s.name);
  cs.adjustLocalVars(1);
  const b = new ExpDesc();
  compileBody(cs, s.func, b, s.func.line);
  fs.f.locvars[cs.varDesc(fs, fvar).pidx].startpc = fs.pc;
}

/** Stat_function: `kwFunction FuncName FuncBody` (funcstat). */
function funcStat(cs: CompileState, s: A.FunctionStatement): void {
  const fs = cs.fs;
  const v = new ExpDesc();
  suffixedexp(cs, s.target, v);
  const b = new ExpDesc();
  compileBody(cs, s.func, b, s.line);
  cs.checkReadonly(v);
  fs.storeVar(v, b);
  fs.fixLine(s.line);
}

/** Stat_assign: `VarList "=" ExpList` (restassign, with check_conflict). */
function assignment(cs: CompileState, s: A.Assign): void {
  const fs = cs.fs;
  const lhs: ExpDesc[] = [];
  s.targets.forEach((target, i) => {
    const v = new ExpDesc();
    suffixedexp(cs, target, v);
    if (i > 0 && !isIndexed(v.k)) checkConflict(cs, lhs, v);
    cs.checkReadonly(v, target.lastLine);  // at the ',' or '=' after the target
    lhs.push(v);
  });
  const e = new ExpDesc();
  cs.lastLine = s.values[0].line;  // '='
  const nexps = explist(cs, s.values, e);
  cs.lastLine = s.values[s.values.length - 1].lastLine;
  const nvars = lhs.length;
  if (nexps !== nvars) {
    adjustAssign(cs, nvars, nexps, e);
  } else {
    fs.setOneRet(e);
    fs.storeVar(lhs[nvars - 1], e);
    lhs.pop();
  }
  for (let i = lhs.length - 1; i >= 0; i--) {
    const d = new ExpDesc().init(ExpKind.VNONRELOC, fs.freereg - 1);
    fs.storeVar(lhs[i], d);
  }
}

function isIndexed(k: ExpKind): boolean {
  return k === ExpKind.VINDEXED || k === ExpKind.VINDEXUP || k === ExpKind.VINDEXI || k === ExpKind.VINDEXSTR;
}

/**
 * In `a[i], i = …`, a table or key register that a later target of the
 * same assignment overwrites must be read from a copy (check_conflict).
 */
function checkConflict(cs: CompileState, lhs: ExpDesc[], v: ExpDesc): void {
  const fs = cs.fs;
  const extra = fs.freereg;
  let conflict = false;
  for (const lh of lhs) {
    if (!isIndexed(lh.k)) continue;
    if (lh.k === ExpKind.VINDEXUP) {
      if (v.k === ExpKind.VUPVAL && lh.indT === v.info) {
        conflict = true;
        lh.k = ExpKind.VINDEXSTR;
        lh.indT = extra;
      }
    } else {
      if (v.k === ExpKind.VLOCAL && lh.indT === v.ridx) {
        conflict = true;
        lh.indT = extra;
      }
      if (lh.k === ExpKind.VINDEXED && v.k === ExpKind.VLOCAL && lh.indIdx === v.ridx) {
        conflict = true;
        lh.indIdx = extra;
      }
    }
  }
  if (conflict) {
    if (v.k === ExpKind.VLOCAL) fs.codeABC(OpCode.MOVE, extra, v.ridx, 0);
    else fs.codeABC(OpCode.GETUPVAL, extra, v.info, 0);
    fs.reserveRegs(1);
  }
}

/** RetStat: `kwReturn ExpList? ";"?` (retstat); a lone call becomes TAILCALL. */
function retStat(cs: CompileState, s: A.Return): void {
  const fs = cs.fs;
  let first = cs.nvarstack(fs);
  let nret = s.values.length;
  if (nret > 0) {
    const e = new ExpDesc();
    cs.lastLine = s.line;  // 'return'
    explist(cs, s.values, e);
    cs.lastLine = s.values[nret - 1].lastLine;
    if (e.hasMultRet()) {
      fs.setMultRet(e);
      if (e.k === ExpKind.VCALL && nret === 1 && !fs.bl!.insidetbc) {
        fs.code[e.info] = I.setOp(fs.code[e.info], OpCode.TAILCALL);
      }
      nret = -1;
    } else if (nret === 1) {
      first = fs.exp2anyreg(e);
    } else {
      fs.exp2nextreg(e);
    }
  } else {
    cs.lastLine = s.line;
  }
  fs.ret(first, nret);
  cs.lastLine = s.lastLine;
}

/** Stat_goto: `kwGoto name` (gotostat); a visible label means a backward jump. */
function gotoStat(cs: CompileState, s: A.Goto): void {
  const fs = cs.fs;
  cs.lastLine = s.lastLine;
  const lb = cs.findLabel(s.label);
  if (lb === undefined) {
    cs.newGotoEntry(s.label, s.lastLine, fs.jump());
  } else {
    const lblevel = cs.reglevel(fs, lb.nactvar);
    if (cs.nvarstack(fs) > lblevel) fs.codeABC(OpCode.CLOSE, lblevel, 0, 0);
    fs.patchList(fs.jump(), lb.pc);
  }
}

/**
 * `::name::` — PUC-Rio first skips the no-op statements that follow (empty
 * statements and other labels), so that a label at the end of a block is
 * known to be last. Returns the index of the next statement to compile.
 */
function labelStat(cs: CompileState, stats: A.Statement[], i: number, after: Follow): number {
  const s = stats[i] as A.Label;
  cs.lastLine = s.lastLine;
  let j = i + 1;
  while (j < stats.length && (stats[j].kind === 'Empty' || stats[j].kind === 'Label')) {
    if (stats[j].kind === 'Label') j = labelStat(cs, stats, j, after);
    else j++;
  }
  cs.follow = j < stats.length ? firstToken(stats[j]) : after;
  const existing = cs.findLabel(s.label);
  if (existing !== undefined) {
    throw cs.error(`label '${s.label}' already defined on line ${existing.line}`);
  }
  // the block ends here, unless 'until' follows (its condition still sees
  // the block's locals)
  const last = j === stats.length && after.text !== "'until'";
  cs.createLabel(s.label, s.line, last);
  return j;
}

// ---------------------------------------------------------------------------

/** FuncBody: `"(" ParList? ")" Block kwEnd` into a new prototype; its closure goes to `v` (body). */
export function compileBody(cs: CompileState, node: A.FunctionExpr, v: ExpDesc, line: number): void {
  const parent = cs.fs;
  const fs = new FuncState(cs, parent, line);
  parent.f.protos.push(fs.f);
  cs.fs = fs;
  const bl = newBlock();
  cs.enterBlock(fs, bl, false);
  const params = node.params;
  for (const p of params) cs.newLocalVar(p);
  cs.adjustLocalVars(params.length);
  fs.f.numparams = fs.nactvar;
  if (node.isVararg) {
    cs.lastLine = line;  // where '...' was read (as a rule, the line of the parameters)
    fs.f.isVararg = true;
    fs.codeABC(OpCode.VARARGPREP, fs.f.numparams, 0, 0);
  }
  fs.reserveRegs(fs.nactvar);
  statlist(cs, node.body.statements, closing(node.lastLine, 'end'));
  fs.f.lastlinedefined = node.lastLine;
  cs.lastLine = node.lastLine;
  codeClosure(cs, parent, v);
  closeFunc(cs);
}

/** Final return, end of the outermost block, the final pass (close_func). */
export function closeFunc(cs: CompileState): void {
  const fs = cs.fs;
  fs.ret(cs.nvarstack(fs), 0);
  cs.leaveBlock(fs);
  fs.finish();
  cs.fs = fs.prev!;
}

/** Open the main function of a chunk (mainfunc). */
export function openMain(cs: CompileState): FuncState {
  const fs = new FuncState(cs, undefined, 0);
  cs.fs = fs;
  cs.enterBlock(fs, newBlock(), false);
  fs.f.isVararg = true;
  fs.codeABC(OpCode.VARARGPREP, 0, 0, 0);
  fs.f.upvalues.push({ name: '_ENV', instack: true, index: 0, kind: VDKREG });
  return fs;
}
