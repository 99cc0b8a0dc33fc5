/**
 * Finding the oracle: the real Lua 5.4 the fuzzer compares lucid with.
 * In order of preference:
 *   1. `--oracle PATH` on the command line, or the LUCID_ORACLE variable;
 *   2. a PUC-Rio Lua 5.4.8 built from the official sources with the release
 *      flags and kept outside the repository, at
 *      ~/.cache/lucid/lua-5.4.8/lua (docs/fuzzing.md says how to make one);
 *   3. the system `lua5.4` (Debian: `apt-get install lua5.4`);
 *   4. none: `npm test` then compares with the outputs recorded for its
 *      fixed seed (record.mjs).
 * An oracle must say `Lua 5.4` to `-v`.
 *
 * Read next: record.mjs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CACHED = join(homedir(), '.cache', 'lucid', 'lua-5.4.8', 'lua');

/** The version line of an interpreter, or undefined if it does not run. */
export function versionOf(cmd) {
  const r = spawnSync(cmd, ['-v'], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  return (r.stdout || r.stderr).trim().split('\n')[0];
}

/**
 * The oracle to use: { cmd, version } or undefined. `explicit` (a path given
 * by the user) must work; the others are tried quietly.
 */
export function findOracle(explicit = process.env.LUCID_ORACLE) {
  if (explicit) {
    const version = versionOf(explicit);
    if (!version || !/Lua 5\.4/.test(version)) throw new Error(`--oracle ${explicit}: not a Lua 5.4 interpreter (${version ?? 'does not run'})`);
    return { cmd: explicit, version };
  }
  for (const cmd of [CACHED, 'lua5.4']) {
    if (cmd === CACHED && !existsSync(cmd)) continue;
    const version = versionOf(cmd);
    if (version && /Lua 5\.4/.test(version)) return { cmd, version };
  }
  return undefined;
}
