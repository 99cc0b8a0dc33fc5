/**
 * `npm run fuzz`: differential fuzzing of lucid against real Lua 5.4.
 *
 *   npm run fuzz -- [--count N] [--seed S] [--oracle PATH] [--jobs J] [--batch B]
 *                   [--check] [--record] [--no-shrink] [--max-shrink K]
 *   npm run fuzz -- --robust [--count N] [--seed S]        (robust.mjs)
 *   npm run fuzz -- --seed S --print I                       (program I's source)
 *
 * Generates N random programs from seed S (scripts/fuzz/generate.mjs), runs
 * them in batches on the oracle (scripts/fuzz/oracle.mjs) and on lucid
 * (scripts/fuzz/run.mjs), and compares stdout and error message of each.
 * A difference that a known signature explains (scripts/fuzz/known.mjs)
 * counts as an expected failure. Every other one is shrunk (shrink.mjs) to
 * a small program that still differs the same way, saved under
 * lua-tests/fuzz/ with the oracle's output as recorded by a standalone run,
 * and listed in lua-tests/expected-failures.txt to be triaged.
 *
 * --check   compare only: no shrinking, no saving (the `npm test` step). With
 *           no oracle on the machine, compares with the outputs recorded for
 *           this seed and count (record.mjs).
 * --record  write those recorded outputs (needs an oracle).
 * --start I begin at program I of the seed (programs I … I+N-1), to split a
 *           long run or to rerun one program (`--start I --count 1`).
 *
 * Ends with `N passed, M failed`: N programs agree, M differ in a way no
 * known signature explains (or crashed lucid).
 */
import { readFileSync, writeFileSync, appendFileSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { generateProgram } from './fuzz/generate.mjs';
import { render } from './fuzz/ast.mjs';
import { runAll, compareOutcomes, isInternalFailure } from './fuzz/run.mjs';
import { shrink } from './fuzz/shrink.mjs';
import { explain } from './fuzz/known.mjs';
import { findOracle } from './fuzz/oracle.mjs';
import { readRecord, writeRecord as writeOracleRecord, outcomeDigest, recordFile } from './fuzz/record.mjs';
import { runProgram } from './lib/engines.mjs';
import { corpusDir, writeRecord, readRecord as readCorpusRecord, compare, expectedFailuresFile } from './lib/corpus.mjs';

const opts = { count: 1000, start: 0, seed: 1, jobs: 2, batch: 200, maxShrink: 10, check: false, record: false, shrink: true };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const value = () => argv[++i];
  if (a === '--count') opts.count = Number(value());
  else if (a === '--start') opts.start = Number(value());
  else if (a === '--print') opts.print = Number(value());
  else if (a === '--seed') opts.seed = Number(value());
  else if (a === '--oracle') opts.oracle = value();
  else if (a === '--jobs') opts.jobs = Number(value());
  else if (a === '--batch') opts.batch = Number(value());
  else if (a === '--max-shrink') opts.maxShrink = Number(value());
  else if (a === '--check') opts.check = true;
  else if (a === '--record') opts.record = true;
  else if (a === '--no-shrink') opts.shrink = false;
  else if (a === '--robust') opts.robust = true;
  else if (a === '--verbose') opts.verbose = true;
  else { console.error(`unknown option ${a}`); process.exit(2); }
}


async function differential(o) {
  if (o.start && o.record) { console.error('--record keeps whole runs only: no --start'); return 2; }
  const t0 = performance.now();
  const programs = [];
  for (let i = o.start; i < o.start + o.count; i++) {
    const tree = generateProgram(o.seed, i);
    programs.push({ id: `s${o.seed}_${i}`, index: i, tree, src: render(tree) });
  }
  let oracle = findOracle(o.oracle);
  let record;
  // lucid follows 5.4.8, where some messages differ from earlier 5.4 releases
  // (table.remove's argument number, utf8.codes' strictness): a check with an
  // older lua5.4 uses the outputs recorded with 5.4.8 when there are some
  if (oracle && o.check && !/Lua 5\.4\.8/.test(oracle.version) && existsSync(recordFile(o.seed, o.count))) {
    console.log(`${oracle.version} is not 5.4.8: comparing with the outputs recorded with 5.4.8`);
    oracle = undefined;
  }
  if (!oracle) {
    if (o.record) { console.error('--record needs an oracle (--oracle PATH, or lua5.4 on PATH)'); return 2; }
    console.log('no Lua 5.4.8 here: comparing with the recorded oracle outputs');
    record = readRecord(o.seed, o.count, programs);
    if (record.problem) {
      console.log(record.problem);
      console.log('0 passed, 1 failed');
      return 1;
    }
  } else {
    console.log(`oracle: ${oracle.version} (${oracle.cmd})`);
  }
  const expected = oracle ? await runAll(oracle.cmd, programs, { jobs: o.jobs, batchSize: o.batch }) : undefined;
  const got = await runAll('lucid', programs, { jobs: o.jobs, batchSize: o.batch });

  let passed = 0;
  const known = new Map();      // name → count
  const knownOf = new Map();    // id → name
  const fresh = [];             // unexplained mismatches
  const truncated = [];         // programs whose output was cut (compared on what both kept)
  for (const p of programs) {
    const l = got.get(p.id);
    if (record) {
      const r = record.digests.get(p.id);
      if (!isInternalFailure(l) && r && outcomeDigest(l) === r.digest) passed++;
      else if (!isInternalFailure(l) && r?.known) known.set(r.known, (known.get(r.known) ?? 0) + 1);
      else fresh.push({ p, kind: isInternalFailure(l) ? 'crash' : 'stdout', detail: 'differs from the recorded oracle output (run with lua5.4 to see how)' });
      continue;
    }
    const e = expected.get(p.id);
    if (e.truncated || l.truncated) truncated.push(p.index);
    const d = compareOutcomes(e, l);
    if (!d) { passed++; continue; }
    if (d.kind === 'truncated') continue;
    const name = d.kind === 'crash' ? undefined : explain(e, l);
    if (name) { known.set(name, (known.get(name) ?? 0) + 1); knownOf.set(p.id, name); continue; }
    fresh.push({ p, ...d, e, l });
  }

  if (o.record) {
    writeOracleRecord(o.seed, o.count, programs, expected, knownOf, oracle.version);
    console.log(`recorded the oracle's outputs for seed ${o.seed}, count ${o.count}`);
  }

  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  const range = o.start ? `, from program ${o.start}` : '';
  console.log(`${o.count} programs (seed ${o.seed}${range}) in ${secs} s: ${passed} agree, ` +
    `${[...known.values()].reduce((a, b) => a + b, 0)} known differences, ${fresh.length} new`);
  for (const [name, n] of [...known].sort((a, b) => b[1] - a[1])) console.log(`  known  ${String(n).padStart(5)}  ${name}`);
  if (truncated.length) {
    console.log(`  ${truncated.length} outputs truncated (over 4 MB, or the batch over 16 MB), compared on what both engines kept: ` +
      `programs ${truncated.slice(0, 20).join(', ')}${truncated.length > 20 ? ', …' : ''}`);
  }
  const groups = groupBySignature(fresh);
  for (const [, g] of [...groups].slice(0, o.verbose ? Infinity : 40)) {
    console.log(`NEW ${g.kind} ×${g.count}, e.g. program ${g.p.index}: ${g.detail}`);
  }
  if (groups.size > 40 && !o.verbose) console.log(`… and ${groups.size - 40} more kinds (--verbose lists them)`);

  if (!o.check && o.shrink && oracle && fresh.length) await shrinkAndSave(o, oracle, groups);

  const xfail = [...known.values()].reduce((a, b) => a + b, 0);
  if (xfail) console.log(`${xfail} expected failures (known differences, scripts/fuzz/known.mjs)`);
  console.log(`${passed} passed, ${fresh.length} failed`);
  return fresh.length === 0 ? 0 : 1;
}

/** A line's shape: positions and numbers blurred, for "the same difference". */
function shape(s) {
  return (s ?? '').replace(/\b[\w-]+\.lua:\d+:/g, 'P:').replace(/\d+/g, '0');
}

/** The difference between two outcomes, as a comparable signature. */
function signature(e, l) {
  const a = e.out.split('\n').concat([`error: ${e.error}`]);
  const b = l.out.split('\n').concat([`error: ${l.error}`]);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `${shape(a[i])}|${shape(b[i])}`;
}

/** Mismatches grouped by the shape of their difference: Map sig → first one, with a count. */
function groupBySignature(fresh) {
  const groups = new Map();
  for (const f of fresh) {
    const sig = f.kind === 'crash' || !f.e ? `${f.kind}|${shape(f.detail).slice(0, 80)}` : `${f.kind}|${signature(f.e, f.l)}`;
    if (groups.has(sig)) groups.get(sig).count++;
    else groups.set(sig, { ...f, count: 1 });
  }
  return new Map([...groups].sort((a, b) => b[1].count - a[1].count));
}

async function shrinkAndSave(o, oracle, groups) {
  console.log(`\nshrinking ${Math.min(groups.size, o.maxShrink)} of ${groups.size} distinct differences`);
  let n = 0;
  for (const [sig, f] of groups) {
    if (n++ >= o.maxShrink) break;
    const stillFails = async (srcs) => {
      const progs = srcs.map((src, i) => ({ id: `c${i}`, src }));
      const [e, l] = await Promise.all([
        runAll(oracle.cmd, progs, { jobs: 1, batchSize: 500 }),
        runAll('lucid', progs, { jobs: o.jobs, batchSize: Math.ceil(progs.length / o.jobs) }),
      ]);
      return progs.map((p) => {
        const d = compareOutcomes(e.get(p.id), l.get(p.id));
        if (!d || d.kind !== f.kind) return false;
        if (f.kind === 'crash') return true;
        return !explain(e.get(p.id), l.get(p.id)) && `${d.kind}|${signature(e.get(p.id), l.get(p.id))}` === sig;
      });
    };
    const { src, rounds } = await shrink(f.p.tree, stillFails);
    await save(o, oracle, f, src, rounds);
  }
}

/** Save a shrunk program under lua-tests/fuzz/, record it standalone, list it. */
async function save(o, oracle, f, src, rounds) {
  const name = `fuzz/seed${o.seed}-${f.p.index}.lua`;
  const file = join(corpusDir, name);
  const header = `-- §3 differential fuzzing: seed ${o.seed}, program ${f.p.index}, shrunk in ${rounds} rounds (npm run fuzz)\n`;
  writeFileSync(file, Buffer.concat([Buffer.from(header, 'utf8'), Buffer.from(src, 'latin1')]));
  const cwd = join(corpusDir, 'fuzz');
  const base = name.slice('fuzz/'.length);
  writeRecord(name, await runProgram(oracle.cmd, base, { cwd, timeout: 60_000 }));
  const problem = compare(readCorpusRecord(name), await runProgram('lucid', base, { cwd, timeout: 60_000 }));
  if (!problem) {
    console.log(`  ${name}: differs only inside a batch, not when run alone: not kept`);
    for (const ext of ['.lua', '.out', '.err']) rmSync(file.replace(/\.lua$/, ext), { force: true });
    return;
  }
  const listed = readFileSync(expectedFailuresFile, 'utf8');
  if (!listed.includes(name + ' ')) {
    appendFileSync(expectedFailuresFile, `${name}  # found by npm run fuzz, to triage: ${f.kind} difference\n`);
  }
  console.log(`  ${name} (${src.split('\n').length} lines): ${problem.split('\n')[0]}`);
}

if (opts.print !== undefined) {
  process.stdout.write(render(generateProgram(opts.seed, opts.print)));
} else if (opts.robust) {
  const { robust } = await import('./fuzz/robust.mjs');
  process.exitCode = await robust(opts);
} else {
  process.exitCode = await differential(opts);
}
