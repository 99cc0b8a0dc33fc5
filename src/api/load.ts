/**
 * # From a chunk to a prototype
 *
 * Responsibility: the one place where the VM turns a chunk (source text or
 * a binary chunk) into a `Proto`: `load`, `loadfile`, `dofile`, the host
 * API and the command line all come through `compileChunk`.
 *
 * Manual: §3.3.2 (chunks), §6.1 (`load`). PUC-Rio counterpart: `ldo.c`
 * (f_parser: checkmode, then luaU_undump or luaY_parser).
 *
 * Invariant: returns a prototype whose `source` is the chunk name given,
 * or throws a {@link LoadError} whose message is what `load` returns
 * (e.g. `[string "x"]:1: unexpected symbol near 'end'`).
 *
 * Text chunks go through lucid's own front end: `parse` (grammar.ohm, the
 * AST) then `compile` (the AST to a prototype, as luac would).
 *
 * Read next: `src/parser/index.ts`, `src/compiler/index.ts`,
 * `src/bytecode/undump.ts`.
 */
import type { Proto } from '../bytecode/proto.ts';
import { undump, LUA_SIGNATURE } from '../bytecode/undump.ts';
import { parse, LuaSyntaxError } from '../parser/index.ts';
import { compile } from '../compiler/index.ts';

/**
 * A chunk that cannot be loaded: `message` is what `load` returns with nil.
 */
export class LoadError extends Error {
  /**
   * @param message - What `load` returns with nil.
   * @param runtime - lua raises this error as a runtime error inside
   *   lua_load ("C stack overflow"), so a message handler running at the
   *   time sees it first.
   */
  constructor(message: string, readonly runtime = false) {
    super(message);
  }
}

/**
 * Compile `chunk` (a byte string) named `chunkname`; `mode` is load's
 * "b", "t" or "bt". `cLevels` are the C levels already in use, which count
 * against the parser's nesting limit (`ParseOptions.cLevels`).
 */
export function compileChunk(chunk: string, chunkname: string, mode = 'bt', cLevels?: number): Proto {
  if (chunk[0] === LUA_SIGNATURE[0]) {   // as PUC-Rio: the first byte decides
    if (!mode.includes('b')) {
      throw new LoadError(`attempt to load a binary chunk (mode is '${mode}')`);
    }
    try {
      return undump(chunk, chunkname).proto;
    } catch (e) {
      throw new LoadError(e instanceof Error ? e.message : String(e));
    }
  }
  if (!mode.includes('t')) {
    throw new LoadError(`attempt to load a text chunk (mode is '${mode}')`);
  }
  return compileSource(chunk, chunkname, cLevels);
}

function compileSource(source: string, chunkname: string, cLevels: number | undefined): Proto {
  try {
    return compile(parse(source, chunkname, { cLevels }));
  } catch (e) {
    if (e instanceof LuaSyntaxError) throw new LoadError(e.message, e.runtime);
    throw e;
  }
}
