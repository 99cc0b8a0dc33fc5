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
 * BRIDGE: lucid's compiler (`src/compiler/index.ts`) is not finished yet,
 * so text chunks are compiled here by the reference `luac5.4` (a child
 * process) and read back with `undump`; syntax errors come from lucid's own
 * parser so their wording is lucid's. When the compiler lands, replace the
 * body of `compileSource` by `return compile(parse(source, chunkname))`
 * (see docs/vm.md, "Switching to lucid's compiler"); nothing else changes.
 *
 * Read next: `src/bytecode/undump.ts`, `src/parser/index.ts`.
 */
import { execFileSync } from 'node:child_process';
import type { Proto } from '../bytecode/proto.ts';
import { undump, LUA_SIGNATURE } from '../bytecode/undump.ts';
import { parse, LuaSyntaxError, chunkid } from '../parser/index.ts';

/** A chunk that cannot be loaded: `message` is what `load` returns with nil. */
export class LoadError extends Error {}

/**
 * Compile `chunk` (a byte string) named `chunkname`; `mode` is load's
 * "b", "t" or "bt".
 */
export function compileChunk(chunk: string, chunkname: string, mode = 'bt'): Proto {
  if (chunk.startsWith(LUA_SIGNATURE)) {
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
  return compileSource(chunk, chunkname);
}

function compileSource(source: string, chunkname: string): Proto {
  let text = source;
  if (chunkname.startsWith('@') && text.startsWith('#')) {
    // luaL_loadfile skips a first line starting with '#', keeping the line count
    const nl = text.indexOf('\n');
    text = nl < 0 ? '' : text.slice(nl);
  }
  let bytes: Buffer;
  try {
    bytes = execFileSync('luac5.4', ['-o', '-', '-'], {
      input: Buffer.from(text, 'latin1'), stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1 << 28,
    });
  } catch (e) {
    try {
      parse(source, chunkname);
    } catch (se) {
      if (se instanceof LuaSyntaxError) throw new LoadError(se.message);
      throw se;
    }
    const stderr = String((e as { stderr?: Buffer }).stderr ?? e);
    const msg = stderr.replace(/^luac5\.4: /, '').replace(/^stdin:/, chunkid(chunkname) + ':').trimEnd();
    throw new LoadError(msg);
  }
  const proto = undump(bytes.toString('latin1'), chunkname).proto;
  setSource(proto, chunkname);
  return proto;
}

function setSource(p: Proto, name: string): void {
  p.source = name;
  for (const q of p.protos) setSource(q, name);
}
