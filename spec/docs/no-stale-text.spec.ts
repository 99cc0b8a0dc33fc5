/**
 * The book points only inside the repository and describes today's code (no
 * manual section: this checks the documentation itself, issue 15).
 *
 * - No file cites `DESIGN.md` or `VM-SPEED.md`: those documents lived outside
 *   the repository; their content is docs/design.md (same § numbers) and
 *   docs/performance.md (same R numbers).
 * - No guide page keeps a "not yet done" list or says a feature is "not yet"
 *   there: such text goes stale silently as the code moves on. A page that
 *   must speak of something missing says what is missing and why, in the
 *   present tense, without this phrase.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');

/** Every text file under `dir`, skipping generated and vendored folders. */
function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'api' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.(ts|mjs|cjs|js|md|ipynb|lua|txt|json)$/.test(name)) out.push(path);
  }
  return out;
}

const forbiddenCitation = ['DESIGN', 'VM-SPEED'].map((n) => `${n}.md`);

test('no file cites the design or speed notes that lived outside the repository', () => {
  const offenders: string[] = [];
  for (const top of ['src', 'docs', 'notebooks', 'spec', 'scripts', 'bench', 'lua-tests']) {
    for (const file of walk(join(root, top))) {
      if (file === import.meta.filename) continue; // names them to forbid them
      const text = readFileSync(file, 'utf8');
      for (const name of forbiddenCitation) {
        if (text.includes(name)) offenders.push(`${relative(root, file)} cites ${name}`);
      }
    }
  }
  assert.equal(offenders, [], 'cite docs/design.md §N or docs/performance.md RN instead');
});

test('no guide page keeps stale "not yet" text', () => {
  const offenders: string[] = [];
  for (const file of walk(join(root, 'docs'))) {
    if (!file.endsWith('.md')) continue;
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      if (/not yet/i.test(line)) offenders.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
    });
  }
  assert.equal(offenders, []);
});

test.run();
