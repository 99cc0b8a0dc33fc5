/**
 * # String buffers
 *
 * Responsibility: building a result string piece by piece, as lauxlib's
 * luaL_Buffer does for `table.concat` and friends. JS engines append to a
 * string without copying it (the result is a rope, flattened once when it
 * is read), so the buffer is a string grown with `+=`: measured faster
 * than collecting the pieces and joining them.
 *
 * Manual: §5.1 (luaL_Buffer). PUC-Rio counterpart: `lauxlib.c`
 * (luaL_buffinit, luaL_addlstring, luaL_addvalue, luaL_pushresult).
 *
 * Invariant: `length` is the length of the string `result()` returns.
 * A result too large for a JS string becomes Lua's "not enough memory"
 * (the VM turns the RangeError into it), as a failed allocation does.
 * A buffer given its thread checks the state's memory limit as it grows
 * (every 64 KB: `reserve` in gc.ts), so a huge `table.concat` fails
 * before the JS engine holds it.
 *
 * Memory: a rope costs a cons cell (about 32 bytes) per piece, more than
 * the pieces themselves when they are short; `result()` flattens a rope
 * of many pieces (one copy, the one reading it would make anyway), so a
 * stored result costs its length.
 *
 * ```ts
 * const b = new StringBuffer();
 * for (const w of words) { if (b.length > 0) b.add(', '); b.add(w); }
 * L.push(b.result());
 * ```
 *
 * Read next: `auxlib.ts`, `src/lib/table.ts` (concat).
 */
import { LuaFloat, number2string, type Value } from '../value/index.ts';
import type { LuaThread } from '../object/objects.ts';
import { reserve } from './gc.ts';

/** Growth between two checks of the memory limit. */
const RESERVE_STEP = 1 << 16;

/**
 * A byte string built piece by piece (PUC-Rio's luaL_Buffer): libraries append with `add`,
 * `addChar` and `addValue`, then take the result once, instead of concatenating JS strings all
 * over their code.
 */
export class StringBuffer {
  private text = '';
  private pieces = 0;
  /** Length at which the memory limit is checked next. */
  private nextCheck = RESERVE_STEP;

  /** A buffer; with `L`, it checks `L`'s memory limit as it grows. */
  constructor(private readonly L?: LuaThread) {}

  /** Bytes added so far. */
  get length(): number { return this.text.length; }

  /** `luaL_addlstring` / `luaL_addstring`. */
  add(s: string): void {
    this.text += s;
    this.pieces++;
    if (this.text.length >= this.nextCheck && this.L !== undefined) {
      reserve(this.L, this.text.length);
      this.nextCheck = this.text.length + RESERVE_STEP;
    }
  }

  /** `luaL_addchar`: one byte (0–255). */
  addChar(c: number): void {
    this.add(String.fromCharCode(c));
  }

  /**
   * `luaL_addvalue` for a value already known to be a string or a number
   * (numbers as `tostring` writes them); false, adding nothing, for any
   * other value, so that the caller raises its own error.
   */
  addValue(v: Value): boolean {
    if (typeof v === 'string') { this.add(v); return true; }
    if (typeof v === 'number' || typeof v === 'bigint' || v instanceof LuaFloat) { this.add(number2string(v)); return true; }
    return false;
  }

  /** `luaL_pushresult` without the push: the string built. */
  result(): string {
    // reading a character makes V8 flatten the rope in place
    if (this.pieces > 16) void this.text.charCodeAt(0);
    return this.text;
  }
}
