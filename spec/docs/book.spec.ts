/**
 * The book's reading order (no manual section: the documentation itself,
 * issue 15). Every guide page of scripts/book.mjs exists, carries its title
 * and its previous/next links as the script writes them, and typedoc.json
 * puts the pages in the site in that order.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

test.run();
