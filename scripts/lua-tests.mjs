/**
 * The differential runner: runs every program of lua-tests/ on lucid (or on
 * a reference engine with --lua) and compares stdout, the error message and
 * the exit status with what real Lua 5.4 recorded (see `npm run oracle`).
 *
 *   node scripts/lua-tests.mjs [--lua ENGINE] [--jobs N] [--verbose] [filters...]
 *   node scripts/lua-tests.mjs --update-expected --reason "why" [filters...]
 *
 * A program listed in lua-tests/expected-failures.txt that fails is counted
 * apart ("expected failures"); one that passes is a failure, so that the list
 * never hides a fixed program. --update-expected adds the failing programs
 * matched by the filters to the list with the given reason, and removes the
 * entries that pass. Ends with `N passed, M failed`.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { runProgram, pool } from './lib/engines.mjs';
import {
  corpusDir, listPrograms, readRecord, compare, readExpectedFailures, expectedFailuresFile,
} from './lib/corpus.mjs';

const argv = process.argv.slice(2);
let engine = 'lucid'; let jobs = 2; let verbose = false; let update = false; let reason;
const filters = [];
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--lua') engine = argv[++i];
  else if (a === '--jobs') jobs = Number(argv[++i]);
  else if (a === '--verbose') verbose = true;
  else if (a === '--update-expected') update = true;
  else if (a === '--reason') reason = argv[++i];
  else filters.push(a.replace(/^lua-tests\//, ''));
}
if (update && !reason) {
  console.error('--update-expected needs --reason "why these programs fail"');
  process.exit(2);
}

const programs = listPrograms(filters);
const expected = engine === 'lucid' ? readExpectedFailures() : new Map();
let passed = 0; let failed = 0; let xfailed = 0;
const nowFailing = []; const nowPassing = [];

const results = await pool(programs.map((p) => async () => {
  const record = readRecord(p);
  if (!record) return { p, problem: 'no record: run `npm run oracle` to record it' };
  // a hang is what the timeout catches; stress mode (a full collection at
  // every safe point) makes the deepest programs many times slower, so it
  // gets more room before a slow program counts as a hang
  const timeout = process.env.LUCID_GC_STRESS === '1' ? 240_000 : 60_000;
  const run = await runProgram(engine, basename(p), { cwd: dirname(join(corpusDir, p)), timeout });
  return { p, problem: compare(record, run) };
}), jobs);

for (const { p, problem } of results) {
  const listed = expected.has(p);
  if (problem === undefined) {
    if (listed) {
      failed++; nowPassing.push(p);
      console.log(`FAIL ${p}: passes but is listed in expected-failures.txt; remove it from the list`);
    } else {
      passed++;
      if (verbose) console.log(`pass ${p}`);
    }
  } else if (listed) {
    xfailed++;
    if (verbose) console.log(`xfail ${p}: ${expected.get(p)}\n  ${problem}`);
  } else {
    failed++; nowFailing.push(p);
    console.log(`FAIL ${p}: ${problem}`);
  }
}

if (update) {
  let text = existsSync(expectedFailuresFile) ? readFileSync(expectedFailuresFile, 'utf8') : '';
  for (const p of nowPassing) text = text.split('\n').filter((l) => !l.trim().startsWith(p + ' ')).join('\n');
  if (nowFailing.length) text = text.replace(/\n*$/, '\n') + nowFailing.map((p) => `${p}  # ${reason}`).join('\n') + '\n';
  writeFileSync(expectedFailuresFile, text);
  console.log(`expected-failures.txt: ${nowFailing.length} added, ${nowPassing.length} removed`);
}

if (xfailed) console.log(`${xfailed} expected failures (listed in lua-tests/expected-failures.txt)`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
