/**
 * Recorded oracle outputs for the fixed-seed run of `npm test`, so that a
 * machine without any Lua (CI) still checks lucid against real Lua.
 *
 * For each program of the run, the record keeps a digest of the oracle's
 * outcome (stdout and error message) and, when lucid differed from it at
 * recording time in a known way (known.mjs), that difference's name. The
 * first line holds a digest of all the generated sources: when the generator
 * changes, the record no longer fits and says so, and `npm run fuzz --
 * --record` (with an oracle) makes a new one.
 *
 * Read next: ../fuzz.mjs.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const recordDir = join(import.meta.dirname, 'recorded');

export const recordFile = (seed, count) => join(recordDir, `seed-${seed}-count-${count}.txt`);

const hash = (text) => createHash('sha256').update(text, 'latin1').digest('hex').slice(0, 16);

/** The digest of an outcome, as stored. */
export const outcomeDigest = (o) => hash(`${o.out}\u0000${o.error ?? '<none>'}`);

/** The digest of all the sources of a run. */
export const sourcesDigest = (programs) => hash(programs.map((p) => p.src).join('\u0000'));

/** Write the record of a run: programs [{ id, src }], oracle outcomes, known names. */
export function writeRecord(seed, count, programs, outcomes, knownNames, version) {
  const lines = [`sources ${sourcesDigest(programs)} oracle ${version}`];
  for (const p of programs) {
    const k = knownNames.get(p.id);
    lines.push(`${p.id} ${outcomeDigest(outcomes.get(p.id))}${k ? ' ' + k : ''}`);
  }
  mkdirSync(dirname(recordFile(seed, count)), { recursive: true });
  writeFileSync(recordFile(seed, count), lines.join('\n') + '\n');
}

/**
 * Read the record of a run; returns { digests: Map id → { digest, known } }
 * or { problem } when there is none or it was made for other sources.
 */
export function readRecord(seed, count, programs) {
  const file = recordFile(seed, count);
  if (!existsSync(file)) return { problem: `no recorded outputs for seed ${seed}, count ${count}` };
  const [head, ...rest] = readFileSync(file, 'utf8').trimEnd().split('\n');
  const m = /^sources (\S+)/.exec(head);
  if (!m || m[1] !== sourcesDigest(programs)) {
    return { problem: `the recorded outputs (${file}) were made by another version of the generator: run \`npm run fuzz -- --seed ${seed} --count ${count} --record\` with an oracle` };
  }
  const digests = new Map();
  for (const line of rest) {
    const [id, digest, known] = line.split(' ');
    digests.set(id, { digest, known });
  }
  return { digests };
}
