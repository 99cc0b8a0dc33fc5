/**
 * # math.random: the xoshiro256** generator
 *
 * Responsibility: the pseudo-random generator behind `math.random` and
 * `math.randomseed`, bit for bit the one of PUC-Rio 5.4, so that a seeded
 * program draws the same numbers in lucid as in `lua`.
 *
 * Manual: §6.7 (`math.random`, `math.randomseed`).
 *
 * PUC-Rio counterpart: `nextrand`, `I2d`, `project`, `setseed`,
 * `math_random` and `math_randomseed` in lmathlib.c (5.4.8; 5.4.4 gives
 * the same draws: the specs record its output).
 *
 * Invariants:
 * - The 256-bit state is eight uint32 words, high word first for each of
 *   the four 64-bit lanes; all 64-bit arithmetic is done on int32 pairs
 *   (docs/performance.md R7), as PUC-Rio's own fallback for machines without a
 *   64-bit type does, so no BigInt is built for the common draws.
 * - Every call to `random`, `integer` or `range` advances the state at
 *   least once, before any argument check, as `math_random` does.
 * - Floats take the top 53 bits; ranges use rejection sampling on the
 *   smallest 2^b-1 mask (PUC-Rio's `project`), so results are unbiased.
 *
 * Read next: `date.ts` (os.date, the other host-dependent core).
 */

import { LibError } from './lib-error.ts';
import { mkfloat, type LuaFloat } from '../value/float.ts';
import { normint } from '../value/number.ts';

/** 2^-53: scales the top 53 bits of a draw into [0, 1). */
const TWO_POW_MINUS_53 = 1 / 9007199254740992;

/**
 * The state of one xoshiro256** generator (four 64-bit words kept as 32-bit halves): one per
 * Lua state, so `math.randomseed` in one state does not change another's sequence.
 */
export class RandomState {
  /** The high and low words of the last 64-bit draw (no allocation per draw). */
  private drawHigh = 0;
  private drawLow = 0;
  /** Lanes s0..s3, each as [high, low]. */
  private readonly s = new Uint32Array(8);

  constructor() {
    this.seed(0n, 0n);
  }

  /**
   * `math.randomseed(n1, n2)`: s0 = n1, s1 = 0xff (never an all-zero
   * state), s2 = n2, s3 = 0, then 16 draws discarded to spread the seed.
   */
  seed(n1: bigint, n2: bigint): void {
    const s = this.s;
    const u1 = BigInt.asUintN(64, n1);
    const u2 = BigInt.asUintN(64, n2);
    s[0] = Number(u1 >> 32n); s[1] = Number(u1 & 0xffffffffn);
    s[2] = 0; s[3] = 0xff;
    s[4] = Number(u2 >> 32n); s[5] = Number(u2 & 0xffffffffn);
    s[6] = 0; s[7] = 0;
    for (let i = 0; i < 16; i++) this.next();
  }

  /**
   * `math.randomseed()` without arguments: a seed from the clock and from
   * the host's own generator (PUC-Rio uses the time and an address).
   * Returns the two seeds, which `math.randomseed` returns.
   */
  seedRandomly(): [bigint, bigint] {
    const n1 = BigInt(Math.floor(Date.now() / 1000));
    const n2 = BigInt(Math.floor(Math.random() * 2 ** 32)) << 16n;
    this.seed(n1, n2);
    return [n1, n2];
  }

  /** One xoshiro256** step; the result is left in this.drawHigh/this.drawLow. */
  private next(): void {
    const s = this.s;
    // result = rotl(s1 * 5, 7) * 9, where x * 5 = (x << 2) + x and
    // x * 9 = (x << 3) + x; a low word smaller than an addend is a carry.
    const h1 = s[2]!;
    const l1 = s[3]!;
    let shiftedLow = (l1 << 2) >>> 0;
    let shiftedHigh = ((h1 << 2) | (l1 >>> 30)) >>> 0;
    const l5 = (shiftedLow + l1) >>> 0;
    const h5 = (shiftedHigh + h1 + (l5 < shiftedLow ? 1 : 0)) >>> 0;
    const rh = ((h5 << 7) | (l5 >>> 25)) >>> 0;
    const rl = ((l5 << 7) | (h5 >>> 25)) >>> 0;
    shiftedLow = (rl << 3) >>> 0;
    shiftedHigh = ((rh << 3) | (rl >>> 29)) >>> 0;
    this.drawLow = (shiftedLow + rl) >>> 0;
    this.drawHigh = (shiftedHigh + rh + (this.drawLow < shiftedLow ? 1 : 0)) >>> 0;
    // t = s1 << 17
    const th = ((s[2]! << 17) | (s[3]! >>> 15)) >>> 0;
    const tl = (s[3]! << 17) >>> 0;
    s[4]! ^= s[0]!; s[5]! ^= s[1]!; // s2 ^= s0
    s[6]! ^= s[2]!; s[7]! ^= s[3]!; // s3 ^= s1
    s[2]! ^= s[4]!; s[3]! ^= s[5]!; // s1 ^= s2
    s[0]! ^= s[6]!; s[1]! ^= s[7]!; // s0 ^= s3
    s[4]! ^= th; s[5]! ^= tl;       // s2 ^= t
    // s3 = rotl(s3, 45) = rotr(s3, 19)
    const h3 = s[6]!;
    const l3 = s[7]!;
    s[6] = ((l3 << 13) | (h3 >>> 19)) >>> 0;
    s[7] = ((h3 << 13) | (l3 >>> 19)) >>> 0;
  }

  /** `math.random()`: a float in [0, 1) from the top 53 bits. */
  random(): number | LuaFloat {
    this.next();
    return mkfloat((this.drawHigh * 2097152 + (this.drawLow >>> 11)) * TWO_POW_MINUS_53);
  }

  /** `math.random(0)`: all 64 bits as an integer. */
  integer(): number | bigint {
    this.next();
    return normint(BigInt.asIntN(64, (BigInt(this.drawHigh) << 32n) | BigInt(this.drawLow)));
  }

  /**
   * `math.random(m, n)` (and `math.random(n)` as `range(1, n)`): an
   * integer in [low, up]; "interval is empty" (argument 1) when low > up.
   */
  range(low: number | bigint, up: number | bigint): number | bigint {
    this.next();
    if (low > up) throw new LibError('interval is empty', 1);
    if (typeof low === 'number' && typeof up === 'number' && up - low < 0x100000000) {
      return low + this.project32(up - low);
    }
    const n = BigInt.asUintN(64, BigInt(up) - BigInt(low));
    return normint(BigInt.asIntN(64, BigInt(low) + this.project64(n)));
  }

  /** `project` for n < 2^32: only the low word of each draw matters. */
  private project32(n: number): number {
    let ran = this.drawLow;
    if ((n & (n + 1)) === 0 && n !== 0xffffffff) return (ran & n) >>> 0;
    if (n === 0xffffffff) return ran;
    let lim = n;
    lim |= lim >>> 1; lim |= lim >>> 2; lim |= lim >>> 4; lim |= lim >>> 8; lim |= lim >>> 16;
    while ((ran = (ran & lim) >>> 0) > n) {
      this.next();
      ran = this.drawLow;
    }
    return ran;
  }

  /** `project` on full 64-bit unsigned values. */
  private project64(n: bigint): bigint {
    let ran = (BigInt(this.drawHigh) << 32n) | BigInt(this.drawLow);
    if ((n & (n + 1n)) === 0n) return ran & n;
    let lim = n;
    for (const shift of [1n, 2n, 4n, 8n, 16n, 32n]) lim |= lim >> shift;
    while ((ran &= lim) > n) {
      this.next();
      ran = (BigInt(this.drawHigh) << 32n) | BigInt(this.drawLow);
    }
    return ran;
  }
}
