/**
 * # Function prototypes
 *
 * Responsibility: the compiled form of one Lua function — its instructions,
 * constants, nested prototypes, upvalue descriptions and debug information.
 * The compiler produces prototypes, the VM runs them, the listing tool prints
 * them and the binary-chunk reader/writer (string.dump, `lucidc -o`, load
 * with mode "b") converts them to and from bytes.
 *
 * Manual: none directly; see §4.7 and `luac(1)` for binary chunks.
 *
 * PUC-Rio counterpart: `Proto`, `Upvaldesc`, `LocVar` and `AbsLineInfo` in
 * `lobject.h`, and `luaG_getfuncline` in `ldebug.c`.
 *
 * Invariants:
 * - `code[pc]` is one 32-bit instruction (see `instruction.ts`).
 * - `constants` holds canonical Lua values (docs/design.md §2): nil, booleans,
 *   integers (number/bigint), floats (number or the LuaFloat box), byte
 *   strings. Never tables or functions.
 * - `lineinfo`/`abslineinfo` encode lines exactly as PUC-Rio does, so that a
 *   binary chunk round-trips; `lines` is the decoded, per-instruction array
 *   that everything else reads.
 * - The compiler and the chunk reader make plain prototypes, which know no
 *   Lua state; a prototype becomes collectable when a chunk is loaded.
 *
 * Read next: `opcodes.ts`, `src/compiler/` (produces these), `src/vm/`
 * (runs them).
 */
import { FIXED, type GCObject } from '../value/collectable.ts';

/** An upvalue of a prototype: where a closure finds it when it is created. */
export interface UpvalueDesc {
  /** Name for debug information (`(no name)`/undefined once stripped). */
  name: string | undefined;
  /** True: the upvalue is a local (register `index`) of the enclosing function. */
  instack: boolean;
  /** Register in the enclosing function, or index in its upvalue list. */
  index: number;
  /** Variable kind: 0 regular, 1 `<const>`, 2 `<close>`, 3 compile-time constant. */
  kind: number;
}

/** A local variable's name and the pc range in which it is active. */
export interface LocalVarInfo {
  /** The variable's name as written in the source (what debug.getlocal and error messages show). */
  name: string;
  /** First pc where the variable is active. */
  startpc: number;
  /** First pc where the variable is dead. */
  endpc: number;
}

/**
 * A constant in K: any canonical Lua value that is not a collectable object.
 * The object form `{ n }` is a float box (`LuaFloat`), `n` its value.
 */
export type Constant = undefined | boolean | number | bigint | string | { readonly n: number };

export class Proto implements GCObject {
  /**
   * Collector header (src/value/collectable.ts). A new prototype belongs
   * to no state (FIXED: never marked, never swept); it joins the heap of
   * the state a chunk is loaded into (`joinHeap`, src/object/objects.ts).
   */
  marked = FIXED;
  gcnext: GCObject | undefined = undefined;
  gcsize = 0;
  /** The 32-bit instructions. */
  code: Uint32Array = new Uint32Array(0);
  /**
   * Read from a binary chunk (undump.ts), not compiled here: its code is
   * only as consistent as the bytes were, and lua runs such code unchecked.
   */
  binary = false;
  /** K: the constants. */
  constants: Constant[] = [];
  /** Prototypes of the functions defined inside this one. */
  protos: Proto[] = [];
  /**
   * How each upvalue of a closure of this prototype is found when the closure is created
   * (CLOSURE reads them).
   */
  upvalues: UpvalueDesc[] = [];
  /** Number of fixed parameters. */
  numparams = 0;
  /** True for `...` functions (and every main chunk). */
  isVararg = false;
  /** Number of registers this function needs. */
  maxstacksize = 2;
  /** Chunk name as given to load (`@file.lua`, `=stdin`, the source text...). */
  source: string | undefined = undefined;
  /** Line where the function is defined (0 for a main chunk). */
  linedefined = 0;
  /** Line of the `end` that closes it (0 for a main chunk). */
  lastlinedefined = 0;
  /**
   * Per-instruction line deltas as PUC-Rio stores them (signed bytes; the
   * value -0x80 means "see abslineinfo").
   */
  lineinfo: Int8Array = new Int8Array(0);
  /** Absolute line anchors: pairs of (pc, line): instruction `pc` is on source line `line`. */
  abslineinfo: { pc: number; line: number }[] = [];
  /** Local variables, for debug information and error messages. */
  locvars: LocalVarInfo[] = [];

  /**
   * Decoded line of every instruction (same length as `code`); filled by
   * {@link Proto.decodeLines} after the compiler or the chunk reader has set
   * `lineinfo`/`abslineinfo`. Empty when the chunk was stripped.
   */
  lines: Int32Array = new Int32Array(0);

  /** Rebuild `lines` from `lineinfo` and `abslineinfo` (luaG_getfuncline). */
  decodeLines(): void {
    const n = this.lineinfo.length;
    const lines = new Int32Array(n);
    let line = this.linedefined;
    let abs = 0;
    for (let pc = 0; pc < n; pc++) {
      const delta = this.lineinfo[pc];
      if (delta === -0x80) {
        // an absolute anchor must exist for this pc
        while (abs < this.abslineinfo.length && this.abslineinfo[abs].pc < pc) abs++;
        line = this.abslineinfo[abs].line;
      } else {
        line += delta;
      }
      lines[pc] = line;
    }
    this.lines = lines;
  }

  /** Line of instruction `pc`, or -1 when there is no line information. */
  lineAt(pc: number): number {
    return pc >= 0 && pc < this.lines.length ? this.lines[pc] : -1;
  }

  /**
   * Name of the `n`-th (1-based) local variable active at `pc`, as
   * `luaF_getlocalname` finds it; used by error messages and the debug library.
   */
  localName(n: number, pc: number): string | undefined {
    for (let i = 0; i < this.locvars.length && this.locvars[i].startpc <= pc; i++) {
      if (pc < this.locvars[i].endpc) {
        n--;
        if (n === 0) return this.locvars[i].name;
      }
    }
    return undefined;
  }
}
