/**
 * # Deep nesting: matching on a bigger stack
 *
 * Responsibility: parsing chunks whose nesting is too deep for the
 * JavaScript stack of the calling thread. Ohm matches recursively, with
 * several JS frames per rule application, so V8's default stack (about
 * 1 MB) runs out after some 80–150 nested parentheses, calls or tables,
 * while Lua accepts up to 200 levels (LUAI_MAXCCALLS) and the official
 * tests require 100. For such chunks only, `parse` runs the very same
 * parser in a child process started with a larger stack (`--stack-size`)
 * and waits for its answer (`spawnSync`). (A worker thread would be
 * cheaper, but Node 20 does not apply module loaders such as tsx in
 * workers.)
 *
 * Manual: none (an implementation limit). PUC-Rio counterpart: none; its
 * recursive-descent parser uses one C frame per level.
 *
 * Invariant: the child returns exactly what `parse` would return on a big
 * enough stack: the AST, or the message and line of a `LuaSyntaxError`.
 * The AST travels as JSON in which bigints and non-finite floats are
 * tagged objects (`{"$bigint": "..."}`, `{"$float": "Infinity"}`), which no
 * AST field can be confused with.
 *
 * Read next: `deep-child.ts`.
 */

import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Chunk } from './ast.ts';
import { LuaSyntaxError } from './errors.ts';

/** V8 stack of the child, in KB (the default is 984): room for 200+ levels. */
const CHILD_STACK_KB = 4000;

/** What the child prints. */
export type DeepResult = { chunk: Chunk } | { error: string; line: number } | { crash: string };

/** JSON replacer for the transport: tag what JSON cannot hold. */
export function encodeValue(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return { $bigint: value.toString() };
  if (typeof value === 'number' && !Number.isFinite(value)) return { $float: String(value) };
  return value;
}

/** JSON reviver undoing `encodeValue`. */
function decodeValue(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object') {
    if ('$bigint' in value) return BigInt((value as { $bigint: string }).$bigint);
    if ('$float' in value) return Number((value as { $float: string }).$float);
  }
  return value;
}

/** Parse `source` in a child process with a large stack. */
export function parseOnBigStack(source: string, chunkname: string, cLevels: number, skipFirstLine: boolean): Chunk {
  // Run from the sources, the child is TypeScript run like this process:
  // through tsx, which may have been loaded in-process (`uvu -r tsx`) rather
  // than by a flag. Run from the bundle bin/launch.mjs makes, it is the
  // bundle's deep-child.mjs beside this code.
  const bundled = !import.meta.url.endsWith('.ts');
  const child = fileURLToPath(new URL(bundled ? './deep-child.mjs' : './deep-child.ts', import.meta.url));
  const flags = bundled || process.execArgv.some((a) => a.includes('tsx'))
    ? process.execArgv
    : [...process.execArgv, '--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href];
  const run = spawnSync(
    process.execPath,
    [...flags, `--stack-size=${CHILD_STACK_KB}`, child, chunkname, String(cLevels), String(skipFirstLine)],
    { input: Buffer.from(source, 'latin1'), maxBuffer: 1 << 30, encoding: 'utf8' },
  );
  let reply: DeepResult;
  try {
    reply = JSON.parse(run.stdout, decodeValue) as DeepResult;
  } catch {
    throw new Error(`the deep-nesting parser failed: ${run.stderr || run.error}`);
  }
  if ('chunk' in reply) return reply.chunk;
  if ('error' in reply) throw new LuaSyntaxError(reply.error, reply.line);
  throw new Error(`the deep-nesting parser failed: ${reply.crash}`);
}
