/**
 * # The notebook kernel
 *
 * Responsibility: run one cell of a notebook the way the checks and the
 * generated Jupyter notebooks do: a ```lua cell is run by lucid (its
 * printed output), listed (its bytecode, as `lucidc -l` prints it) or run
 * with a collector log attached (the phases it went through); a ```js cell
 * is JavaScript that drives lucid through its embedding API (`lucid` is
 * `src/index.ts`, `print` appends a line to the output).
 *
 * Manual: none (tooling). PUC-Rio counterpart: none.
 *
 * Invariant: a cell runs in a fresh LuaState, so cells do not depend on one
 * another and their stored outputs can be checked in any order. The
 * testing library `T` is installed in every state (as `LUCID_TESTLIB=1`
 * does), so the collector chapters can show colours and states.
 *
 * Read next: spec/notebooks/notebooks.spec.ts (the checks),
 * notebooks/ipynb.ts (the Jupyter files), notebooks/README.md.
 */
import * as lucid from '../src/index.ts';
import { LuaState } from '../src/index.ts';
import { parse } from '../src/parser/index.ts';
import { compile } from '../src/compiler/index.ts';
import { listing } from '../src/bytecode/listing.ts';

export type CellKind = 'output' | 'listing' | 'gclog' | 'gcsteps';

export interface Cell {
  /** `lua` or `js`: the language of the code. */
  lang: 'lua' | 'js';
  code: string;
  kind: CellKind;
  expected: string;
  /** Line of the code cell in the Markdown file (1-based). */
  line: number;
}

const KINDS = new Set(['output', 'listing', 'gclog']);

/** Pairs of a code cell and the result block after it. */
export function cells(text: string): Cell[] {
  const blocks = [...text.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)];
  const out: Cell[] = [];
  for (let i = 0; i + 1 < blocks.length; i++) {
    const [a, b] = [blocks[i], blocks[i + 1]];
    if ((a[1] === 'lua' || a[1] === 'js') && KINDS.has(b[1])) {
      out.push({
        lang: a[1], code: a[2], kind: b[1] as CellKind, expected: b[2],
        line: text.slice(0, a.index).split('\n').length,
      });
    }
  }
  return out;
}

/** A fresh state with `T` installed; its printed text is collected. */
function withTestlib<R>(make: () => R): R {
  const saved = process.env.LUCID_TESTLIB;
  process.env.LUCID_TESTLIB = '1';
  try { return make(); } finally {
    if (saved === undefined) delete process.env.LUCID_TESTLIB; else process.env.LUCID_TESTLIB = saved;
  }
}

/** What a Lua cell prints (an uncaught error is printed as lua.c would). */
export function runLua(code: string): string {
  let printed = '';
  const L = withTestlib(() => new LuaState({ write: (s) => { printed += s; } }));
  try {
    L.doString(code, '=notebook');
  } catch (e) {
    printed += `lua: ${e instanceof lucid.LuaError ? String(e.value) : String(e)}\n`;
  }
  // Lua writes bytes (one character per byte); the notebook shows them as UTF-8 text
  return Buffer.from(printed, 'latin1').toString('utf8');
}

/** The cell's main function as `lucidc -l` lists it. */
export function listLua(code: string): string {
  return listing(compile(parse(code, '=notebook')), false).replace(/^\n/, '');
}

/** The phases the collector logged while the cell ran, one per line. */
export function gclogLua(code: string): string {
  const phases: string[] = [];
  const L = withTestlib(() => new LuaState({ write: () => {}, gcLog: (line) => phases.push(line.split(/\s+/)[1]) }));
  L.doString(code, '=notebook');
  return phases.map((p) => p + '\n').join('');
}

/** What a JavaScript cell prints through `print`. */
export function runJs(code: string): string {
  let printed = '';
  const print = (...xs: unknown[]) => { printed += xs.map(String).join('\t') + '\n'; };
  new Function('lucid', 'print', code)(lucid, print);
  return printed;
}

/** The result of a cell, as its stored block should read. */
export function evaluate(cell: Pick<Cell, 'lang' | 'code' | 'kind'>): string {
  if (cell.lang === 'js') return runJs(cell.code);
  switch (cell.kind) {
    case 'listing': return listLua(cell.code);
    case 'gclog': return gclogLua(cell.code);
    default: return runLua(cell.code);
  }
}
