/**
 * The book's reading order: the guide pages of docs/, each with its title
 * and its previous/next links.
 *
 * `node scripts/book.mjs` rewrites, in every page of BOOK, the yaml
 * frontmatter that gives typedoc the page's title and the navigation block
 * at its end (between the `book-nav` markers). `--check` changes nothing
 * and fails when a page is out of date or typedoc.json's projectDocuments
 * do not list BOOK in this order (spec/docs/book.spec.ts runs it).
 *
 * To add a chapter: write docs/NAME.md, add it to BOOK, run this script.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** [file under docs/, title], in reading order. */
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
];

const BEGIN = '<!-- book-nav -->';
const END = '<!-- /book-nav -->';

/** The page's text with its frontmatter and navigation block up to date. */
function render(i, text) {
  const [, title] = BOOK[i];
  let body = text.replace(/^---\n[\s\S]*?\n---\n\n?/, '');
  const at = body.indexOf(BEGIN);
  if (at >= 0) body = body.slice(0, at).trimEnd() + '\n';
  const link = ([file, t]) => `[${t}](${file})`;
  const parts = [];
  if (i > 0) parts.push(`Previous: ${link(BOOK[i - 1])}`);
  if (i > 0) parts.push(link(BOOK[0]));
  if (i + 1 < BOOK.length) parts.push(`Next: ${link(BOOK[i + 1])}`);
  const front = `---\ntitle: "${title}"\n---\n\n`;
  return `${front}${body.trimEnd()}\n\n${BEGIN}\n\n---\n\n${parts.join(' · ')}\n\n${END}\n`;
}

function main() {
  const check = process.argv.includes('--check');
  const stale = [];
  BOOK.forEach(([file], i) => {
    const path = resolve(root, 'docs', file);
    const text = readFileSync(path, 'utf8');
    const want = render(i, text);
    if (want === text) return;
    if (check) stale.push(`docs/${file}`);
    else writeFileSync(path, want);
  });
  const config = JSON.parse(readFileSync(resolve(root, 'typedoc.json'), 'utf8'));
  const listed = JSON.stringify(config.projectDocuments);
  const wanted = JSON.stringify(BOOK.map(([file]) => `docs/${file}`));
  if (listed !== wanted) {
    if (check) stale.push('typedoc.json projectDocuments');
    else {
      config.projectDocuments = BOOK.map(([file]) => `docs/${file}`);
      writeFileSync(resolve(root, 'typedoc.json'), JSON.stringify(config, null, 2) + '\n');
    }
  }
  if (stale.length > 0) {
    console.error(`out of date (run node scripts/book.mjs): ${stale.join(', ')}`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
