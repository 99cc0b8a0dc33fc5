/**
 * Records the expected listings of spec/compiler/listings/*.lua from a
 * reference `luac` (not a spec; run by hand when a fixture changes):
 *
 *   RECORD=1 LUAC=luac5.4 npx tsx spec/compiler/record-listings.ts
 *
 * (Without RECORD=1 it does nothing, so that running the spec folder with
 * uvu never rewrites the fixtures.)
 *
 * Each `X.lua` gets `X.expected`: `luac -l -l` of luac's own binary chunk,
 * printed by lucid's lister (proved identical to luac's by spec/bytecode)
 * so that function addresses are the same pseudo-addresses on both sides.
 * The recorded files come from Lua 5.4.8's compiler, the version lucid
 * targets.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { undump } from '../../src/bytecode/undump.ts';
import { listing } from '../../src/bytecode/listing.ts';

const dir = new URL('./listings/', import.meta.url).pathname;
if (process.env.RECORD === '1') record();

function record(): void {
  const luac = process.env.LUAC ?? 'luac5.4';
  const tmp = mkdtempSync(join(tmpdir(), 'lucid-record-'));
  try {
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.lua')).sort()) {
      const out = join(tmp, 'x.luac');
      const r = spawnSync(luac, ['-o', out, name], { cwd: dir });
      if (r.status !== 0) throw new Error(`${luac} failed on ${name}: ${r.stderr}`);
      const { proto } = undump(readFileSync(out), '=' + name);
      writeFileSync(join(dir, name.replace(/\.lua$/, '.expected')), listing(proto, true), 'latin1');
      console.log('recorded', name);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
