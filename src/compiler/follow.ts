/**
 * # The token after: lines and "near" parts of compile-time errors
 *
 * Responsibility: naming the token that PUC-Rio's parser would be looking
 * at (its lookahead) when it reports a compile-time error, so that lucid's
 * messages carry the same line and the same `near '...'` part as luac's.
 * PUC-Rio reports the line of the lookahead token, not of the construct:
 * `goto nowhere` on the last line of a file is reported on the line of
 * `<eof>`.
 *
 * Manual: none (error messages are not specified by the manual; lucid
 * follows luac 5.4). PUC-Rio counterpart: `luaX_syntaxerror`, `txtToken`,
 * `luaX_token2str` (llex.c), which print the lookahead token.
 *
 * Invariant: a `Follow` is only as exact as the AST allows: the first token
 * of a statement and the keyword that closes a block are known; the
 * position of a `,` or `=` inside a statement is approximated by the line
 * of the statement.
 *
 * Read next: `scope.ts` (the errors that use it).
 */

import type * as A from '../parser/ast.ts';

/** A token as a message names it, and its line. */
export interface Follow {
  /** The line PUC-Rio would report: that of its lookahead token. */
  line: number;
  /** As luac prints it: `'end'`, `'x'`, `<eof>`. */
  text: string;
}

/** The keyword or symbol that closes a block (`end`, `else`, `until`, `<eof>`). */
export function closing(line: number, token: string): Follow {
  return { line, text: token === '<eof>' ? token : `'${token}'` };
}

/** The first token of a statement. */
export function firstToken(s: A.Statement): Follow {
  const line = s.line;
  switch (s.kind) {
    case 'Local': case 'LocalFunction': return { line, text: "'local'" };
    case 'FunctionStatement': return { line, text: "'function'" };
    case 'If': return { line, text: "'if'" };
    case 'While': return { line, text: "'while'" };
    case 'Do': return { line, text: "'do'" };
    case 'NumericFor': case 'GenericFor': return { line, text: "'for'" };
    case 'Repeat': return { line, text: "'repeat'" };
    case 'Return': return { line, text: "'return'" };
    case 'Break': return { line, text: "'break'" };
    case 'Goto': return { line, text: "'goto'" };
    case 'Label': return { line, text: "'::'" };
    case 'Empty': return { line, text: "';'" };
    case 'CallStatement': return { line, text: firstOfPrefix(s.call) };
    case 'Assign': return { line, text: firstOfPrefix(s.targets[0]) };
  }
}

function firstOfPrefix(e: A.Expression): string {
  for (;;) {
    switch (e.kind) {
      case 'Call': e = e.callee; break;
      case 'MethodCall': case 'Index': e = e.object; break;
      case 'Name': return `'${e.name}'`;
      default: return "'('";
    }
  }
}

/** What follows statement `i` of a list that the token `after` closes. */
export function followOf(statements: A.Statement[], i: number, after: Follow): Follow {
  return i + 1 < statements.length ? firstToken(statements[i + 1]) : after;
}

/** The first token of an expression. */
export function exprFirstToken(e: A.Expression): Follow {
  const line = e.line;
  switch (e.kind) {
    case 'Name': return { line, text: `'${e.name}'` };
    case 'Integer': case 'Float': return { line, text: `'${e.text}'` };
    case 'String': return { line, text: `'"${e.value}"'` };  // luac shows the token as written
    case 'Nil': return { line, text: "'nil'" };
    case 'True': return { line, text: "'true'" };
    case 'False': return { line, text: "'false'" };
    case 'Vararg': return { line, text: "'...'" };
    case 'Function': return { line, text: "'function'" };
    case 'Table': return { line, text: "'{'" };
    case 'Unary': return { line, text: `'${e.op}'` };
    case 'Paren': return { line, text: "'('" };
    case 'Binary': {
      let left: A.Expression = e.left;
      while (left.kind === 'Binary') left = left.left;
      return exprFirstToken(left);
    }
    case 'Call': case 'MethodCall': case 'Index': return { line, text: firstOfPrefix(e) };
  }
}
