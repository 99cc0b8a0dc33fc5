/**
 * # The AST as JSON
 *
 * Responsibility: `astToJSON`, the text `lucidc --ast` prints, so a learner
 * can read the tree beside the source.
 *
 * Manual: none (a lucid tool). PUC-Rio counterpart: none.
 *
 * Invariant: the output is valid JSON and loses nothing: integers outside
 * the safe range (bigints) are written as strings with an `n` suffix
 * (`"9007199254740993n"`), and floats JSON cannot hold as strings
 * (`"Infinity"`, `"-Infinity"`, `"NaN"`). Every other value is as in the AST.
 *
 * Read next: `ast.ts`.
 */

import type { Chunk, Node } from './ast.ts';

/** The JSON text of an AST (indented by `indent` spaces, 2 by default). */
export function astToJSON(node: Chunk | Node, indent = 2): string {
  return JSON.stringify(
    node,
    (_key, value: unknown) => {
      if (typeof value === 'bigint') return `${value}n`;
      if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
      return value;
    },
    indent,
  );
}
