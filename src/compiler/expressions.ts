/**
 * # Compiling expressions
 *
 * Responsibility: turning each expression node of the AST into an
 * expression descriptor (and the code it needs so far), in the order
 * PUC-Rio's recursive-descent parser would, so that registers, constants
 * and lines come out as luac's.
 *
 * Manual: §3.4. Grammar rules (grammar.ohm): `exp`, `prefixexp`,
 * `functioncall`, `args`, `tableconstructor`, `field`, `functiondef`.
 * PUC-Rio counterpart: `expr`, `simpleexp`, `suffixedexp`, `primaryexp`,
 * `funcargs`, `constructor`, `body` in lparser.c.
 *
 * Invariant: before code is emitted for a construct, `cs.lastLine` is set
 * to the line of the last token PUC-Rio's parser would have read at that
 * moment (PUC-Rio stamps instructions with it).
 *
 * Read next: `statements.ts`.
 */

import { OpCode } from '../bytecode/opcodes.ts';
import * as I from '../bytecode/instruction.ts';
import type * as A from '../parser/ast.ts';
import { ExpDesc, ExpKind } from './expdesc.ts';
import { FuncState } from './funcstate.ts';
import { infix, posfix, prefix } from './operators.ts';
import type { CompileState } from './scope.ts';
import { exprFirstToken } from './follow.ts';
import { compileBody } from './statements.ts';

/** Exp: compile expression `node` into `v` (expr, simpleexp). */
export function expr(cs: CompileState, node: A.Expression, v: ExpDesc): void {
  const fs = cs.fs;
  switch (node.kind) {
    case 'Nil': v.init(ExpKind.VNIL, 0); cs.lastLine = node.lastLine; return;
    case 'True': v.init(ExpKind.VTRUE, 0); cs.lastLine = node.lastLine; return;
    case 'False': v.init(ExpKind.VFALSE, 0); cs.lastLine = node.lastLine; return;
    case 'Integer': v.init(ExpKind.VKINT, 0); v.ival = node.value; cs.lastLine = node.lastLine; return;
    case 'Float': v.init(ExpKind.VKFLT, 0); v.nval = node.value; cs.lastLine = node.lastLine; return;
    case 'String': v.init(ExpKind.VKSTR, 0); v.strval = node.value; cs.lastLine = node.lastLine; return;
    case 'Vararg':
      // emitted before '...' is read: the line of the token before it
      v.init(ExpKind.VVARARG, fs.codeABC(OpCode.VARARG, 0, 0, 1));
      cs.lastLine = node.lastLine;
      return;
    case 'Function': compileBody(cs, node, v, node.line); return;
    case 'Table': constructor(cs, node, v); return;
    case 'Binary': binary(cs, node, v); return;
    case 'Unary':
      cs.lastLine = node.line;
      expr(cs, node.operand, v);
      cs.lastLine = node.lastLine;
      prefix(fs, node.op, v, node.line);
      return;
    default: suffixedexp(cs, node, v);
  }
}

/** Compile an expression and leave its value in the next register (exp1). */
export function exp2next(cs: CompileState, node: A.Expression): ExpDesc {
  const e = new ExpDesc();
  expr(cs, node, e);
  cs.fs.exp2nextreg(e);
  return e;
}

/**
 * OrExp … MulExp: `left op right` (subexpr). A left-associative chain
 * (`a + b + c + …`, which the parser accepts at any length, as PUC-Rio's
 * loop in `subexpr` does) is walked down its left spine with a loop, not
 * by recursion, so that a long chain cannot exhaust the JS stack.
 */
function binary(cs: CompileState, node: A.BinaryOp, v: ExpDesc): void {
  const fs = cs.fs;
  const spine: A.BinaryOp[] = [node];
  let leftmost: A.Expression = node.left;
  while (leftmost.kind === 'Binary') {
    spine.push(leftmost);
    leftmost = leftmost.left;
  }
  const outer = cs.follow;
  cs.follow = { line: spine[spine.length - 1].opLine, text: `'${spine[spine.length - 1].op}'` };
  expr(cs, leftmost, v);
  for (let k = spine.length - 1; k >= 0; k--) {
    const b = spine[k];
    cs.lastLine = b.opLine;  // the operator was just read
    cs.follow = exprFirstToken(b.right);
    infix(fs, b.op, v);
    const v2 = new ExpDesc();
    // after the right operand, the parser looks at the next operator up
    cs.follow = k > 0 ? { line: spine[k - 1].opLine, text: `'${spine[k - 1].op}'` } : outer;
    expr(cs, b.right, v2);
    cs.lastLine = b.right.lastLine;
    posfix(fs, b.op, v, v2, b.opLine);
  }
  cs.follow = outer;
}

/**
 * PrefixExp, FunctionCall, Var: a primary expression (a name or a
 * parenthesized expression) followed by suffixes — `.name`, `[exp]`,
 * `:name(args)`, `(args)` (suffixedexp, primaryexp). The suffixes are
 * applied in a loop, innermost first, as PUC-Rio's loop reads them, so a
 * long chain (`a.b.c…`, `f()()…`) never recurses deeply.
 */
export function suffixedexp(cs: CompileState, node: A.Expression, v: ExpDesc): void {
  const fs = cs.fs;
  const suffixes: (A.Index | A.Call | A.MethodCall)[] = [];
  let primary = node;
  for (;;) {
    if (primary.kind === 'Index' || primary.kind === 'MethodCall') { suffixes.push(primary); primary = primary.object; }
    else if (primary.kind === 'Call') { suffixes.push(primary); primary = primary.callee; }
    else break;
  }
  primaryexp(cs, primary, v);
  for (let k = suffixes.length - 1; k >= 0; k--) {
    const s = suffixes[k];
    const prefix = s.kind === 'Call' ? s.callee : s.object;
    switch (s.kind) {
      case 'Index': {
        cs.lastLine = prefix.lastLine;
        fs.exp2anyregup(v);
        const key = new ExpDesc();
        if (s.dotted && s.key.kind === 'String') {
          key.init(ExpKind.VKSTR, 0);
          key.strval = s.key.value;
          cs.lastLine = s.key.lastLine;
        } else {
          cs.lastLine = s.key.line;  // '['
          expr(cs, s.key, key);
          cs.lastLine = s.key.lastLine;
          fs.exp2val(key);
          cs.lastLine = s.lastLine;  // ']'
        }
        fs.indexed(v, key);
        break;
      }
      case 'Call':
        cs.lastLine = prefix.lastLine;
        fs.exp2nextreg(v);
        funcargs(cs, s.args, s, v);
        break;
      case 'MethodCall': {
        const key = new ExpDesc().init(ExpKind.VKSTR, 0);
        key.strval = s.method;
        cs.lastLine = s.methodLine;
        fs.self(v, key);
        funcargs(cs, s.args, s, v);
        break;
      }
    }
  }
}

/** PrimaryExp: `name | "(" Exp ")"` (primaryexp). */
function primaryexp(cs: CompileState, node: A.Expression, v: ExpDesc): void {
  switch (node.kind) {
    case 'Name':
      cs.lastLine = node.lastLine;
      cs.singleVar(node.name, v);
      return;
    case 'Paren':
      cs.lastLine = node.line;
      expr(cs, node.expression, v);
      cs.lastLine = node.lastLine;
      cs.fs.dischargeVars(v);
      return;
    default:
      // the parser allows nothing else here; this keeps the walker total
      expr(cs, node, v);
  }
}

/** Args: the arguments and the CALL instruction (funcargs). */
function funcargs(cs: CompileState, args: A.Expression[], call: A.Call | A.MethodCall, f: ExpDesc): void {
  const fs = cs.fs;
  const e = new ExpDesc();
  if (args.length === 0) {
    e.init(ExpKind.VVOID, 0);
  } else {
    if (!isTableCall(call)) cs.lastLine = call.argsLine;  // '('
    explist(cs, args, e);
    if (e.hasMultRet()) fs.setMultRet(e);
  }
  cs.lastLine = call.lastLine;
  const base = f.info;
  let nparams: number;
  if (e.hasMultRet()) {
    nparams = -1;
  } else {
    if (e.k !== ExpKind.VVOID) fs.exp2nextreg(e);
    nparams = fs.freereg - (base + 1);
  }
  f.init(ExpKind.VCALL, fs.codeABC(OpCode.CALL, base, nparams + 1, 2));
  fs.fixLine(argsLine(call));
  fs.freereg = base + 1;
}

/** `f{...}`: the constructor is the argument list (no parentheses). */
function isTableCall(call: A.Call | A.MethodCall): boolean {
  const args = call.args;
  return args.length === 1 && args[0].kind === 'Table' && args[0].line === call.argsLine &&
    args[0].lastLine === call.lastLine;
}

/**
 * The line luac gives a CALL: where the lexer stood when it saw the token
 * opening the arguments — for `f"..."` or `f[[...]]` that is the line where
 * the string ends. (A single string argument ending on the line of the
 * call's last token is taken to be written without parentheses.)
 */
function argsLine(call: A.Call | A.MethodCall): number {
  const args = call.args;
  if (args.length === 1 && args[0].kind === 'String' && args[0].line === call.argsLine &&
      args[0].lastLine === call.lastLine) {
    return args[0].lastLine;
  }
  return call.argsLine;
}

/** ExpList: `e1, e2, …, en`, all but the last in consecutive registers; returns n (explist). */
export function explist(cs: CompileState, list: A.Expression[], v: ExpDesc): number {
  const outer = cs.follow;
  if (list.length > 1) cs.follow = { line: list[0].lastLine, text: "','" };
  expr(cs, list[0], v);
  for (let i = 1; i < list.length; i++) {
    cs.lastLine = list[i - 1].lastLine;  // the ',' (usually on that line)
    cs.follow = exprFirstToken(list[i]);  // the lookahead once ',' is read
    cs.fs.exp2nextreg(v);
    cs.follow = i + 1 < list.length ? { line: list[i].lastLine, text: "','" } : outer;
    expr(cs, list[i], v);
  }
  cs.follow = outer;
  return list.length;
}

/** TableConstructor: `"{" FieldList? "}"` (constructor, recfield, listfield). */
function constructor(cs: CompileState, node: A.TableConstructor, t: ExpDesc): void {
  const fs = cs.fs;
  // NEWTABLE is emitted before '{' is read: it gets the line of the token before
  const pc = fs.codeABC(OpCode.NEWTABLE, 0, 0, 0);
  fs.emit(0);  // room for the EXTRAARG
  let na = 0;
  let nh = 0;
  let tostore = 0;
  const item = new ExpDesc().init(ExpKind.VVOID, 0);
  t.init(ExpKind.VNONRELOC, fs.freereg);
  fs.reserveRegs(1);
  let prevLast = node.line;
  for (const field of node.fields) {
    cs.lastLine = prevLast;  // '{' or the ',' after the previous field
    // closelistfield: the previous positional item goes to its register
    if (item.k !== ExpKind.VVOID) {
      fs.exp2nextreg(item);
      item.k = ExpKind.VVOID;
      if (tostore === I.LFIELDS_PER_FLUSH) {
        fs.setList(t.info, na, tostore);
        na += tostore;
        tostore = 0;
      }
    }
    if (field.kind === 'PositionalField') {
      expr(cs, field.value, item);
      tostore++;
    } else {
      const reg = fs.freereg;
      const key = new ExpDesc();
      if (field.kind === 'NamedField') {
        key.init(ExpKind.VKSTR, 0);
        key.strval = field.name;
        cs.lastLine = field.line;
      } else {
        cs.lastLine = field.line;  // '['
        expr(cs, field.key, key);
        cs.lastLine = field.key.lastLine;
        fs.exp2val(key);
      }
      nh++;
      const tab = new ExpDesc().copy(t);
      fs.indexed(tab, key);
      const val = new ExpDesc();
      expr(cs, field.value, val);
      cs.lastLine = field.value.lastLine;
      fs.storeVar(tab, val);
      fs.freereg = reg;
    }
    prevLast = field.lastLine;
  }
  cs.lastLine = node.lastLine;
  // lastlistfield
  if (tostore > 0) {
    if (item.hasMultRet()) {
      fs.setMultRet(item);
      fs.setList(t.info, na, -1);
      na--;
    } else {
      if (item.k !== ExpKind.VVOID) fs.exp2nextreg(item);
      fs.setList(t.info, na, tostore);
    }
    na += tostore;
  }
  fs.setTableSize(pc, t.info, na, nh);
}

/** The closure of a nested function, in the next register (codeclosure). */
export function codeClosure(cs: CompileState, parent: FuncState, v: ExpDesc): void {
  v.init(ExpKind.VRELOC, parent.codeABx(OpCode.CLOSURE, 0, parent.f.protos.length - 1));
  parent.exp2nextreg(v);
}
