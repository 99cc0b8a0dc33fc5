/**
 * docs/embedding.md's comparison with wasmoon and fengari (issue 14, "Done
 * when"): every snippet of the six tasks is a file of docs/embedding/, run
 * here; its output must be what its `// prints:` comment says, and the
 * chapter must show the file exactly (the lucid snippets with the import
 * the package's users write, `from 'lucid-lua'`), so the prose and the code
 * cannot drift apart.
 *
 * Manual: §4 (the host API the snippets use); the other engines' APIs are
 * wasmoon's (a Lua 5.4 build in WebAssembly) and fengari's (lua.h in JS).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

const dir = join(import.meta.dirname, '../../docs/embedding');
const chapter = readFileSync(join(import.meta.dirname, '../../docs/embedding.md'), 'utf8');
const files = readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort();
const TASKS = ['call', 'expose', 'objects', 'errors', 'promise', 'limits'];
const ENGINES = ['lucid', 'wasmoon', 'fengari'];

/** What the snippet says it prints: the `// ` lines after `// prints:`. */
function expectedOutput(source: string): string {
  const at = source.indexOf('// prints:\n');
  assert.ok(at >= 0, 'a snippet ends with a // prints: comment');
  return source.slice(at + '// prints:\n'.length).split('\n').filter((l) => l !== '')
    .map((l) => l.replace(/^\/\/ ?/, '')).join('\n');
}

/** The snippet as the chapter shows it. */
function shown(source: string): string {
  return source.replace("from '../../src/index.ts'", "from 'lucid-lua'");
}

/** Run a snippet in this process; its console.log lines (console.error/warn, which wasmoon uses for its own notes, are dropped). */
async function run(file: string): Promise<string> {
  const lines: string[] = [];
  const saved = { log: console.log, error: console.error, warn: console.warn };
  console.log = (...a: unknown[]) => { lines.push(...format(...a).split('\n')); };
  console.error = () => {};
  console.warn = () => {};
  try {
    await import(pathToFileURL(join(dir, file)).href);
  } finally {
    Object.assign(console, saved);
  }
  return lines.join('\n');
}

test('six tasks, three engines each', () => {
  const expected = TASKS.flatMap((t, i) => ENGINES.map((e) => `${i + 1}-${t}.${e}.mjs`)).sort();
  assert.equal(files, expected);
});

for (const file of files) {
  test(`${file}: the chapter shows it, and it prints what it says`, async () => {
    const source = readFileSync(join(dir, file), 'utf8');
    assert.ok(chapter.includes('```js\n' + shown(source) + '```\n'), `docs/embedding.md shows ${file} exactly`);
    assert.is(await run(file), expectedOutput(source));
  });
}

test.run();
