/**
 * Moves the bundle that `ohm generateBundles --withTypes --esm grammar.ohm`
 * writes next to grammar.ohm into src/parser/, where the parser imports it
 * (`npm run grammar` runs both steps). The bundle is committed so that
 * running lucid needs no build step; `npm run grammar:check` verifies that
 * it is up to date.
 *
 * Usage: node scripts/place-bundle.mjs [fromDir] [toDir]
 */
import { renameSync, copyFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

const from = process.argv[2] ?? '.';
const to = process.argv[3] ?? join('src', 'parser');
for (const file of ['grammar.ohm-bundle.js', 'grammar.ohm-bundle.d.ts']) {
  try {
    renameSync(join(from, file), join(to, file));
  } catch {
    // across file systems rename fails; copy instead
    copyFileSync(join(from, file), join(to, file));
    unlinkSync(join(from, file));
  }
}
console.log(`grammar bundle placed in ${to}`);
