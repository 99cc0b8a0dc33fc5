/**
 * # string.pack, string.unpack, string.packsize
 *
 * Responsibility: converting between Lua values and their binary layout
 * as C would store them: integers of 1 to 16 bytes in either byte order,
 * floats and doubles, fixed-size, length-prefixed and zero-terminated
 * strings, with C-style alignment.
 *
 * Manual: §6.4.2 (format strings for pack and unpack), §6.4 (the three
 * functions).
 *
 * PUC-Rio counterpart: `getoption`, `getdetails`, `packint`, `unpackint`,
 * `str_pack`, `str_packsize` and `str_unpack` in lstrlib.c.
 *
 * `pack` reads the values it packs with the checks of src/api/auxlib.ts
 * as the format reaches them; the format's own errors (and those of
 * `unpack` and `packsize`, which receive checked values) are `LibError`s,
 * which the string library turns into Lua errors (src/lib/guard.ts).
 *
 * Invariants:
 * - The "native" machine is PUC-Rio's on x86-64 Linux: little-endian,
 *   `int` 4 bytes, `short` 2, `long`, `size_t`, `lua_Integer` and
 *   `lua_Number` 8, maximum alignment (`!` without a size) 8.
 * - Integers are int64 bigints while packed and unpacked; results are
 *   returned as lucid integers (number when safe) and floats via `mkfloat`.
 * - Alignment pads up to `min(size, maxalign)` counted from the start of
 *   the packed string (for unpack: of the data string).
 *
 * Read next: `format.ts` (the text counterpart), `utf8-core.ts`.
 */

import { LibError } from './lib-error.ts';
import type { LuaThread } from '../api/lua.ts';
import { checkInteger, checkNumber, checkString, checkCString } from '../api/auxlib.ts';
import { mkfloat } from '../value/float.ts';
import { normint, tofloat } from '../value/number.ts';
import type { LuaValue } from '../value/types.ts';
import { startPosition } from './pattern/functions.ts';

/** Largest integer size, in bytes. */
const MAXINTSIZE = 16;
/** Size of lua_Integer. */
const SZINT = 8;
/** The alignment of the most demanding C type (PUC-Rio's `struct cD`). */
const NATIVE_MAXALIGN = 8;
/** PUC-Rio's MAXSIZE for these functions (INT_MAX). */
const MAXSIZE = 0x7fffffff;

/** What one format option asks for (PUC-Rio's KOption). */
const enum Kind { Int, Uint, Float, Number, Double, Char, String, Zstr, Padding, PadAlign, Nop }

/** The parsing state of a format string. */
interface Header {
  fmt: string;
  /** Index of the next option in `fmt`. */
  at: number;
  little: boolean;
  maxalign: number;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** An optional decimal size after an option; `df` when absent. */
function readNumber(h: Header, df: number): number {
  if (!isDigit(h.fmt[h.at])) return df;
  let a = 0;
  do {
    a = a * 10 + Number(h.fmt[h.at++]);
  } while (isDigit(h.fmt[h.at]) && a <= (MAXSIZE - 9) / 10);
  return a;
}

function readSizeLimit(h: Header, df: number): number {
  const size = readNumber(h, df);
  if (size > MAXINTSIZE || size <= 0) {
    throw new LibError(`integral size (${size}) out of limits [1,${MAXINTSIZE}]`);
  }
  return size;
}

/** Read one option: its kind and its size in bytes. */
function readOption(h: Header): { kind: Kind; size: number } {
  const opt = h.fmt[h.at++]!;
  switch (opt) {
    case 'b': return { kind: Kind.Int, size: 1 };
    case 'B': return { kind: Kind.Uint, size: 1 };
    case 'h': return { kind: Kind.Int, size: 2 };
    case 'H': return { kind: Kind.Uint, size: 2 };
    case 'l': case 'j': return { kind: Kind.Int, size: 8 };
    case 'L': case 'J': case 'T': return { kind: Kind.Uint, size: 8 };
    case 'f': return { kind: Kind.Float, size: 4 };
    case 'n': return { kind: Kind.Number, size: 8 };
    case 'd': return { kind: Kind.Double, size: 8 };
    case 'i': return { kind: Kind.Int, size: readSizeLimit(h, 4) };
    case 'I': return { kind: Kind.Uint, size: readSizeLimit(h, 4) };
    case 's': return { kind: Kind.String, size: readSizeLimit(h, 8) };
    case 'c': {
      const size = readNumber(h, -1);
      if (size === -1) throw new LibError("missing size for format option 'c'");
      return { kind: Kind.Char, size };
    }
    case 'z': return { kind: Kind.Zstr, size: 0 };
    case 'x': return { kind: Kind.Padding, size: 1 };
    case 'X': return { kind: Kind.PadAlign, size: 0 };
    case ' ': break;
    case '<': h.little = true; break;
    case '>': h.little = false; break;
    case '=': h.little = true; break;
    case '!': h.maxalign = readSizeLimit(h, NATIVE_MAXALIGN); break;
    default: throw new LibError(`invalid format option '${opt}'`);
  }
  return { kind: Kind.Nop, size: 0 };
}

/**
 * Read one option and work out the padding that aligns it at `offset`.
 * `X` takes its alignment from the option after it, which it consumes.
 */
function readDetails(h: Header, offset: number): { kind: Kind; size: number; padding: number } {
  const { kind, size } = readOption(h);
  let align = size;
  if (kind === Kind.PadAlign) {
    const next = h.at < h.fmt.length ? readOption(h) : undefined;
    if (next === undefined || next.kind === Kind.Char || next.size === 0) {
      throw new LibError("invalid next option for option 'X'", 1);
    }
    align = next.size;
  }
  if (align <= 1 || kind === Kind.Char) return { kind, size, padding: 0 };
  if (align > h.maxalign) align = h.maxalign;
  if ((align & (align - 1)) !== 0) throw new LibError('format asks for alignment not power of 2', 1);
  return { kind, size, padding: (align - (offset & (align - 1))) & (align - 1) };
}

function newHeader(fmt: string): Header {
  return { fmt, at: 0, little: true, maxalign: 1 };
}

/** `size` bytes of the two's complement of `n`, sign-extended past 8. */
function packInt(n: bigint, little: boolean, size: number): string {
  const bytes: number[] = [];
  let u = BigInt.asUintN(64, n);
  for (let i = 0; i < size; i++) {
    bytes.push(i < SZINT ? Number(u & 0xffn) : n < 0n ? 0xff : 0);
    u >>= 8n;
  }
  if (!little) bytes.reverse();
  return String.fromCharCode(...bytes);
}

/** The bytes of a float (4) or double (8) in the requested order. */
function packFloat(x: number, size: number, little: boolean): string {
  const view = new DataView(new ArrayBuffer(size));
  if (size === 4) view.setFloat32(0, x, little);
  else view.setFloat64(0, x, little);
  let out = '';
  for (let i = 0; i < size; i++) out += String.fromCharCode(view.getUint8(i));
  return out;
}

/**
 * `string.pack(fmt, v1, ...)` for the native's arguments: the format is
 * argument 1, the values follow.
 */
export function pack(L: LuaThread, base: number, nargs: number): string {
  const fmt = checkCString(L, base, nargs, 1);   // the format is walked as a C string: a NUL ends it
  // PUC-Rio pushes a nil right after the arguments: the first missing one
  // is reported as "got nil", not "got no value".
  L.push(undefined);
  const count = nargs + 1;
  const int64 = (n: number) => BigInt(checkInteger(L, base, count, n));
  const h = newHeader(fmt);
  let out = '';
  let arg = -1;   // the value the option packs, counted from 0 (Lua argument arg + 2)
  while (h.at < fmt.length) {
    const { kind, size, padding } = readDetails(h, out.length);
    out += '\0'.repeat(padding);
    arg++;
    switch (kind) {
      case Kind.Int: {
        const n = int64(arg + 2);
        if (size < SZINT) {
          const lim = 1n << BigInt(size * 8 - 1);
          if (!(-lim <= n && n < lim)) throw new LibError('integer overflow', arg + 2);
        }
        out += packInt(n, h.little, size);
        break;
      }
      case Kind.Uint: {
        const n = int64(arg + 2);
        if (size < SZINT && BigInt.asUintN(64, n) >= 1n << BigInt(size * 8)) {
          throw new LibError('unsigned overflow', arg + 2);
        }
        out += packInt(BigInt.asUintN(64, n), h.little, size);
        break;
      }
      case Kind.Float:
      case Kind.Number:
      case Kind.Double:
        out += packFloat(tofloat(checkNumber(L, base, count, arg + 2)), size, h.little);
        break;
      case Kind.Char: {
        const s = checkString(L, base, count, arg + 2);
        if (s.length > size) throw new LibError('string longer than given size', arg + 2);
        out += s + '\0'.repeat(size - s.length);
        break;
      }
      case Kind.String: {
        const s = checkString(L, base, count, arg + 2);
        if (size < SZINT && BigInt(s.length) >= 1n << BigInt(size * 8)) {
          throw new LibError('string length does not fit in given size', arg + 2);
        }
        out += packInt(BigInt(s.length), h.little, size) + s;
        break;
      }
      case Kind.Zstr: {
        const s = checkString(L, base, count, arg + 2);
        if (s.includes('\0')) throw new LibError('string contains zeros', arg + 2);
        out += s + '\0';
        break;
      }
      case Kind.Padding:
        out += '\0';
        arg--;
        break;
      default:
        arg--;
    }
  }
  return out;
}

/** `string.packsize(fmt)`: the size of a fixed-size layout. */
export function packsize(fmt: string): number {
  const h = newHeader(fmt);
  let total = 0;
  while (h.at < fmt.length) {
    const { kind, size, padding } = readDetails(h, total);
    if (kind === Kind.String || kind === Kind.Zstr) throw new LibError('variable-length format', 1);
    if (total > MAXSIZE - (size + padding)) throw new LibError('format result too large', 1);
    total += size + padding;
  }
  return total;
}

/** Read a `size`-byte integer at `pos`, checking bytes beyond the 8th. */
function unpackInt(data: string, pos: number, little: boolean, size: number, signed: boolean): bigint {
  const byte = (i: number) => data.charCodeAt(pos + (little ? i : size - 1 - i));
  const limit = Math.min(size, SZINT);
  let res = 0n;
  for (let i = limit - 1; i >= 0; i--) res = (res << 8n) | BigInt(byte(i));
  if (size < SZINT) {
    return signed ? BigInt.asIntN(size * 8, res) : res;
  }
  const value = BigInt.asIntN(64, res);
  // Bytes past the 8th must only extend the sign of what fits.
  const fill = signed && value < 0n ? 0xff : 0;
  for (let i = limit; i < size; i++) {
    if (byte(i) !== fill) throw new LibError(`${size}-byte integer does not fit into Lua Integer`);
  }
  return value;
}

function unpackFloat(data: string, pos: number, size: number, little: boolean): number {
  const view = new DataView(new ArrayBuffer(size));
  for (let i = 0; i < size; i++) view.setUint8(i, data.charCodeAt(pos + i));
  return size === 4 ? view.getFloat32(0, little) : view.getFloat64(0, little);
}

/**
 * `string.unpack(fmt, data, init)`: the values read, followed by the
 * position after the last byte read.
 */
export function unpack(fmt: string, data: string, init: number | bigint = 1): LuaValue[] {
  let pos = startPosition(init, data.length) - 1;
  if (pos > data.length) throw new LibError('initial position out of string', 3);
  const h = newHeader(fmt);
  const results: LuaValue[] = [];
  while (h.at < fmt.length) {
    const { kind, size, padding } = readDetails(h, pos);
    if (padding + size > data.length - pos) throw new LibError('data string too short', 2);
    pos += padding;
    switch (kind) {
      case Kind.Int:
      case Kind.Uint:
        results.push(normint(unpackInt(data, pos, h.little, size, kind === Kind.Int)));
        break;
      case Kind.Float:
      case Kind.Number:
      case Kind.Double:
        results.push(mkfloat(unpackFloat(data, pos, size, h.little)));
        break;
      case Kind.Char:
        results.push(data.slice(pos, pos + size));
        break;
      case Kind.String: {
        const len = BigInt.asUintN(64, unpackInt(data, pos, h.little, size, false));
        if (len > BigInt(data.length - pos - size)) throw new LibError('data string too short', 2);
        results.push(data.slice(pos + size, pos + size + Number(len)));
        pos += Number(len);
        break;
      }
      case Kind.Zstr: {
        const end = data.indexOf('\0', pos);
        if (end === -1) throw new LibError("unfinished string for format 'z'", 2);
        results.push(data.slice(pos, end));
        pos = end + 1;
        break;
      }
    }
    pos += size;
  }
  results.push(pos + 1);
  return results;
}
