/**
 * # The deep-nesting child process
 *
 * Responsibility: the program `deep.ts` starts with a large stack: read the
 * chunk's bytes from stdin, parse them with the ordinary `parse`, print the
 * result as JSON on stdout.
 *
 * Usage (by deep.ts only): `node --stack-size=N deep-child.ts chunkname cLevels skipFirstLine`.
 *
 * Manual: none. PUC-Rio counterpart: none.
 *
 * Invariant: prints exactly one JSON value, a `DeepResult`.
 *
 * Read next: `index.ts`.
 */

import { readFileSync } from 'node:fs';
import { parse } from './index.ts';
import { LuaSyntaxError } from './errors.ts';
import { encodeValue, type DeepResult } from './deep.ts';

const [chunkname, cLevels, skipFirstLine] = process.argv.slice(2);
const source = readFileSync(0).toString('latin1');
let result: DeepResult;
try {
  result = { chunk: parse(source, chunkname, { cLevels: Number(cLevels), skipFirstLine: skipFirstLine === 'true', onBigStack: true }) };
} catch (e) {
  result = e instanceof LuaSyntaxError ? { error: e.message, line: e.line } : { crash: String(e) };
}
process.stdout.write(JSON.stringify(result, encodeValue));
