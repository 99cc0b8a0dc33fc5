/**
 * # `T.testC`: a little stack language over lua.h
 *
 * Responsibility: the interpreter of the scripts PUC-Rio's test suite
 * hands to `T.testC` and `T.makeCfunc` ("pushnum 1; pushnum 2; call 1 1;
 * return *"): each instruction is one lua.h operation on the stack window
 * of a native, so api.lua checks lucid's `src/api` layer with PUC-Rio's
 * own tests. This module reads the script (words, numbers, indices) and
 * keeps the window; `testc-commands.ts` holds one handler per instruction.
 *
 * The script language: instructions separated by spaces, commas,
 * semicolons or newlines, `#` to the end of a line is a comment. An
 * argument is a number (`-2`), `*` (the number of values in the window),
 * `.` (pop an integer), a string (a word or a quoted `"..."`/`'...'`), or
 * an index: a number, `R` (the registry) or `U n` (upvalue n of the
 * running C closure).
 *
 * Manual: §4 (the API the scripts exercise). PUC-Rio counterpart: the
 * test library `ltests.c` (runC, testC, makeCfunc, getnum, getindex),
 * which exists only in test builds; like there, `T` is off by default.
 *
 * Two drivers run a script: {@link runCGen} inside a generator native
 * (`T.testC`, `T.makeCfunc` and `pushcclosure` closures), where the call
 * requests of the instructions go to the machine and may yield, and
 * {@link runC} inside a plain native (scripts on another thread or state,
 * hooks, panics), where they are made at once.
 *
 * Invariant: every instruction goes through `src/api` (lua.ts, capi.ts,
 * auxlib.ts); this module never touches the machine below it. The window
 * of the script is `L1.stack` from `base` to `L1.top`, the same slots a
 * native's arguments and results live in; before a call request goes out
 * the native's frame top is moved to `L1.top`, so the call lands above it.
 *
 * Read next: `src/lib/testc-entry.ts` (T.testC and its closures),
 * `src/lib/testc-commands.ts` (the instructions),
 * `src/api/capi.ts` (pseudo-indices, status codes), `src/lib/testlib.ts`.
 */
import {
  valueAt, settop, absindex, tostring, tointeger, typeName, closeToBeClosed, REGISTRYINDEX, Status,
  native, call, pcallh, yieldValues, marknativetop, LuaError, type LuaThread, type Value, type CallRequest,
} from '../api/lua.ts';
import { registryTable } from '../api/debug.ts';
import { luaError, argError } from '../api/auxlib.ts';
import { COMMANDS } from './testc-commands.ts';

/** Where the interpreter reads the script: its text and the position of the next word. */
export class Script {
  /** Where the reader is: the index in `text` of the next character to read. */
  pos = 0;
  /** @param text The script, as `T.testC` received it. */
  constructor(readonly text: string) {}

  /** Skip delimiters and `#` comments. */
  skip(): void {
    const s = this.text;
    for (;;) {
      const c = s[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === ',' || c === ';') this.pos++;
      else if (c === '#') { while (this.pos < s.length && s[this.pos] !== '\n') this.pos++; }
      else return;
    }
  }

  /** The next character after the delimiters (consumed), for `arith`'s operator. */
  char(): string {
    this.skip();
    return this.text[this.pos++] ?? '';
  }
}

/** The running script: whose stack it works on, where its window starts, its closure's upvalues. */
export interface CFrame {
  /** The thread that called `T.testC` (script errors are raised there). */
  readonly L: LuaThread;
  /** The thread whose stack the script works on (another thread or state's with `T.testC(x, s)`). */
  readonly L1: LuaThread;
  /** Stack index 1 of the window is `L1.stack[base]`. */
  readonly base: number;
  /** The upvalues of the running C closure (`U n`). */
  readonly upvalues: Value[];
  /** The script being run (a continuation replaces it). */
  script: Script;
  /** The status of the last pcall or resume (`pushstatus`). */
  status: Status;
  /** What `threadstatus` reports while a panic script runs (the error that caused the panic). */
  panicStatus?: Status;
  /** Window indices marked by `toclose`, in order. */
  readonly tbc: number[];
  /** Running in a generator native: calls go to the machine and may yield. */
  gen?: boolean;
  /** Where the values a `resume` left on each thread start (what lua_gettop of that thread counts). */
  resumed?: Map<LuaThread, number>;
  /** While a `pcall`/`pcallk` request is out: its message handler (the request is protected). */
  protect?: {
    /** The message handler of the protected request (nil for none). */
    msgh: Value;
  };
}

/** The registry field where `T.alloccount` keeps the allocations still allowed (absent: no count). */
export const ALLOCCOUNT = '_ALLOCCOUNT';

/** May the script grow `L1`'s stack by `n` slots? Not when `T.alloccount` allows no more allocations and growing needs one. */
export function mayGrowStack(f: CFrame, n: number): boolean {
  const count = f.L.global.registry.get(ALLOCCOUNT);
  return count === undefined || Number(count) > 0 || f.L1.top + n <= f.L1.stack.length;
}

/** A new frame for `script` on `L1`'s window from `base`. */
export function newFrame(L: LuaThread, L1: LuaThread, base: number, text: string, upvalues: Value[] = []): CFrame {
  return { L, L1, base, upvalues, script: new Script(text), status: Status.OK, tbc: [] };
}

/** The status names `pushstatus` and `threadstatus` push (PUC-Rio's statcodes, memory as its message). */
export const STATUS_NAMES = ['OK', 'YIELD', 'ERRRUN', 'ERRSYNTAX', 'not enough memory', 'ERRGCMM', 'ERRERR'];

// ---- reading arguments ------------------------------------------------------

/** The next word of the script (a quoted string without its quotes); '' at the end. */
export function word(f: CFrame): string {
  const sc = f.script, s = sc.text;
  sc.skip();
  const q = s[sc.pos];
  if (q === '"' || q === "'") {
    const end = s.indexOf(q, sc.pos + 1);
    if (end < 0) luaError(f.L, 'unfinished string in C script');
    const w = s.slice(sc.pos + 1, end);
    sc.pos = end + 1;
    return w;
  }
  const start = sc.pos;
  while (sc.pos < s.length && !' \t\n,;'.includes(s[sc.pos])) sc.pos++;
  return s.slice(start, sc.pos);
}

/** The next numeric argument: digits with an optional `-`, `*` (gettop) or `.` (pop an integer). */
export function num(f: CFrame): number {
  const sc = f.script, s = sc.text;
  sc.skip();
  const c = s[sc.pos];
  if (c === '.') {
    sc.pos++;
    const v = Number(tointeger(get(f, -1)) ?? 0);
    settop(f.L1, f.base, -2);
    return v;
  }
  if (c === '*') { sc.pos++; return gettop(f); }
  let sign = 1;
  if (c === '-') { sign = -1; sc.pos++; }
  const m = /^[0-9]+/.exec(s.slice(sc.pos));
  if (m === null) luaError(f.L, `number expected (${s.slice(sc.pos)})`);
  sc.pos += m[0].length;
  return sign * Number(m[0]);
}

/** The next index argument: `R`, `U n` or a number. */
export function index(f: CFrame): number {
  const sc = f.script;
  sc.skip();
  const c = sc.text[sc.pos];
  if (c === 'R') { sc.pos++; return REGISTRYINDEX; }
  if (c === 'G') luaError(f.L, "deprecated index 'G'");
  if (c === 'U') { sc.pos++; return REGISTRYINDEX - num(f); }
  return num(f);
}

// ---- the window ---------------------------------------------------------------

/** `lua_gettop` of the script's window. */
export function gettop(f: CFrame): number {
  return f.L1.top - f.base;
}

/** Is `idx` an acceptable index that holds a value (not "none")? */
export function isValid(f: CFrame, idx: number): boolean {
  if (idx === REGISTRYINDEX) return true;
  if (idx < REGISTRYINDEX) return REGISTRYINDEX - idx <= f.upvalues.length;
  const a = absindex(f.L1, f.base, idx);
  return a >= 1 && a <= gettop(f);
}

/** The value at `idx` (a stack index or a pseudo-index); none reads as nil. */
export function get(f: CFrame, idx: number): Value {
  if (idx === REGISTRYINDEX) return registryTable(f.L1);
  if (idx < REGISTRYINDEX) return f.upvalues[REGISTRYINDEX - idx - 1];
  return valueAt(f.L1, f.base, idx);
}

/** Store `v` at `idx` (lua_replace / lua_copy's target). */
export function put(f: CFrame, idx: number, v: Value): void {
  if (idx < REGISTRYINDEX) { f.upvalues[REGISTRYINDEX - idx - 1] = v; return; }
  if (idx === REGISTRYINDEX) luaError(f.L, 'cannot replace the registry');
  f.L1.stack[f.base + absindex(f.L1, f.base, idx) - 1] = v;
}

/** Pop the top value. */
export function pop(f: CFrame): Value {
  const v = get(f, -1);
  settop(f.L1, f.base, -2);
  return v;
}

/** Pop the top `n` values, in stack order. */
export function popValues(f: CFrame, n: number): Value[] {
  const L1 = f.L1;
  const vs = L1.stack.slice(L1.top - n, L1.top);
  settop(L1, f.base, -n - 1);
  return vs;
}

/** Push `values` adjusted to `nres` (-1: all of them), as lua_call leaves results. */
export function pushResults(f: CFrame, values: Value[], nres: number): void {
  const n = nres < 0 ? values.length : nres;
  for (let i = 0; i < n; i++) f.L1.push(values[i]);
}

/** `luaL_checkstring` on the window: a string (numbers convert), else "bad argument". */
export function checkString(f: CFrame, idx: number): string {
  const s = tostring(get(f, idx));
  if (s !== undefined) return s;
  const msg = `string expected, got ${isValid(f, idx) ? typeName(get(f, idx)) : 'no value'}`;
  if (f.L1 === f.L) argError(f.L, idx, msg);
  luaError(f.L1, `bad argument #${idx} (${msg})`);
}

// ---- running a script -----------------------------------------------------------

/**
 * What an instruction that calls or yields is: a generator that yields
 * call requests (`[f, ...args]`, or `[YIELD_REQUEST, ...values]`) and
 * returns like any handler (undefined, or how many values to return).
 */
export type Step = Generator<CallRequest, number | undefined, Value[]>;

/** The request a `yield` instruction makes: suspend the coroutine with these values (lua_yield). */
export const YIELD_REQUEST = native('yield', (L, base, nargs) => yieldValues(L, L.stack.slice(base, base + nargs)));

/**
 * Run the script of `f` to its end or its `return n` inside a plain
 * native: a call request of an instruction runs at once (a protected one
 * with its handler), and `yield` suspends the coroutine with the native's
 * results being the values of the next resume (lua_yield without a
 * continuation). Returns how many values the native returns.
 */
export function runC(f: CFrame): number {
  return closing(f, () => {
    const it = interpret(f);
    let step = it.next();
    for (;;) {
      if (step.done) return step.value;
      let results: Value[];
      try {
        results = callNow(f, step.value);
      } catch (e) {
        step = it.throw(e);
        continue;
      }
      step = it.next(results);
    }
  });
}

function callNow(f: CFrame, req: CallRequest): Value[] {
  const [fn, ...args] = req;
  if (fn === YIELD_REQUEST) yieldValues(f.L1, args);
  if (f.protect === undefined) return call(f.L1, fn, args);
  const r = pcallh(f.L1, fn, args, f.protect.msgh);
  if (r.status !== Status.OK) throw new LuaError(r.values[0]);
  return r.values;
}

/**
 * The same inside a generator native (`T.testC` called from Lua): each
 * call request goes to the machine as the native's own call, above its
 * window, so the callee may yield; after a yield the instruction that
 * asked for a continuation (`callk`, `pcallk`, `yieldk`) runs its
 * continuation script when the call completes.
 */
export function* runCGen(f: CFrame): Generator<CallRequest, number, Value[]> {
  const it = interpret(f);
  let failure: unknown;
  try {
    let step = it.next();
    for (;;) {
      if (step.done) return finish(f, step.value);
      const top = f.L1.top;
      marknativetop(f.L1);
      let results: Value[];
      try {
        results = yield step.value;
      } catch (e) {
        f.L1.top = top;
        step = it.throw(e);
        continue;
      }
      f.L1.top = top;
      step = it.next(results);
    }
  } catch (e) {
    failure = e;
  }
  throw closeOnError(f, failure);
}

/** Run `body`, closing the marked slots when it ends (normally or by an error). */
function closing(f: CFrame, body: () => number): number {
  let n: number;
  try {
    n = body();
  } catch (e) {
    throw closeOnError(f, e);
  }
  return finish(f, n);
}

function closeOnError(f: CFrame, e: unknown): unknown {
  return f.tbc.length > 0 ? closeToBeClosed(f.L1, f.tbc.splice(0).map((i) => get(f, i)).reverse(), e) : e;
}

/** After `return n`: close the marked slots, keeping the `n` results on top. */
function finish(f: CFrame, n: number): number {
  if (f.tbc.length > 0) {
    // the results stay above the closed variables' slots: close, then put them back on top
    const marked = f.tbc.splice(0).map((i) => get(f, i)).reverse();
    const results = popValues(f, Math.min(n, gettop(f)));
    const err = closeToBeClosed(f.L1, marked, undefined);
    if (err !== undefined) throw err;
    for (const v of results) f.L1.push(v);
  }
  return n;
}

function* interpret(f: CFrame): Generator<CallRequest, number, Value[]> {
  for (;;) {
    const inst = word(f);
    if (inst === '') return 0;
    const command = COMMANDS.get(inst);
    if (command === undefined) luaError(f.L, `unknown instruction ${inst}`);
    let r = command(f);
    if (typeof r === 'object') r = yield* r;
    if (r !== undefined) return r;
  }
}

/**
 * Close the to-be-closed slots at window index `from` and above, the last
 * marked first, with no error (lua_settop and lua_pop do so before they
 * drop the slots); an error of a `__close` propagates.
 */
export function closeSlotsFrom(f: CFrame, from: number): void {
  const slots = f.tbc.filter((i) => i >= from);
  if (slots.length === 0) return;
  f.tbc.splice(0, f.tbc.length, ...f.tbc.filter((i) => i < from));
  const err = closeToBeClosed(f.L1, slots.reverse().map((i) => get(f, i)), undefined);
  if (err !== undefined) throw err;
}

/** `return n` from a script on another thread or state: its values cross as strings (booleans stay). */
export function returnAcross(f: CFrame, n: number): number {
  for (let i = n; i >= 1; i--) {
    const v = get(f, -i);
    f.L.push(typeof v === 'boolean' ? v : tostring(v));
  }
  return n;
}
