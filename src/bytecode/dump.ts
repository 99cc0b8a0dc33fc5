/**
 * # Writing binary chunks
 *
 * Responsibility: the bytes of a Lua 5.4 binary chunk for a prototype tree,
 * byte for byte what `luac5.4` writes for the same prototypes, with or
 * without debug information (`strip`).
 *
 * Manual: §6.4 (`string.dump (function [, strip])`), `luac(1)` (`-o`, `-s`).
 *
 * PUC-Rio counterpart: `ldump.c` (`luaU_dump` and its `dump*` helpers).
 *
 * Invariants:
 * - `undump(dump(p))` gives back `p` (with the debug information removed
 *   when stripping), and `dump(undump(bytes))` gives back `bytes` for any
 *   chunk luac wrote.
 * - A nested function whose source equals its parent's is written without
 *   one; a stripped chunk carries no source, lines, locals or upvalue names.
 *
 * Read next: `undump.ts` (the reader and the header constants).
 */

import type { Constant, Proto } from './proto.ts';
import {
  ConstantTag, LUAC_DATA, LUAC_FORMAT, LUAC_INT, LUAC_NUM, LUAC_VERSION, LUA_SIGNATURE,
  MAX_SHORT_STRING,
} from './undump.ts';

/** A growable byte buffer. */
class ChunkWriter {
  private buf = new Uint8Array(256);
  private len = 0;
  private readonly scratch = new DataView(new ArrayBuffer(8));

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const bigger = new Uint8Array(size);
    bigger.set(this.buf.subarray(0, this.len));
    this.buf = bigger;
  }

  byte(b: number): void {
    this.reserve(1);
    this.buf[this.len++] = b & 0xff;
  }

  /** Characters of a byte string, one byte each. */
  chars(s: string): void {
    this.reserve(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.len++] = s.charCodeAt(i) & 0xff;
  }

  /** PUC-Rio's varint: 7-bit groups, most significant first, last byte has bit 7 set. */
  size(x: number): void {
    const groups: number[] = [];
    do {
      groups.push(x % 128);
      x = Math.floor(x / 128);
    } while (x !== 0);
    groups[0] |= 0x80;
    for (let i = groups.length - 1; i >= 0; i--) this.byte(groups[i]);
  }

  private scratchBytes(n: number): void {
    for (let i = 0; i < n; i++) this.byte(this.scratch.getUint8(i));
  }

  integer(i: bigint): void {
    this.scratch.setBigInt64(0, i, true);
    this.scratchBytes(8);
  }

  number(x: number): void {
    this.scratch.setFloat64(0, x, true);
    this.scratchBytes(8);
  }

  uint32(w: number): void {
    this.scratch.setUint32(0, w, true);
    this.scratchBytes(4);
  }

  /** A string that may be absent: length + 1, then the bytes; 0 for none. */
  string(s: string | undefined): void {
    if (s === undefined) {
      this.size(0);
      return;
    }
    this.size(s.length + 1);
    this.chars(s);
  }

  bytes(): Uint8Array { return this.buf.slice(0, this.len); }
}

function writeHeader(w: ChunkWriter): void {
  w.chars(LUA_SIGNATURE);
  w.byte(LUAC_VERSION);
  w.byte(LUAC_FORMAT);
  w.chars(LUAC_DATA);
  w.byte(4); // sizeof(Instruction)
  w.byte(8); // sizeof(lua_Integer)
  w.byte(8); // sizeof(lua_Number)
  w.integer(LUAC_INT);
  w.number(LUAC_NUM);
}

function writeConstant(w: ChunkWriter, k: Constant): void {
  if (k === undefined) w.byte(ConstantTag.NIL);
  else if (k === false) w.byte(ConstantTag.FALSE);
  else if (k === true) w.byte(ConstantTag.TRUE);
  else if (typeof k === 'string') {
    w.byte(k.length <= MAX_SHORT_STRING ? ConstantTag.SHORT_STRING : ConstantTag.LONG_STRING);
    w.string(k);
  } else if (typeof k === 'bigint') {
    w.byte(ConstantTag.INTEGER);
    w.integer(k);
  } else if (typeof k === 'number' && Number.isSafeInteger(k)) {
    w.byte(ConstantTag.INTEGER);
    w.integer(BigInt(k));
  } else {
    w.byte(ConstantTag.FLOAT);
    w.number(typeof k === 'number' ? k : k.n);
  }
}

function writeDebug(w: ChunkWriter, f: Proto, strip: boolean): void {
  const lineinfo = strip ? new Int8Array(0) : f.lineinfo;
  w.size(lineinfo.length);
  for (const delta of lineinfo) w.byte(delta);
  const abs = strip ? [] : f.abslineinfo;
  w.size(abs.length);
  for (const { pc, line } of abs) {
    w.size(pc);
    w.size(line);
  }
  const locvars = strip ? [] : f.locvars;
  w.size(locvars.length);
  for (const v of locvars) {
    w.string(v.name);
    w.size(v.startpc);
    w.size(v.endpc);
  }
  // Upvalue names: luac writes one per upvalue, absent names included.
  const upvalues = strip ? [] : f.upvalues;
  w.size(upvalues.length);
  for (const u of upvalues) w.string(u.name);
}

function writeFunction(w: ChunkWriter, f: Proto, parentSource: string | undefined, strip: boolean): void {
  w.string(strip || f.source === parentSource ? undefined : f.source);
  w.size(f.linedefined);
  w.size(f.lastlinedefined);
  w.byte(f.numparams);
  w.byte(f.isVararg ? 1 : 0);
  w.byte(f.maxstacksize);
  w.size(f.code.length);
  for (const instruction of f.code) w.uint32(instruction);
  w.size(f.constants.length);
  for (const k of f.constants) writeConstant(w, k);
  w.size(f.upvalues.length);
  for (const u of f.upvalues) {
    w.byte(u.instack ? 1 : 0);
    w.byte(u.index);
    w.byte(u.kind);
  }
  w.size(f.protos.length);
  for (const p of f.protos) writeFunction(w, p, f.source, strip);
  writeDebug(w, f, strip);
}

/**
 * The binary chunk of `main`. `strip` leaves out the debug information
 * (source, line numbers, local and upvalue names), as `luac -s` and
 * `string.dump(f, true)` do.
 */
export function dump(main: Proto, strip = false): Uint8Array {
  const w = new ChunkWriter();
  writeHeader(w);
  w.byte(main.upvalues.length);
  writeFunction(w, main, undefined, strip);
  return w.bytes();
}

/** The chunk as a byte string (what `string.dump` returns to Lua). */
export function dumpToString(main: Proto, strip = false): string {
  const bytes = dump(main, strip);
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    s += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + 8192)));
  }
  return s;
}
