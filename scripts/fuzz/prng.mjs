/**
 * A small seeded pseudo-random generator for the fuzzer: the same seed gives
 * the same programs on every machine and every Node release, which is what
 * lets `npm test` run a fixed-seed sample and compare it with recorded
 * outputs. (Math.random cannot be seeded; fast-check's streams depend on its
 * version.)
 *
 * The core is sfc32 (Chris Doty-Humphrey's "small fast counting" generator,
 * 128 bits of state, public domain), seeded through splitmix32 so that
 * neighbouring seeds give unrelated streams.
 *
 * Read next: generate.mjs, which draws every choice from a Rng.
 */

function splitmix32(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class Rng {
  /** @param {number} seed any integer (only its low 32 bits matter) */
  constructor(seed) {
    const mix = splitmix32(seed);
    this.a = mix(); this.b = mix(); this.c = mix(); this.d = mix();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** The next 32 random bits, as an unsigned integer. */
  u32() {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** An integer in [0, n). */
  int(n) { return n <= 1 ? 0 : this.u32() % n; }

  /** An integer in [lo, hi]. */
  range(lo, hi) { return lo + this.int(hi - lo + 1); }

  /** True with probability p. */
  chance(p) { return this.u32() < p * 4294967296; }

  /** One element of a non-empty array. */
  pick(arr) { return arr[this.int(arr.length)]; }

  /**
   * One of several choices by weight: `choices` is a list of
   * [weight, value] pairs; returns the chosen value.
   */
  weighted(choices) {
    let total = 0;
    for (const [w] of choices) total += w;
    let r = this.int(total);
    for (const [w, v] of choices) {
      if (r < w) return v;
      r -= w;
    }
    return choices[choices.length - 1][1];
  }

  /** A new generator whose stream depends only on this one's next draw. */
  fork() { return new Rng(this.u32()); }
}
