/**
 * # Compiling statements and function bodies
 *
 * Responsibility: walking blocks and statements, and compiling a function
 * body into its own prototype.
 *
 * Manual: §3.3 (statements), §3.4.11 (function definitions). Grammar rules
 * (grammar.ohm): `block`, `stat`, `retstat`, `funcbody`, `parlist`.
 * PUC-Rio counterpart: `statement`, `statlist`, `block`, `localstat`,
 * `restassign`, `ifstat`, `whilestat`, `repeatstat`, `forstat`, `retstat`,
 * `body` in lparser.c.
 *
 * Invariant: after every statement no temporary register is in use
 * (`freereg` is back at the register level of the active locals).
 *
 * Read next: `scope.ts` (blocks, labels and gotos).
 */

import { OpCode } from '../bytecode/opcodes.ts';
import * as I from '../bytecode/instruction.ts';
import type * as A from '../parser/ast.ts';
import { ExpDesc, ExpKind, NO_JUMP } from './expdesc.ts';
import { FuncState } from './funcstate.ts';
import { codeClosure, exp2next, explist, expr, suffixedexp } from './expressions.ts';
import { RDKCONST, RDKCTC, RDKTOCLOSE, VDKREG, type BlockCnt, type CompileState } from './scope.ts';

function newBlock(): BlockCnt {
  return { previous: undefined, firstlabel: 0, firstgoto: 0, nactvar: 0, upval: false, isloop: false, insidetbc: false };
}

/** The line of the last token of a block, or `fallback` when it is empty. */
function endOf(block: A.Block, fallback: number): number {
  const n = block.statements.length;
  return n > 0 ? block.statements[n - 1].lastLine : fallback;
}

/** Compile the statements of a block in the current scope (statlist). */
export function statlist(cs: CompileState, statements: A.Statement[], untilFollows = false): void {
  for (let i = 0; i < statements.length;) {
    const s = statements[i];
    if (s.kind === 'Label') {
      i = labelStat(cs, statements, i, untilFollows);
    } else {
      statement(cs, s);
      i++;
    }
    cs.fs.freereg = cs.nvarstack(cs.fs);
  }
}

/** `do ... end` and every other block with its own scope. */
function block(cs: CompileState, b: A.Block): void {
  const fs = cs.fs;
  const bl = newBlock();
  cs.enterBlock(fs, bl, false);
  statlist(cs, b.statements);
  cs.leaveBlock(fs);
}

function statement(cs: CompileState, s: A.Statement): void {
  const fs = cs.fs;
  switch (s.kind) {
    case 'Empty': return;
    case 'If': ifStat(cs, s); return;
    case 'While': whileStat(cs, s); return;
    case 'Do':
      block(cs, s.body);
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
    case 'Label': labelStat(cs, [s], 0, false); return;
  }
}

// ---------------------------------------------------------------------------

function cond(cs: CompileState, e: A.Expression): number {
  const v = new ExpDesc();
  expr(cs, e, v);
  if (v.k === ExpKind.VNIL) v.k = ExpKind.VFALSE;
  cs.lastLine = e.lastLine;
  cs.fs.goIfTrue(v);
  return v.f;
}

function ifStat(cs: CompileState, s: A.If): void {
  const fs = cs.fs;
  let escapelist = NO_JUMP;
  s.clauses.forEach((clause, index) => {
    const followed = index < s.clauses.length - 1 || s.orelse !== undefined;
    const bl = newBlock();
    const v = new ExpDesc();
    cs.lastLine = clause.line;  // 'if' or 'elseif'
    expr(cs, clause.condition, v);
    cs.lastLine = clause.condition.lastLine;
    const stats = clause.body.statements;
    let jf: number;
    let rest = stats;
    if (stats.length > 0 && stats[0].kind === 'Break') {
      const brk = stats[0];
      fs.goIfFalse(v);
      cs.lastLine = brk.lastLine;
      cs.enterBlock(fs, bl, false);
      cs.newGotoEntry('break', brk.line, v.t);
      let k = 1;
      while (k < stats.length && stats[k].kind === 'Empty') k++;
      if (k === stats.length) {
        cs.leaveBlock(fs);
        return;
      }
      jf = fs.jump();
      rest = stats.slice(k);
    } else {
      fs.goIfTrue(v);
      cs.enterBlock(fs, bl, false);
      jf = v.f;
    }
    statlist(cs, rest);
    cs.lastLine = endOf(clause.body, clause.condition.lastLine);
    cs.leaveBlock(fs);
    if (followed) escapelist = fs.concat(escapelist, fs.jump());
    fs.patchToHere(jf);
  });
  if (s.orelse) block(cs, s.orelse);
  cs.lastLine = s.lastLine;
  fs.patchToHere(escapelist);
}

function whileStat(cs: CompileState, s: A.While): void {
  const fs = cs.fs;
  const whileinit = fs.getLabel();
  cs.lastLine = s.line;  // 'while'
  const condexit = cond(cs, s.condition);
  const bl = newBlock();
  cs.enterBlock(fs, bl, true);
  block(cs, s.body);
  cs.lastLine = endOf(s.body, s.condition.lastLine);
  fs.patchList(fs.jump(), whileinit);
  cs.lastLine = s.lastLine;
  cs.leaveBlock(fs);
  fs.patchToHere(condexit);
}

function repeatStat(cs: CompileState, s: A.Repeat): void {
  const fs = cs.fs;
  const repeatInit = fs.getLabel();
  const bl1 = newBlock();
  const bl2 = newBlock();
  cs.enterBlock(fs, bl1, true);
  cs.enterBlock(fs, bl2, false);
  statlist(cs, s.body.statements, true);
  cs.lastLine = s.condition.line;  // 'until', as a rule on the condition's line
  let condexit = cond(cs, s.condition);
  cs.leaveBlock(fs);
  if (bl2.upval) {
    const exit = fs.jump();
    fs.patchToHere(condexit);
    fs.codeABC(OpCode.CLOSE, cs.reglevel(fs, bl2.nactvar), 0, 0);
    condexit = fs.jump();
    fs.patchToHere(exit);
  }
  fs.patchList(condexit, repeatInit);
  cs.leaveBlock(fs);
}

function forStat(cs: CompileState, s: A.NumericFor | A.GenericFor): void {
  const fs = cs.fs;
  const bl = newBlock();
  cs.enterBlock(fs, bl, true);
  if (s.kind === 'NumericFor') forNum(cs, s); else forList(cs, s);
  cs.lastLine = s.lastLine;
  cs.leaveBlock(fs);
}

function forNum(cs: CompileState, s: A.NumericFor): void {
  const fs = cs.fs;
  const base = fs.freereg;
  cs.newLocalVar('(for state)');
  cs.newLocalVar('(for state)');
  cs.newLocalVar('(for state)');
  cs.newLocalVar(s.variable);
  cs.lastLine = s.start.line;  // '='
  exp2next(cs, s.start);
  cs.lastLine = s.start.lastLine;
  exp2next(cs, s.limit);
  if (s.step) {
    cs.lastLine = s.limit.lastLine;  // ','
    exp2next(cs, s.step);
  } else {
    fs.loadInt(fs.freereg, 1);
    fs.reserveRegs(1);
  }
  cs.adjustLocalVars(3);
  forBody(cs, s.body, base, s.line, 1, false, (s.step ?? s.limit).lastLine);
}

function forList(cs: CompileState, s: A.GenericFor): void {
  const fs = cs.fs;
  const base = fs.freereg;
  for (let i = 0; i < 4; i++) cs.newLocalVar('(for state)');
  for (const name of s.names) cs.newLocalVar(name);
  const line = s.iterators[0].line;
  const e = new ExpDesc();
  cs.lastLine = line;  // 'in'
  const n = explist(cs, s.iterators, e);
  cs.lastLine = s.iterators[s.iterators.length - 1].lastLine;
  adjustAssign(cs, 4, n, e);
  cs.adjustLocalVars(4);
  cs.markToBeClosed(fs);
  fs.checkStack(3);
  forBody(cs, s.body, base, line, s.names.length, true, cs.lastLine);
}

function fixForJump(cs: CompileState, pc: number, dest: number, back: boolean): void {
  const fs = cs.fs;
  let offset = dest - (pc + 1);
  if (back) offset = -offset;
  if (offset > I.MAXARG_Bx) throw cs.syntaxError('control structure too long');
  fs.code[pc] = I.setBx(fs.code[pc], offset);
}

function forBody(
  cs: CompileState, body: A.Block, base: number, line: number, nvars: number, isgen: boolean, doLine: number,
): void {
  const fs = cs.fs;
  cs.lastLine = doLine;
  const prep = fs.codeABx(isgen ? OpCode.TFORPREP : OpCode.FORPREP, base, 0);
  const bl = newBlock();
  cs.enterBlock(fs, bl, false);
  cs.adjustLocalVars(nvars);
  fs.reserveRegs(nvars);
  block(cs, body);
  cs.lastLine = endOf(body, doLine);
  cs.leaveBlock(fs);
  fixForJump(cs, prep, fs.getLabel(), false);
  if (isgen) {
    fs.codeABC(OpCode.TFORCALL, base, 0, nvars);
    fs.fixLine(line);
  }
  const endfor = fs.codeABx(isgen ? OpCode.TFORLOOP : OpCode.FORLOOP, base, 0);
  fixForJump(cs, endfor, prep + 1, true);
  fs.fixLine(line);
}

// ---------------------------------------------------------------------------

/** Make `nexps` values fill `nvars` variables (adjust_assign). */
function adjustAssign(cs: CompileState, nvars: number, nexps: number, e: ExpDesc): void {
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

function localStat(cs: CompileState, s: A.Local): void {
  const fs = cs.fs;
  let toclose = -1;
  let vidx = 0;
  s.names.forEach((name, i) => {
    vidx = cs.newLocalVar(name);
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

function localFunc(cs: CompileState, s: A.LocalFunction): void {
  const fs = cs.fs;
  const fvar = fs.nactvar;
  cs.newLocalVar(s.name);
  cs.adjustLocalVars(1);
  const b = new ExpDesc();
  compileBody(cs, s.func, b, s.func.line);
  fs.f.locvars[cs.varDesc(fs, fvar).pidx].startpc = fs.pc;
}

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

/** Multiple assignment (restassign with check_conflict). */
function assignment(cs: CompileState, s: A.Assign): void {
  const fs = cs.fs;
  const lhs: ExpDesc[] = [];
  s.targets.forEach((target, i) => {
    const v = new ExpDesc();
    suffixedexp(cs, target, v);
    if (i > 0 && !isIndexed(v.k)) checkConflict(cs, lhs, v);
    cs.checkReadonly(v);
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
function labelStat(cs: CompileState, stats: A.Statement[], i: number, untilFollows: boolean): number {
  const s = stats[i] as A.Label;
  cs.lastLine = s.lastLine;
  let j = i + 1;
  while (j < stats.length && (stats[j].kind === 'Empty' || stats[j].kind === 'Label')) {
    if (stats[j].kind === 'Label') j = labelStat(cs, stats, j, untilFollows);
    else j++;
  }
  const existing = cs.findLabel(s.label);
  if (existing !== undefined) {
    throw cs.error(`label '${s.label}' already defined on line ${existing.line}`);
  }
  // the block ends here, unless 'until' follows (its condition still sees
  // the block's locals)
  const last = j === stats.length && !untilFollows;
  cs.createLabel(s.label, s.line, last);
  return j;
}

// ---------------------------------------------------------------------------

/** Compile a function body into a new prototype; its closure goes to `v`. */
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
  statlist(cs, node.body.statements);
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
