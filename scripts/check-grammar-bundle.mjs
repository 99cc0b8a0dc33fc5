/**
 * `npm run grammar:check`: fails (exit 1) when the committed Ohm bundle in
 * src/parser/ is stale against grammar.ohm. It regenerates the bundle from
 * grammar.ohm in a temporary directory with the same command as
 * `npm run grammar` and compares the files byte for byte.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'lucid-grammar-'));
let stale = false;
try {
  copyFileSync(join(root, 'grammar.ohm'), join(dir, 'grammar.ohm'));
  const ohm = join(root, 'node_modules', '.bin', 'ohm');
  execFileSync(ohm, ['generateBundles', '--withTypes', '--esm', 'grammar.ohm'], { cwd: dir, stdio: 'inherit' });
  for (const file of ['grammar.ohm-bundle.js', 'grammar.ohm-bundle.d.ts']) {
    const fresh = readFileSync(join(dir, file));
    let committed;
    try {
      committed = readFileSync(join(root, 'src', 'parser', file));
    } catch {
      committed = undefined;
    }
    if (!committed || !fresh.equals(committed)) {
      console.error(`src/parser/${file} is stale: run \`npm run grammar\``);
      stale = true;
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (stale) process.exit(1);
console.log('grammar bundle is up to date');
