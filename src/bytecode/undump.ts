/**
 * # Reading binary chunks
 *
 * Responsibility: turning the bytes of a Lua 5.4 binary chunk (what
 * `luac5.4 -o`, `string.dump` and `lucidc -o` write) back into a tree of
 * {@link bytecode/proto!Proto} objects, refusing anything that is not a well-formed chunk
 * with the messages PUC-Rio's loader gives.
 *
 * Manual: §4.7 (`load` accepts binary chunks with mode "b"), `luac(1)`.
 *
 * PUC-Rio counterpart: `lundump.c` (`luaU_undump` and its `load*` helpers).
 * The layout is described field by field in `docs/bytecode.md`; `dump.ts` is
 * the exact inverse.
 *
 * Invariants:
 * - The reader never looks past the end of its input: every read goes
 *   through `ChunkReader.byte` or `ChunkReader.block`, which
 *   raise "truncated chunk".
 * - Constants come out canonical (docs/design.md §2): integers are numbers when
 *   safe, bigints otherwise; floats go through `mkfloat`; strings are byte
 *   strings (one char code per byte).
 * - A nested function with no source of its own shares its parent's.
 *
 * Read next: `dump.ts` (the writer), `listing.ts` (prints what was read).
 */

import { mkfloat } from '../value/float.ts';
import { Proto, type Constant } from './proto.ts';

/** The chunk signature: ESC followed by "Lua". */
export const LUA_SIGNATURE = '\x1bLua';
/** Version byte: major * 16 + minor. */
export const LUAC_VERSION = 0x54;
/** 0 is the official format. */
export const LUAC_FORMAT = 0;
/** Bytes that catch text-mode conversions (CR/LF mangling, ^Z, high bit). */
export const LUAC_DATA = '\x19\x93\r\n\x1a\n';
/** An integer whose bytes reveal the byte order and the integer size. */
export const LUAC_INT = 0x5678n;
/** A float whose bytes reveal the float format. */
export const LUAC_NUM = 370.5;

/**
 * Type tags of constants, as `lobject.h` makes them (type | variant << 4).
 *
 * @property NIL - nil: no payload follows.
 * @property FALSE - false (boolean variant 0): no payload.
 * @property TRUE - true (boolean variant 1): no payload.
 * @property INTEGER - An integer: 8 bytes follow.
 * @property FLOAT - A float: 8 bytes of IEEE double follow.
 * @property SHORT_STRING - A string of at most 40 bytes (interned by PUC-Rio): size, then bytes.
 * @property LONG_STRING - A longer string: same layout, a different tag only.
 */
export const enum ConstantTag {
  NIL = 0x00,
  FALSE = 0x01,
  TRUE = 0x11,
  INTEGER = 0x03,
  FLOAT = 0x13,
  SHORT_STRING = 0x04,
  LONG_STRING = 0x14,
}

/** Longest string PUC-Rio interns as a "short string" (LUAI_MAXSHORTLEN). */
export const MAX_SHORT_STRING = 40;

/**
 * A malformed binary chunk. `message` is exactly what `load` returns
 * (`name: bad binary format (why)`); the VM turns it into a Lua error value.
 */
export class BinaryChunkError extends Error {
  /** The error's class name, so a host can tell a bad binary chunk from other exceptions in logs. */
  override name = 'BinaryChunkError';
}

/** The name PUC-Rio puts in front of undump errors for a chunk name. */
export function chunkErrorName(chunkname: string): string {
  const first = chunkname.charAt(0);
  if (first === '@' || first === '=') return chunkname.slice(1);
  if (first === LUA_SIGNATURE[0]) return 'binary string';
  return chunkname;
}

/** INT_MAX >> 7 and SIZE_MAX >> 7: the overflow thresholds of the varint reader. */
const INT_MAX_SHIFTED = 0x7fffffff >>> 7;
const SIZE_MAX_SHIFTED = 2 ** 57;

/** A cursor over the chunk's bytes; every read checks the bounds. */
class ChunkReader {
  private pos = 0;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array, private readonly name: string) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  fail(why: string): never {
    throw new BinaryChunkError(`${this.name}: bad binary format (${why})`);
  }

  byte(): number {
    if (this.pos >= this.bytes.length) this.fail('truncated chunk');
    return this.bytes[this.pos++];
  }

  /** Reserve `n` bytes and return where they start. */
  block(n: number): number {
    if (n > this.bytes.length - this.pos) this.fail('truncated chunk');
    const at = this.pos;
    this.pos += n;
    return at;
  }

  /**
   * A size in PUC-Rio's varint: 7 bits per byte, most significant group
   * first, the last byte marked by its high bit. Reading stops with
   * "integer overflow" once the value so far reaches `threshold`, the
   * field's maximum shifted right by 7 (as lundump.c checks it).
   */
  unsigned(threshold: number): number {
    let x = 0;
    for (;;) {
      const b = this.byte();
      if (x >= threshold) this.fail('integer overflow');
      x = x * 128 + (b & 0x7f);
      if (b & 0x80) return x;
    }
  }

  /** A count: at most INT_MAX. */
  int(): number { return this.unsigned(INT_MAX_SHIFTED); }
  /** A string length: at most SIZE_MAX (2^64 - 1; 2^57 is its shift, rounded to a double). */
  size(): number { return this.unsigned(SIZE_MAX_SHIFTED); }

  integer(): bigint { return this.view.getBigInt64(this.block(8), true); }
  number(): number { return this.view.getFloat64(this.block(8), true); }

  /** The next `n` bytes, as a view into the input. */
  raw(n: number): Uint8Array {
    const at = this.block(n);
    return this.bytes.subarray(at, at + n);
  }

  /** A byte string of `n` bytes, built in slices to spare the call stack. */
  chars(n: number): string {
    const at = this.block(n);
    let s = '';
    for (let i = 0; i < n; i += 8192) {
      const end = Math.min(n, i + 8192);
      s += String.fromCharCode.apply(null, Array.from(this.bytes.subarray(at + i, at + end)));
    }
    return s;
  }

  /** A string that may be absent (size 0 means "no string"). */
  stringOrNone(): string | undefined {
    const size = this.size();
    return size === 0 ? undefined : this.chars(size - 1);
  }

  literal(text: string, why: string): void {
    const at = this.block(text.length);
    for (let i = 0; i < text.length; i++) {
      if (this.bytes[at + i] !== text.charCodeAt(i)) this.fail(why);
    }
  }

}

/** Check the header that identifies the chunk and the machine that wrote it. */
function readHeader(r: ChunkReader): void {
  r.literal(LUA_SIGNATURE, 'not a binary chunk');
  if (r.byte() !== LUAC_VERSION) r.fail('version mismatch');
  if (r.byte() !== LUAC_FORMAT) r.fail('format mismatch');
  r.literal(LUAC_DATA, 'corrupted chunk');
  if (r.byte() !== 4) r.fail('Instruction size mismatch');
  if (r.byte() !== 8) r.fail('lua_Integer size mismatch');
  if (r.byte() !== 8) r.fail('lua_Number size mismatch');
  if (r.integer() !== LUAC_INT) r.fail('integer format mismatch');
  if (r.number() !== LUAC_NUM) r.fail('float format mismatch');
}

function canonicalInteger(i: bigint): number | bigint {
  const n = Number(i);
  return Number.isSafeInteger(n) ? n : i;
}

function readConstants(r: ChunkReader, f: Proto): void {
  const n = r.int();
  const k: Constant[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const tag = r.byte();
    switch (tag) {
      case ConstantTag.NIL: k[i] = undefined; break;
      case ConstantTag.FALSE: k[i] = false; break;
      case ConstantTag.TRUE: k[i] = true; break;
      case ConstantTag.FLOAT: k[i] = mkfloat(r.number()); break;
      case ConstantTag.INTEGER: k[i] = canonicalInteger(r.integer()); break;
      case ConstantTag.SHORT_STRING:
      case ConstantTag.LONG_STRING: {
        const s = r.stringOrNone();
        if (s === undefined) r.fail('bad format for constant string');
        k[i] = s;
        break;
      }
      // PUC-Rio only asserts here; an unknown tag leaves the slot nil and
      // reads nothing more for it. lucid does the same so both accept the
      // same (odd) inputs.
      default: k[i] = undefined;
    }
  }
  f.constants = k;
}

function readDebug(r: ChunkReader, f: Proto): void {
  const nlines = r.int();
  // The deltas are signed bytes; an Int8Array reinterprets them as such.
  f.lineinfo = new Int8Array(r.raw(nlines));
  const nabs = r.int();
  f.abslineinfo = [];
  for (let i = 0; i < nabs; i++) {
    const pc = r.int();
    const line = r.int();
    f.abslineinfo.push({ pc, line });
  }
  const nloc = r.int();
  f.locvars = [];
  for (let i = 0; i < nloc; i++) {
    // A stripped local keeps an absent name; luac prints it as "(null)".
    const name = r.stringOrNone() ?? '(null)';
    const startpc = r.int();
    const endpc = r.int();
    f.locvars.push({ name, startpc, endpc });
  }
  // Upvalue names are all present or all absent.
  const nnames = r.int() === 0 ? 0 : f.upvalues.length;
  for (let i = 0; i < nnames; i++) f.upvalues[i].name = r.stringOrNone();
}

function readFunction(r: ChunkReader, parentSource: string | undefined): Proto {
  const f = new Proto();
  f.binary = true;
  f.source = r.stringOrNone() ?? parentSource;
  f.linedefined = r.int();
  f.lastlinedefined = r.int();
  f.numparams = r.byte();
  f.isVararg = r.byte() !== 0;
  f.maxstacksize = r.byte();
  const ncode = r.int();
  // Instructions are little-endian 32-bit words (luac writes them in the
  // byte order of its machine; lucid, like every common platform, assumes LE).
  const bytes = r.raw(ncode * 4);
  f.code = new Uint32Array(ncode);
  for (let pc = 0, o = 0; pc < ncode; pc++, o += 4) {
    f.code[pc] = (bytes[o] | bytes[o + 1] << 8 | bytes[o + 2] << 16 | bytes[o + 3] << 24) >>> 0;
  }
  readConstants(r, f);
  const nup = r.int();
  f.upvalues = [];
  for (let i = 0; i < nup; i++) {
    const instack = r.byte() !== 0;
    const index = r.byte();
    const kind = r.byte();
    f.upvalues.push({ name: undefined, instack, index, kind });
  }
  const nprotos = r.int();
  f.protos = [];
  for (let i = 0; i < nprotos; i++) f.protos.push(readFunction(r, f.source));
  readDebug(r, f);
  f.decodeLines();
  return f;
}

/** Turn a byte string (char codes 0–255) or a byte array into bytes. */
export function toBytes(chunk: Uint8Array | string): Uint8Array {
  if (typeof chunk !== 'string') return chunk;
  const bytes = new Uint8Array(chunk.length);
  for (let i = 0; i < chunk.length; i++) bytes[i] = chunk.charCodeAt(i);
  return bytes;
}

/**
 * Load a binary chunk. `chunkname` is the name given to `load` (used only
 * in error messages, as PUC-Rio does). Returns the main prototype and the
 * number of upvalues its closure must be created with.
 */
export function undump(chunk: Uint8Array | string, chunkname: string): { proto: Proto; nupvalues: number } {
  const r = new ChunkReader(toBytes(chunk), chunkErrorName(chunkname));
  readHeader(r);
  const nupvalues = r.byte();
  const proto = readFunction(r, undefined);
  return { proto, nupvalues };
}
