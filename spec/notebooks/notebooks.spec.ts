/**
 * The notebooks of notebooks/ are checked like code: every ```lua cell is
 * compiled and run by lucid, and the block that follows it must be what
 * lucid prints — ```output for the program's output, ```listing for its
 * bytecode as `lucidc -l` shows it, ```gclog for the phases the collector
 * went through (the log's first words; its byte counts change whenever a
 * library grows, so they are not compared). A ```js cell drives lucid from
 * JavaScript and its ```output is what it printed. A notebook that drifts
 * from the machine fails here, and so does a generated .ipynb that no
 * longer matches its Markdown source (regenerate: npx tsx notebooks/ipynb.ts).
 * Manual: whichever section each notebook teaches.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cells, evaluate } from '../../notebooks/kernel.ts';
import { dir, notebookFiles, toIpynb } from '../../notebooks/ipynb.ts';

const files = notebookFiles();

test('there is a notebook per guide chapter (at least 10)', () => {
  assert.ok(files.length >= 10, `${files.length} notebooks`);
});

for (const file of files) {
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  const found = cells(text);
  test(`${file} has cells to check`, () => {
    assert.ok(found.length > 0);
  });
  for (const cell of found) {
    test(`${file}:${cell.line} (${cell.lang} → ${cell.kind})`, () => {
      assert.fixture(evaluate(cell), cell.expected);
    });
  }
  test(`${file.replace(/\.md$/, '.ipynb')} is generated from ${file}`, () => {
    const ipynb = path.join(dir, file.replace(/\.md$/, '.ipynb'));
    assert.ok(fs.existsSync(ipynb), 'missing: run npx tsx notebooks/ipynb.ts');
    assert.ok(fs.readFileSync(ipynb, 'utf8') === toIpynb(text), 'stale: run npx tsx notebooks/ipynb.ts');
  });
}

test('notebooks/README.md lists every notebook', () => {
  const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
  for (const f of files) assert.ok(readme.includes(`(${f})`), f);
});

test.run();
