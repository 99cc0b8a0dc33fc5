/**
 * # Expression descriptors
 *
 * Responsibility: the compiler's description of an expression whose code is
 * not (fully) generated yet. Deferring code is what lets the compiler choose
 * the best instruction once it knows how the value is used: `t.x` can become
 * GETFIELD into any register, or the target of SETFIELD; `a < b` can be a
 * jump, or a boolean in a register.
 *
 * Manual: §3.4 (expressions). PUC-Rio counterpart: `expdesc` and `expkind`
 * in lparser.h.
 *
 * Invariant: `t` and `f` are the heads of the lists of jumps to patch when
 * the expression is true or false (`NO_JUMP` when empty); an expression
 * "has jumps" when they differ.
 *
 * Read next: `funcstate.ts` (the code generator that reads and rewrites
 * descriptors).
 */

/** End of a jump list (a jump to itself). */
export const NO_JUMP = -1;

/** What an expression is, before or after code was generated for it. */
export const enum ExpKind {
  /** No value (an empty expression list). */
  VVOID,
  /** The constant nil, not yet loaded anywhere. */
  VNIL,
  /** The constant true, not yet loaded anywhere. */
  VTRUE,
  /** The constant false, not yet loaded anywhere. */
  VFALSE,
  /** A constant in K; `info` is its index. */
  VK,
  /** A float constant; `nval`. */
  VKFLT,
  /** An integer constant; `ival`. */
  VKINT,
  /** A string constant; `strval`. */
  VKSTR,
  /** A value in a fixed register; `info`. */
  VNONRELOC,
  /** A local variable; `ridx` its register, `vidx` its index among actives. */
  VLOCAL,
  /** An upvalue; `info` its index. */
  VUPVAL,
  /** A compile-time constant `<const>`; `info` the variable's absolute index. */
  VCONST,
  /** `R[indT][R[indIdx]]` */
  VINDEXED,
  /** `Upvalue[indT][K[indIdx]]` (a short-string key) */
  VINDEXUP,
  /** `R[indT][indIdx]` with a small integer key */
  VINDEXI,
  /** `R[indT][K[indIdx]]` with a short-string key */
  VINDEXSTR,
  /** A test or comparison; `info` is the pc of its jump. */
  VJMP,
  /** A value computed by the instruction at `info`, whose A is still free. */
  VRELOC,
  /** A call; `info` is the pc of the CALL. */
  VCALL,
  /** `...`; `info` is the pc of the VARARG. */
  VVARARG,
}

/**
 * One expression whose code is not fully generated yet (PUC-Rio's `expdesc`). Which fields
 * mean something depends on `k`; the code generator rewrites a descriptor in place as it emits
 * code for it.
 */
export class ExpDesc {
  /** The kind of expression, which says what the other fields hold. */
  k: ExpKind = ExpKind.VVOID;
  /**
   * The general-purpose field: a register, a constant or upvalue index, or the pc of an
   * instruction, depending on `k`.
   */
  info = 0;
  /** The value of an integer constant (VKINT). */
  ival: number | bigint = 0;
  /** The value of a float constant (VKFLT). */
  nval = 0;
  /** The bytes of a string constant (VKSTR). */
  strval = '';
  /** Indexed expressions: the register (or upvalue, VINDEXUP) holding the table. */
  indT = 0;
  /**
   * Indexed expressions: the key, as a register, a constant index or a small integer depending
   * on `k`.
   */
  indIdx = 0;
  /** A local variable's register (VLOCAL). */
  ridx = 0;
  /**
   * A local variable's index among the active variables of its function (VLOCAL), for its
   * name and attributes.
   */
  vidx = 0;
  /** Head of the jump list to patch when the expression is true ("exit when true"). */
  t = NO_JUMP;
  /** Head of the jump list to patch when the expression is false ("exit when false"). */
  f = NO_JUMP;

  /** Reset to kind `k` with `info`, and no jumps (init_exp). */
  init(k: ExpKind, info: number): this {
    this.k = k;
    this.info = info;
    this.t = this.f = NO_JUMP;
    return this;
  }

  /** Copy every field of `o` (C's struct assignment). */
  copy(o: ExpDesc): this {
    this.k = o.k; this.info = o.info; this.ival = o.ival; this.nval = o.nval;
    this.strval = o.strval; this.indT = o.indT; this.indIdx = o.indIdx;
    this.ridx = o.ridx; this.vidx = o.vidx; this.t = o.t; this.f = o.f;
    return this;
  }

  /**
   * True when the expression has pending jumps: its value depends on tests, and it must be
   * turned into a value with LFALSESKIP/LOADTRUE when stored.
   */
  hasJumps(): boolean {
    return this.t !== this.f;
  }

  /** A call or `...`: an expression with an open number of results. */
  hasMultRet(): boolean {
    return this.k === ExpKind.VCALL || this.k === ExpKind.VVARARG;
  }
}
