/**
 * # Control structures: if, while, repeat, for
 *
 * Responsibility: compiling the statements that branch and loop — the
 * conditions (as jump lists), the loop blocks that `break` leaves, the
 * hidden state registers of the two `for` loops and their
 * FORPREP/FORLOOP and TFORPREP/TFORCALL/TFORLOOP instructions.
 *
 * Manual: §3.3.4 (control structures), §3.3.5 (for statement). Grammar
 * rules (grammar.ohm): `Stat_if`, `ElseIf`, `Else`, `Stat_while`,
 * `Stat_repeat`, `Stat_numericFor`, `Stat_genericFor`.
 * PUC-Rio counterpart: `ifstat`, `test_then_block`, `whilestat`,
 * `repeatstat`, `forstat`, `fornum`, `forlist`, `forbody` in lparser.c.
 *
 * Invariant: a loop is a block with `isloop` set; leaving it creates the
 * implicit label `break` that pending breaks jump to.
 *
 * Read next: `statements.ts` (the other statements), `scope.ts` (blocks).
 */

import { OpCode } from '../bytecode/opcodes.ts';
import * as I from '../bytecode/instruction.ts';
import type * as A from '../parser/ast.ts';
import { ExpDesc, ExpKind, NO_JUMP } from './expdesc.ts';
import { exp2next, explist, expr } from './expressions.ts';
import { closing, type Follow } from './follow.ts';
import type { CompileState } from './scope.ts';
import { adjustAssign, block, endOf, newBlock, statlist } from './statements.ts';
// ---------------------------------------------------------------------------

/** A condition: jumps (list returned) when false (cond). */
function cond(cs: CompileState, e: A.Expression): number {
  const v = new ExpDesc();
  expr(cs, e, v);
  if (v.k === ExpKind.VNIL) v.k = ExpKind.VFALSE;
  cs.lastLine = e.lastLine;
  cs.fs.goIfTrue(v);
  return v.f;
}

/** The token after the body of clause `index`: `elseif`, `else` or `end`. */
function clauseEnd(s: A.If, index: number): Follow {
  if (index + 1 < s.clauses.length) return closing(s.clauses[index + 1].line, 'elseif');
  // the line of 'else' is not in the tree: its block's first token is near
  if (s.orelse !== undefined) return closing(s.orelse.line, 'else');
  return closing(s.lastLine, 'end');
}

/** Stat_if: `kwIf Exp kwThen Block ElseIf* Else? kwEnd` (ifstat, test_then_block). */
export function ifStat(cs: CompileState, s: A.If): void {
  const fs = cs.fs;
  let escapelist = NO_JUMP;
  s.clauses.forEach((clause, index) => {
    const followed = index < s.clauses.length - 1 || s.orelse !== undefined;
    const bl = newBlock();
    const v = new ExpDesc();
    cs.lastLine = clause.line;  // 'if' or 'elseif'
    expr(cs, clause.condition, v);
    cs.lastLine = clause.thenLine;   // luac attributes the test to the `then` token
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
    statlist(cs, rest, clauseEnd(s, index));
    cs.lastLine = endOf(clause.body, clause.condition.lastLine);
    cs.leaveBlock(fs);
    if (followed) escapelist = fs.concat(escapelist, fs.jump());
    fs.patchToHere(jf);
  });
  if (s.orelse) block(cs, s.orelse, closing(s.lastLine, 'end'));
  cs.lastLine = s.lastLine;
  fs.patchToHere(escapelist);
}

/** Stat_while: `kwWhile Exp kwDo Block kwEnd` (whilestat). */
export function whileStat(cs: CompileState, s: A.While): void {
  const fs = cs.fs;
  const whileinit = fs.getLabel();
  cs.lastLine = s.line;  // 'while'
  const condexit = cond(cs, s.condition);
  const bl = newBlock();
  cs.enterBlock(fs, bl, true);
  block(cs, s.body, closing(s.lastLine, 'end'));
  cs.lastLine = endOf(s.body, s.condition.lastLine);
  fs.patchList(fs.jump(), whileinit);
  cs.lastLine = s.lastLine;
  cs.leaveBlock(fs);
  fs.patchToHere(condexit);
}

/**
 * Stat_repeat: `kwRepeat Block kwUntil Exp` (repeatstat). The condition is
 * inside the scope of the body's locals.
 */
export function repeatStat(cs: CompileState, s: A.Repeat): void {
  const fs = cs.fs;
  const repeatInit = fs.getLabel();
  const bl1 = newBlock();
  const bl2 = newBlock();
  cs.enterBlock(fs, bl1, true);
  cs.enterBlock(fs, bl2, false);
  statlist(cs, s.body.statements, closing(s.condition.line, 'until'));
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

/** Stat_numericFor and Stat_genericFor (forstat). */
export function forStat(cs: CompileState, s: A.NumericFor | A.GenericFor): void {
  const fs = cs.fs;
  const bl = newBlock();
  cs.enterBlock(fs, bl, true);
  if (s.kind === 'NumericFor') forNum(cs, s); else forList(cs, s);
  cs.lastLine = s.lastLine;
  cs.leaveBlock(fs);
}

/**
 * Stat_numericFor: `kwFor name "=" Exp "," Exp ("," Exp)? kwDo Block kwEnd`
 * (fornum): three hidden state registers, then the variable.
 */
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
  forBody(cs, s.body, base, s.line, 1, false, (s.step ?? s.limit).lastLine, s.lastLine);
}

/**
 * Stat_genericFor: `kwFor NameList kwIn ExpList kwDo Block kwEnd` (forlist):
 * four hidden state registers, the fourth to be closed, then the names.
 */
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
  forBody(cs, s.body, base, line, s.names.length, true, cs.lastLine, s.lastLine);
}

/** FORPREP and FORLOOP jump with an unsigned Bx, backwards for FORLOOP (fixforjump). */
function fixForJump(cs: CompileState, pc: number, dest: number, back: boolean): void {
  const fs = cs.fs;
  let offset = dest - (pc + 1);
  if (back) offset = -offset;
  if (offset > I.MAXARG_Bx) throw cs.syntaxError('control structure too long');
  fs.code[pc] = I.setBx(fs.code[pc], offset);
}

/** The body of both loops, between FORPREP/TFORPREP and FORLOOP/TFORLOOP (forbody). */
function forBody(
  cs: CompileState, body: A.Block, base: number, line: number, nvars: number, isgen: boolean, doLine: number,
  bodyEnd: number,
): void {
  const fs = cs.fs;
  cs.lastLine = doLine;
  const prep = fs.codeABx(isgen ? OpCode.TFORPREP : OpCode.FORPREP, base, 0);
  const bl = newBlock();
  cs.enterBlock(fs, bl, false);
  cs.adjustLocalVars(nvars);
  fs.reserveRegs(nvars);
  block(cs, body, closing(bodyEnd, 'end'));
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
