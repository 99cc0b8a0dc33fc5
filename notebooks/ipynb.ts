/**
 * # Notebooks for Jupyter and VS Code
 *
 * Responsibility: turn each Markdown notebook of notebooks/ into an
 * `.ipynb` next to it — prose as Markdown cells, each code cell as a
 * TypeScript cell of the tslab kernel that calls the kernel of
 * notebooks/kernel.ts, and each stored result block as that cell's stored
 * output — so that the chapters open in Jupyter or VS Code with their
 * outputs shown, and run again there. The Markdown file is the source; the
 * `.ipynb` is generated and spec/notebooks/ipynb.spec.ts fails when it is
 * out of date.
 *
 *     npx tsx notebooks/ipynb.ts          # write every .ipynb
 *     npx tsx notebooks/ipynb.ts --fill   # first fill empty result blocks
 *
 * `--fill` runs each cell whose result block is empty and writes what lucid
 * printed into it: check it against `lua5.4` before committing.
 *
 * Manual: none (tooling). PUC-Rio counterpart: none.
 *
 * Invariant: the output is a pure function of the Markdown text (no
 * timestamps, no execution counts), so regenerating is idempotent.
 *
 * Read next: notebooks/kernel.ts, notebooks/README.md.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cells, evaluate } from './kernel.ts';

export const dir = import.meta.dirname;

/** The Markdown notebooks, in reading order. */
export function notebookFiles(): string[] {
  return fs.readdirSync(dir).filter((f) => /^\d\d-.*\.md$/.test(f)).sort();
}

const SETUP = [
  '// Run this cell first: the helpers every other cell calls.',
  "import { runLua, listLua, gclogLua, runJs } from './kernel.ts';",
  'const lua = (code: string) => process.stdout.write(runLua(code));',
  'const listing = (code: string) => process.stdout.write(listLua(code));',
  'const gclog = (code: string) => process.stdout.write(gclogLua(code));',
  'const js = (code: string) => process.stdout.write(runJs(code));',
].join('\n');

type NbCell = Record<string, unknown>;

function lines(s: string): string[] {
  const parts = s.split('\n');
  return parts.map((l, i) => (i < parts.length - 1 ? l + '\n' : l)).filter((l) => l !== '');
}

function quote(code: string): string {
  return /[`\\]|\$\{/.test(code) ? JSON.stringify(code) : '`' + code + '`';
}

/** The .ipynb text of one Markdown notebook. */
export function toIpynb(markdown: string): string {
  const blocks = [...markdown.matchAll(/^```(\w+)\n([\s\S]*?)^```$\n?/gm)];
  const out: NbCell[] = [{ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: lines(SETUP) }];
  let prose = '';
  let at = 0;
  const flushProse = () => {
    if (prose.trim()) out.push({ cell_type: 'markdown', metadata: {}, source: lines(prose.trim()) });
    prose = '';
  };
  for (let i = 0; i < blocks.length; i++) {
    const a = blocks[i];
    prose += markdown.slice(at, a.index);
    at = a.index! + a[0].length;
    const b = blocks[i + 1];
    const isCode = (a[1] === 'lua' || a[1] === 'js') && b && ['output', 'listing', 'gclog'].includes(b[1]);
    if (!isCode) { prose += a[0]; continue; }
    flushProse();
    const fn = a[1] === 'js' ? 'js' : b[1] === 'output' ? 'lua' : b[1];
    out.push({
      cell_type: 'code', execution_count: null, metadata: {},
      outputs: b[2] ? [{ name: 'stdout', output_type: 'stream', text: lines(b[2]) }] : [],
      source: lines(`${fn}(${quote(a[2])});`),
    });
    prose += markdown.slice(at, b.index);
    at = b.index! + b[0].length;
    i++;
  }
  prose += markdown.slice(at);
  flushProse();
  const nb = {
    cells: out,
    metadata: {
      kernelspec: { display_name: 'TypeScript', language: 'typescript', name: 'tslab' },
      language_info: { name: 'typescript', file_extension: '.ts', mimetype: 'text/typescript' },
    },
    nbformat: 4, nbformat_minor: 5,
  };
  return JSON.stringify(nb, null, 1) + '\n';
}

/** Fill the empty result blocks of a Markdown notebook with what lucid prints. */
export function fill(markdown: string): string {
  const found = cells(markdown).filter((c) => c.expected === '');
  let text = markdown;
  for (const c of found.reverse()) {
    const start = text.split('\n').slice(0, c.line - 1).join('\n').length + 1;
    const codeBlock = '```' + c.lang + '\n' + c.code + '```\n';
    const i = text.indexOf(codeBlock, start - 1);
    const resultStart = text.indexOf('```' + c.kind + '\n', i + codeBlock.length);
    const pos = resultStart + 4 + c.kind.length;
    let result: string;
    try { result = evaluate(c); } catch (e) { result = `ERROR ${String(e)}\n`; }
    text = text.slice(0, pos) + result + text.slice(pos);
  }
  return text;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  for (const f of notebookFiles().filter((n) => !only.length || only.some((o) => n.startsWith(o)))) {
    const p = path.join(dir, f);
    if (process.argv.includes('--fill')) fs.writeFileSync(p, fill(fs.readFileSync(p, 'utf8')));
    fs.writeFileSync(p.replace(/\.md$/, '.ipynb'), toIpynb(fs.readFileSync(p, 'utf8')));
  }
}
