/**
 * The book's reading order: the guide pages of docs/, each with its title
 * and its previous/next links, and the notebooks and exercises that go
 * with each chapter.
 *
 * `node scripts/book.mjs` rewrites
 * - in every page of BOOK, the yaml frontmatter that gives typedoc the
 *   page's title and the navigation block at its end (between the
 *   `book-nav` markers): the chapter's notebooks and exercises (WORK), then
 *   previous/next;
 * - in the two appendix pages (notebooks/README.md, exercises/README.md),
 *   the frontmatter's `children`: every notebook and every exercise becomes
 *   a page of the site under its appendix, so the links above lead to
 *   rendered pages (typedoc resolves a link to a file it renders);
 * - in every notebook, the `Book:` line under its title (its chapter and
 *   exercises), and in every exercise's README, the `Chapter:` line (its
 *   chapter and notebooks; difficulty and kind are kept).
 *
 * After it changed a notebook, regenerate the Jupyter files:
 * `npx tsx notebooks/ipynb.ts`.
 *
 * `--check` changes nothing and fails when a page is out of date or
 * typedoc.json's projectDocuments do not list BOOK in this order
 * (spec/docs/book.spec.ts runs it).
 *
 * To add a chapter: write docs/NAME.md, add it to BOOK (and its work to
 * WORK), run this script.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, posix, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** [file, relative to docs/; title], in reading order. */
export const BOOK = [
  ['index.md', 'The lucid book'],
  ['tour.md', '1. A tour: one line of Lua'],
  ['design.md', '2. Design'],
  ['bytecode.md', '3. The instruction set'],
  ['parser.md', '4.1 The compiler: the front end'],
  ['compiler.md', '4.2 The compiler: code generation'],
  ['vm.md', '5. The VM'],
  ['coroutines.md', '6. Coroutines, errors and the host boundary'],
  ['gc.md', '7. The collector'],
  ['stdlib.md', '8. The standard library and the src/api door'],
  ['architecture.md', '8.1 The layers'],
  ['embedding.md', '9. Embedding'],
  ['cli.md', '9.1 The commands'],
  ['performance.md', '10. Performance'],
  ['benchmarks.md', '10.1 The benchmarks'],
  ['versions.md', '11. Lua 5.4, 5.3 and 5.5'],
  ['testing.md', 'Appendix A. Testing'],
  ['fuzzing.md', 'Appendix B. Fuzzing'],
  ['../notebooks/README.md', 'Appendix C. Notebooks'],
  ['../exercises/README.md', 'Appendix D. Exercises'],
];

/**
 * The notebooks (by number, notebooks/NN-*.md) and exercises (by number,
 * exercises/NN-*) of each chapter, by its page. Every notebook and every
 * exercise belongs to exactly one page; a page may have exercises and no
 * notebook of its own.
 */
export const WORK = {
  'tour.md': { notebooks: ['01'], exercises: ['01', '02'] },
  'design.md': { notebooks: ['03'], exercises: ['03', '04'] },
  'bytecode.md': { notebooks: ['04'], exercises: ['05', '06'] },
  'parser.md': { notebooks: [], exercises: ['28'] },
  'compiler.md': { notebooks: ['05'], exercises: ['07', '08'] },
  'vm.md': { notebooks: ['06'], exercises: ['09', '10'] },
  'coroutines.md': { notebooks: ['07'], exercises: ['11', '12'] },
  'gc.md': { notebooks: ['02', '08'], exercises: ['13', '14', '15'] },
  'stdlib.md': { notebooks: ['09'], exercises: ['16', '17', '24', '25', '26'] },
  'embedding.md': { notebooks: ['10'], exercises: ['18', '19'] },
  'performance.md': { notebooks: ['11'], exercises: ['20', '21', '27'] },
  'versions.md': { notebooks: ['12'], exercises: ['22', '23'] },
};

const NOTEBOOKS = resolve(root, 'notebooks');
const EXERCISES = resolve(root, 'exercises');
const BEGIN = '<!-- book-nav -->';
const END = '<!-- /book-nav -->';

/** Absolute path of a BOOK page. */
const pagePath = (file) => resolve(root, 'docs', file);

/** A markdown link from the file at `from` to the file at `to`. */
const linkFrom = (from, to, text) => `[${text}](${relative(dirname(from), to).split('\\').join('/')})`;

/** Every notebook: number, absolute path, title (its heading without the number or backticks). */
function notebooks() {
  return readdirSync(NOTEBOOKS).filter((f) => /^\d\d-.*\.md$/.test(f)).sort().map((f) => {
    const path = resolve(NOTEBOOKS, f);
    const head = readFileSync(path, 'utf8').split('\n')[0];
    const title = head.replace(/^#\s*\d+\s*·\s*/, '').replaceAll('`', '');
    return { num: f.slice(0, 2), path, title: `${f.slice(0, 2)} · ${title}` };
  });
}

/** Every exercise: number, README path, title, and the difficulty/kind part of its Chapter line. */
function exercises() {
  return readdirSync(EXERCISES).filter((d) => /^\d\d-/.test(d) && existsSync(resolve(EXERCISES, d, 'README.md')))
    .sort().map((d) => {
      const path = resolve(EXERCISES, d, 'README.md');
      const lines = readFileSync(path, 'utf8').split('\n');
      const title = lines[0].replace(/^#\s*Exercise\s*/, '');
      const rest = lines.find((l) => l.startsWith('Chapter:'))?.match(/ · (difficulty: .*)$/)?.[1] ?? '';
      return { num: d.slice(0, 2), path, title, rest };
    });
}

/** The chapter (BOOK entry) whose WORK lists notebook or exercise `num`. */
function chapterOf(kind, num) {
  const file = Object.keys(WORK).find((f) => WORK[f][kind].includes(num));
  return file === undefined ? undefined : BOOK.find(([f]) => f === file);
}

/** The page's text with its frontmatter and navigation block up to date. */
function render(i, text, nbs, exs) {
  const [file, title] = BOOK[i];
  const here = pagePath(file);
  let body = text.replace(/^---\n[\s\S]*?\n---\n\n?/, '');
  const at = body.indexOf(BEGIN);
  if (at >= 0) body = body.slice(0, at).trimEnd() + '\n';
  const link = ([f, t]) => linkFrom(here, pagePath(f), t);
  const parts = [];
  if (i > 0) parts.push(`Previous: ${link(BOOK[i - 1])}`);
  if (i > 0) parts.push(link(BOOK[0]));
  if (i + 1 < BOOK.length) parts.push(`Next: ${link(BOOK[i + 1])}`);
  let work = '';
  const w = WORK[file];
  if (w !== undefined) {
    const nb = w.notebooks.map((n) => nbs.find((x) => x.num === n));
    const ex = w.exercises.map((n) => exs.find((x) => x.num === n));
    work = '## Notebooks and exercises\n\n' +
      (nb.length ? `Notebooks: ${nb.map((x) => linkFrom(here, x.path, x.title)).join(' · ')}\n\n` : '') +
      `Exercises: ${ex.map((x) => `${linkFrom(here, x.path, x.title)} (${x.rest.replace(/^difficulty: /, '').replace(' · kind: ', ', ')})`).join(' · ')}\n\n`;
  }
  let front = `---\ntitle: "${title}"\n`;
  const kids = file === '../notebooks/README.md' ? nbs : file === '../exercises/README.md' ? exs : undefined;
  if (kids !== undefined) {
    front += 'children:\n' + kids.map((x) => `  ${JSON.stringify(x.title)}: ${JSON.stringify(relative(dirname(here), x.path))}\n`).join('');
  }
  front += '---\n\n';
  return `${front}${body.trimEnd()}\n\n${BEGIN}\n\n${work}---\n\n${parts.join(' · ')}\n\n${END}\n`;
}

/** A notebook with its `Book:` line (under the title) up to date. */
function renderNotebook(nb, text, exs) {
  const ch = chapterOf('notebooks', nb.num);
  if (ch === undefined) throw new Error(`notebook ${nb.num} belongs to no chapter (WORK in scripts/book.mjs)`);
  const ex = WORK[ch[0]].exercises.map((n) => exs.find((x) => x.num === n));
  const line = `Book: ${linkFrom(nb.path, pagePath(ch[0]), ch[1])} · exercises ` +
    ex.map((x) => linkFrom(nb.path, x.path, x.title)).join(', ');
  const lines = text.split('\n');
  if (lines[2]?.startsWith('Book: ')) lines[2] = line;
  else lines.splice(2, 0, line, '');
  return lines.join('\n');
}

/** An exercise's README with its `Chapter:` line up to date. */
function renderExercise(ex, text, nbs) {
  const ch = chapterOf('exercises', ex.num);
  if (ch === undefined) throw new Error(`exercise ${ex.num} belongs to no chapter (WORK in scripts/book.mjs)`);
  const nb = WORK[ch[0]].notebooks.map((n) => nbs.find((x) => x.num === n));
  const notebook = nb.length ? ` · notebook ${nb.map((x) => linkFrom(ex.path, x.path, x.title)).join(', ')}` : '';
  const line = `Chapter: ${linkFrom(ex.path, pagePath(ch[0]), ch[1])}${notebook} · ${ex.rest}`;
  return text.split('\n').map((l) => (l.startsWith('Chapter:') ? line : l)).join('\n');
}

function main() {
  const check = process.argv.includes('--check');
  const stale = [];
  const update = (path, want) => {
    if (readFileSync(path, 'utf8') === want) return;
    if (check) stale.push(relative(root, path));
    else writeFileSync(path, want);
  };
  const nbs = notebooks(), exs = exercises();
  BOOK.forEach(([file], i) => update(pagePath(file), render(i, readFileSync(pagePath(file), 'utf8'), nbs, exs)));
  for (const nb of nbs) update(nb.path, renderNotebook(nb, readFileSync(nb.path, 'utf8'), exs));
  for (const ex of exs) update(ex.path, renderExercise(ex, readFileSync(ex.path, 'utf8'), nbs));
  const config = JSON.parse(readFileSync(resolve(root, 'typedoc.json'), 'utf8'));
  const listed = JSON.stringify(config.projectDocuments);
  const documents = BOOK.map(([file]) => posix.join('docs', file));
  if (listed !== JSON.stringify(documents)) {
    if (check) stale.push('typedoc.json projectDocuments');
    else {
      config.projectDocuments = documents;
      writeFileSync(resolve(root, 'typedoc.json'), JSON.stringify(config, null, 2) + '\n');
    }
  }
  if (stale.length > 0) {
    console.error(`out of date (run node scripts/book.mjs): ${stale.join(', ')}`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
