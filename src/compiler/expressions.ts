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
import { compileBody } from './statements.ts';

/** Compile expression `node` into `v`. */
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
      cs.lastLine = node.lastLine;
      v.init(ExpKind.VVARARG, fs.codeABC(OpCode.VARARG, 0, 0, 1));
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

function binary(cs: CompileState, node: A.BinaryOp, v: ExpDesc): void {
  const fs = cs.fs;
  expr(cs, node.left, v);
  cs.lastLine = node.opLine;  // the operator was just read
  infix(fs, node.op, v);
  const v2 = new ExpDesc();
  expr(cs, node.right, v2);
  cs.lastLine = node.right.lastLine;
  posfix(fs, node.op, v, v2, node.opLine);
}

/** Prefix expressions: names, indexing, calls, parentheses (suffixedexp). */
export function suffixedexp(cs: CompileState, node: A.Expression, v: ExpDesc): void {
  const fs = cs.fs;
  switch (node.kind) {
    case 'Name':
      cs.lastLine = node.lastLine;
      cs.singleVar(node.name, v);
      return;
    case 'Paren':
      cs.lastLine = node.line;
      expr(cs, node.expression, v);
      cs.lastLine = node.lastLine;
      fs.dischargeVars(v);
      return;
    case 'Index': {
      suffixedexp(cs, node.object, v);
      cs.lastLine = node.object.lastLine;
      fs.exp2anyregup(v);
      const key = new ExpDesc();
      if (node.dotted && node.key.kind === 'String') {
        key.init(ExpKind.VKSTR, 0);
        key.strval = node.key.value;
        cs.lastLine = node.key.lastLine;
      } else {
        expr(cs, node.key, key);
        cs.lastLine = node.key.lastLine;
        fs.exp2val(key);
      }
      fs.indexed(v, key);
      return;
    }
    case 'Call':
      suffixedexp(cs, node.callee, v);
      cs.lastLine = node.callee.lastLine;
      fs.exp2nextreg(v);
      funcargs(cs, node.args, node, v);
      return;
    case 'MethodCall': {
      suffixedexp(cs, node.object, v);
      const key = new ExpDesc().init(ExpKind.VKSTR, 0);
      key.strval = node.method;
      cs.lastLine = node.methodLine;
      fs.self(v, key);
      funcargs(cs, node.args, node, v);
      return;
    }
    default:
      // any other expression in prefix position (the parser only allows
      // the cases above; this keeps the walker total)
      expr(cs, node, v);
  }
}

/** Arguments and the CALL instruction (funcargs). */
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

/** `e1, e2, …, en`: all but the last in consecutive registers; returns n. */
export function explist(cs: CompileState, list: A.Expression[], v: ExpDesc): number {
  expr(cs, list[0], v);
  for (let i = 1; i < list.length; i++) {
    cs.lastLine = list[i - 1].lastLine;  // the ',' (usually on that line)
    cs.fs.exp2nextreg(v);
    expr(cs, list[i], v);
  }
  return list.length;
}

/** Table constructors (constructor, recfield, listfield). */
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
