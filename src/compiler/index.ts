/**
 * # The compiler: AST → Lua 5.4 bytecode
 *
 * Responsibility: the one entry point, `compile(chunk)`, which turns the
 * AST of a chunk into the prototype of its main function — with the same
 * instructions, constants, registers and lines that `luac` 5.4 produces for
 * ordinary programs (docs/compiler.md lists the differences that remain).
 *
 * Manual: §3.3.2 (chunks: a chunk is the body of an anonymous vararg
 * function with one upvalue, `_ENV`).
 * PUC-Rio counterpart: `luaY_parser` and `mainfunc` (lparser.c).
 *
 * Invariant: compiling never runs Lua code and never changes the AST.
 *
 * Read next: `statements.ts` and `control.ts` (statements), `expressions.ts`
 * and `operators.ts` (expressions), `scope.ts` (names, blocks, gotos),
 * `funcstate.ts`, `constants.ts`, `code.ts` (the code generator),
 * `expdesc.ts`, `follow.ts`; docs/compiler.md for the whole picture.
 */

import type { Chunk } from '../parser/ast.ts';
import type { Proto } from '../bytecode/proto.ts';
import { CompileState } from './scope.ts';
import { closeFunc, openMain, statlist } from './statements.ts';
import { closing } from './follow.ts';

/** Compile a parsed chunk; throws `LuaSyntaxError` for compile-time errors. */
export function compile(chunk: Chunk): Proto {
  const cs = new CompileState(chunk.chunkname);
  const fs = openMain(cs);
  statlist(cs, chunk.body.statements, closing(chunk.lastLine, '<eof>'));
  cs.lastLine = lastTokenLine(chunk);
  cs.follow = closing(chunk.lastLine, '<eof>');
  closeFunc(cs);
  return fs.f;
}

/** The line of the chunk's last token (where its final RETURN is placed). */
function lastTokenLine(chunk: Chunk): number {
  const stats = chunk.body.statements;
  return stats.length > 0 ? stats[stats.length - 1].lastLine : 1;
}
