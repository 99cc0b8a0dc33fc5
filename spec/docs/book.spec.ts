/**
 * The book's reading order (no manual section: the documentation itself,
 * issue 15). Every guide page of scripts/book.mjs exists, carries its title
 * and its previous/next links as the script writes them, and typedoc.json
 * puts the pages in the site in that order. Every chapter ends with its
 * notebooks and exercises, each notebook and exercise links back to its
 * chapter, and each belongs to exactly one chapter.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');

test('guide pages, titles, previous/next links and typedoc order are up to date', () => {
  const r = spawnSync(process.execPath, ['scripts/book.mjs', '--check'], { cwd: root, encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
});

test('the contents page lists every chapter of the book', async () => {
  const script = '../../scripts/book.mjs';   // a plain .mjs: typed here
  const { BOOK } = (await import(script)) as { BOOK: [string, string][] };
  const contents = readFileSync(resolve(root, 'docs/index.md'), 'utf8');
  for (const [file] of BOOK.slice(1)) assert.ok(contents.includes(`](${file})`), `docs/index.md does not link ${file}`);
});

test('every notebook and every exercise belongs to exactly one chapter', async () => {
  const script = '../../scripts/book.mjs';
  const { WORK } = (await import(script)) as { WORK: Record<string, { notebooks: string[]; exercises: string[] }> };
  const owners = (kind: 'notebooks' | 'exercises', num: string) =>
    Object.keys(WORK).filter((f) => WORK[f][kind].includes(num));
  const nbs = readdirSync(resolve(root, 'notebooks')).filter((f) => /^\d\d-.*\.md$/.test(f));
  const exs = readdirSync(resolve(root, 'exercises')).filter((d) => /^\d\d-/.test(d));
  for (const f of nbs) assert.is(owners('notebooks', f.slice(0, 2)).length, 1, `notebooks/${f}`);
  for (const d of exs) assert.is(owners('exercises', d.slice(0, 2)).length, 1, `exercises/${d}`);
});

test.run();
