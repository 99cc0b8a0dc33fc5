/**
 * Helpers shared by the parser specs: parse a chunk or one expression, and
 * print expressions as S-expressions so that a test can state a tree in
 * one line (`(+ 1 (* 2 3))`).
 */
import { parse } from '../../src/parser/index.ts';
import type { Chunk, Expression, Return, Statement } from '../../src/parser/ast.ts';

export const chunk = (source: string): Chunk => parse(source, '=test');
export const statements = (source: string): Statement[] => chunk(source).body.statements;
export const statement = (source: string): Statement => statements(source)[0];

/** The expression `source`, parsed as `return <source>`. */
export function expression(source: string): Expression {
  return (statement('return ' + source) as Return).values[0];
}

/** The syntax error message for `source` (chunk name `=test`), or 'no error'. */
export function syntaxError(source: string): string {
  try {
    parse(source, '=test');
    return 'no error';
  } catch (e) {
    return (e as Error).message;
  }
}

/** An expression as an S-expression. */
export function sexp(e: Expression): string {
  switch (e.kind) {
    case 'Binary': return `(${e.op} ${sexp(e.left)} ${sexp(e.right)})`;
    case 'Unary': return `(${e.op} ${sexp(e.operand)})`;
    case 'Paren': return `[${sexp(e.expression)}]`;
    case 'Name': return e.name;
    case 'Integer': return String(e.value);
    case 'Float': return `${e.value}f`;
    case 'String': return JSON.stringify(e.value);
    case 'Nil': return 'nil';
    case 'True': return 'true';
    case 'False': return 'false';
    case 'Vararg': return '...';
    case 'Index': return e.dotted && e.key.kind === 'String' ? `${sexp(e.object)}.${e.key.value}` : `${sexp(e.object)}[${sexp(e.key)}]`;
    case 'Call': return `${sexp(e.callee)}(${e.args.map(sexp).join(', ')})`;
    case 'MethodCall': return `${sexp(e.object)}:${e.method}(${e.args.map(sexp).join(', ')})`;
    case 'Function': return `function(${[...e.params, ...(e.isVararg ? ['...'] : [])].join(', ')})`;
    case 'Table': return `{${e.fields.map((f) =>
      f.kind === 'PositionalField' ? sexp(f.value)
        : f.kind === 'NamedField' ? `${f.name}=${sexp(f.value)}`
          : `[${sexp(f.key)}]=${sexp(f.value)}`).join(', ')}}`;
  }
}
