/**
 * The book's diagrams (no manual section: the documentation itself, issue
 * 15): docs/images/ holds what scripts/diagrams.mjs draws, and every
 * diagram is shown by some guide page.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');

test('the diagrams are up to date with scripts/diagrams.mjs', () => {
  const r = spawnSync(process.execPath, ['scripts/diagrams.mjs', '--check'], { cwd: root, encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
});

test('every diagram appears in a guide page', () => {
  const pages = readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md'))
    .map((f) => readFileSync(join(root, 'docs', f), 'utf8')).join('\n');
  for (const svg of readdirSync(join(root, 'docs/images')).filter((f) => f.endsWith('.svg'))) {
    assert.ok(pages.includes(`](images/${svg})`), `no page shows docs/images/${svg}`);
  }
});

test.run();
