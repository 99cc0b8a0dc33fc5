/**
 * Every module of src/ opens with the header the project's style asks for
 * (what it is responsible for, where to read next), and every file its
 * "Read next" names exists — relative to the module's folder, to src/, or
 * to the repository's root — so that a reader following the trail never
 * lands on a file that was moved or removed (docs/architecture.md).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';

const root = join(import.meta.dirname, '..');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const modules = walk(join(root, 'src')).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));

test('every module opens with a doc comment that says where to read next', () => {
  const missing = modules.filter((f) => {
    const head = /^\/\*\*([\s\S]*?)\*\//.exec(readFileSync(f, 'utf8'))?.[1];
    return head === undefined || !/Read next/i.test(head);
  }).map((f) => relative(root, f));
  assert.equal(missing, []);
});

test('every file a header names under "Read next" exists', () => {
  const broken: string[] = [];
  for (const f of modules) {
    const head = /^\/\*\*([\s\S]*?)\*\//.exec(readFileSync(f, 'utf8'))?.[1] ?? '';
    const next = /Read next:?([\s\S]*?)(?:\n\s*\*\s*\n|$)/i.exec(head)?.[1] ?? '';
    for (const ref of next.match(/[\w./-]+\.(?:ts|md|mjs|ohm|lua|cjs)\b/g) ?? []) {
      const places = [join(dirname(f), ref), join(root, 'src', ref), join(root, ref)];
      if (!places.some((p) => existsSync(p))) broken.push(`${relative(root, f)} → ${ref}`);
    }
  }
  assert.equal(broken, []);
});

test.run();
