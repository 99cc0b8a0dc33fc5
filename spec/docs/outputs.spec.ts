/**
 * The outputs the guide shows are lucid's real outputs (no manual section:
 * the documentation itself, issue 15). In a page of docs/,
 *
 *     <!-- file: NAME -->        the next code block is the file NAME
 *     <!-- output: CMD ARGS -->  the next code block is what CMD printed
 *
 * where CMD is `lucid` or `lucidc` (bin/CMD.mjs), run in a scratch folder
 * holding the page's files. A change to the compiler or the trace that
 * changes a page's output fails here: regenerate the block and reread the
 * prose around it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const MARK = /<!-- (file|output): ([^>]*?) -->\n```[a-z]*\n([\s\S]*?)```/g;

for (const page of readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md'))) {
  const text = readFileSync(join(root, 'docs', page), 'utf8');
  const marks = [...text.matchAll(MARK)];
  if (marks.length === 0) continue;
  test(`docs/${page}: every output shown is what lucid prints`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'lucid-doc-'));
    for (const [, kind, what, block] of marks) {
      if (kind === 'file') { writeFileSync(join(dir, what), block); continue; }
      const [cmd, ...args] = what.split(' ');
      assert.ok(cmd === 'lucid' || cmd === 'lucidc', `unknown command ${cmd}`);
      const r = spawnSync(process.execPath, [join(root, 'bin', `${cmd}.mjs`), ...args],
        { cwd: dir, encoding: 'latin1' });
      assert.is(r.stdout, block, `docs/${page}: output of ${what}`);
    }
  });
}

test.run();
