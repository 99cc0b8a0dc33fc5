/**
 * `npm test`: every check of the project, in one command, ending with the
 * line `N passed, M failed` that CI reads.
 *
 * Steps, in order (each later step still runs when an earlier one fails, so
 * that one run shows everything that is wrong):
 *   1. the Ohm bundle is fresh against grammar.ohm   (counts as one test)
 *   2. `tsc --noEmit`, and `tsc --noEmit -p playground` (the browser page)
 *                                                      (one test each)
 *      and the layers: dependency-cruiser finds no import against the rules
 *      of .dependency-cruiser.cjs, and docs/images/layers.svg is the picture
 *      of the code as it is (two tests; docs/architecture.md)
 *   3. the uvu specs under spec/, under c8 for coverage (each uvu test counts)
 *      then the package as a consumer gets it: `npm pack` (which builds
 *      dist/), installed into a scratch project and run from ESM, CommonJS
 *      and strict TypeScript on Node 20, 22 and 24 (scripts/consumer.mjs;
 *      each check counts)
 *   4. the Lua programs of lua-tests/, run on lucid and compared with what
 *      real Lua 5.4 printed (each program counts; expected failures are
 *      listed with their reasons and counted apart), then all of them again
 *      with the collector in stress mode (LUCID_GC_STRESS=1)
 *   5. differential fuzzing: 2,000 generated programs of a fixed seed, on
 *      lucid and on real Lua 5.4.8 (or its recorded outputs when there is
 *      none on the machine); each program counts (docs/fuzzing.md)
 *   6. the site: `npm run docs` (typedoc, warnings are errors, then the
 *      playground) and its link check (scripts/check-links.mjs)  (two tests)
 *   7. the exercises: each fails without its solution and passes with it
 *      (scripts/exercises.mjs --check; each exercise counts)
 *
 * Quiet on success, the full output of a step on failure.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = (name) => resolve(root, 'node_modules', '.bin', name);

let passed = 0;
let failed = 0;
const summary = [];
let expectedFailures = 0;

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, {
    cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options,
  });
  return { status: r.status ?? 1, out: (r.stdout ?? '') + (r.stderr ?? ''), stdout: r.stdout ?? '' };
}

function step(name, ok, detail) {
  if (ok) passed++; else failed++;
  summary.push(`${ok ? 'ok  ' : 'FAIL'}  ${name}`);
  if (!ok && detail) console.log(`\n--- ${name} ---\n${detail.trimEnd()}\n`);
}

// 1. grammar bundle
{
  const r = run(process.execPath, ['scripts/check-grammar-bundle.mjs']);
  step('grammar bundle is fresh (npm run grammar:check)', r.status === 0, r.out);
}

// 2. type check
{
  const r = run(bin('tsc'), ['--noEmit']);
  step('tsc --noEmit', r.status === 0, r.out);
  // the playground is browser code: its own tsconfig adds the DOM library
  const p = run(bin('tsc'), ['--noEmit', '-p', 'playground']);
  step('tsc --noEmit -p playground', p.status === 0, p.out);
}

// 2b. the layers (docs/architecture.md)
{
  const r = run(bin('depcruise'), ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err-long']);
  step('layers: no import against the rules (npm run deps)', r.status === 0, r.out);
  const g = run(process.execPath, ['scripts/deps-graph.mjs', '--check']);
  step('layers: docs/images/layers.svg is up to date (npm run deps:graph)', g.status === 0, g.out);
}

// 3. specs
{
  const r = run(bin('c8'), [
    '--reporter=text-summary', '--reporter=html', '--reports-dir=coverage',
    bin('uvu'), '-r', 'tsx', 'spec', '\\.spec\\.ts$',
  ], { env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  const total = Number(/Total:\s+(\d+)/.exec(r.out)?.[1] ?? NaN);
  const ok = Number(/Passed:\s+(\d+)/.exec(r.out)?.[1] ?? NaN);
  const skipped = Number(/Skipped:\s+(\d+)/.exec(r.out)?.[1] ?? 0);
  if (Number.isNaN(total) || Number.isNaN(ok)) {
    // uvu did not even get to its totals: a spec file failed to load
    failed++;
    summary.push('FAIL  specs: uvu did not report totals');
    console.log(`\n--- specs ---\n${r.out.trimEnd()}\n`);
  } else {
    passed += ok;
    failed += total - ok - skipped;
    if (skipped > 0) failed += skipped; // no skipped specs in this project
    const bad = total - ok;
    summary.push(`${bad === 0 && r.status === 0 ? 'ok  ' : 'FAIL'}  specs: ${ok}/${total} passed`);
    if (bad > 0 || r.status !== 0) {
      if (bad === 0) failed++; // uvu or c8 failed without a failing test
      console.log(`\n--- specs ---\n${r.out.trimEnd()}\n`);
    }
    const coverage = /Lines\s*:\s*([\d.]+%)/.exec(r.out)?.[1];
    if (coverage) summary.push(`      coverage: ${coverage} of lines (html report in coverage/)`);
  }
}

// 3b. the packed package in a scratch project (scripts/consumer.mjs)
{
  const label = 'the packed package in a scratch project (scripts/consumer.mjs)';
  const r = run(process.execPath, ['scripts/consumer.mjs']);
  const m = /^(\d+) passed, (\d+) failed$/m.exec(r.stdout);
  if (!m) {
    failed++;
    summary.push(`FAIL  ${label}: it did not report`);
    console.log(`\n--- ${label} ---\n${r.out.trimEnd()}\n`);
  } else {
    passed += Number(m[1]);
    failed += Number(m[2]);
    summary.push(`${m[2] === '0' && r.status === 0 ? 'ok  ' : 'FAIL'}  ${label}: ${m[1]} passed, ${m[2]} failed`);
    if (m[2] !== '0' || r.status !== 0) console.log(`\n--- ${label} ---\n${r.out.trimEnd()}\n`);
  }
}

// 4. Lua test programs, normally and then with the collector in stress mode
//    (a full collection at every safe point, freed objects poisoned)
for (const stress of [false, true]) {
  const label = stress ? 'lua-tests in GC stress mode' : 'lua-tests';
  const env = stress ? { ...process.env, LUCID_GC_STRESS: '1' } : process.env;
  const r = run(process.execPath, ['scripts/lua-tests.mjs'], { env });
  const m = /^(\d+) passed, (\d+) failed$/m.exec(r.stdout);
  const xfail = /^(\d+) expected failures?/m.exec(r.stdout)?.[1];
  if (!m) {
    failed++;
    summary.push(`FAIL  ${label}: the runner did not report`);
    console.log(`\n--- ${label} ---\n${r.out.trimEnd()}\n`);
  } else {
    passed += Number(m[1]);
    failed += Number(m[2]);
    summary.push(`${m[2] === '0' ? 'ok  ' : 'FAIL'}  ${label}: ${m[1]} passed, ${m[2]} failed` +
      (xfail ? `, ${xfail} expected failures` : ''));
    if (m[2] !== '0' || r.status !== 0) console.log(`\n--- ${label} ---\n${r.out.trimEnd()}\n`);
    if (xfail) expectedFailures += Number(xfail);
  }
}

// 5. differential fuzzing, fixed seed (scripts/fuzz.mjs --check)
{
  const label = 'differential fuzzing (seed 1, 2000 programs)';
  const r = run(process.execPath, ['scripts/fuzz.mjs', '--check', '--seed', '1', '--count', '2000']);
  const m = /^(\d+) passed, (\d+) failed$/m.exec(r.stdout);
  const xfail = /^(\d+) expected failures?/m.exec(r.stdout)?.[1];
  if (!m) {
    failed++;
    summary.push(`FAIL  ${label}: the fuzzer did not report`);
    console.log(`\n--- ${label} ---\n${r.out.trimEnd()}\n`);
  } else {
    passed += Number(m[1]);
    failed += Number(m[2]);
    summary.push(`${m[2] === '0' ? 'ok  ' : 'FAIL'}  ${label}: ${m[1]} passed, ${m[2]} failed` +
      (xfail ? `, ${xfail} known differences` : ''));
    if (m[2] !== '0' || r.status !== 0) console.log(`\n--- ${label} ---\n${r.out.trimEnd()}\n`);
  }
}

// 6. the site: typedoc builds the book with no warning (its validation:
//    links, exports, comments), then every link of the built site leads
//    somewhere (scripts/check-links.mjs, linkinator)
{
  let docs = run(bin('typedoc'), []);
  // the playground (playground/, scripts/playground.mjs) is part of the site: the chapters link to it
  if (docs.status === 0) docs = run(process.execPath, ['scripts/playground.mjs']);
  step('the site builds (npm run docs, warnings are errors)', docs.status === 0, docs.out);
  const links = docs.status === 0 ? run(process.execPath, ['scripts/check-links.mjs']) : { status: 1, out: 'not checked: the site did not build' };
  step('the site\'s links (scripts/check-links.mjs)', links.status === 0, links.out);
}

// 7. exercises: every exercise of exercises/, each proven to fail without its
//    solution.patch and to pass with it (about two minutes). All of them, not
//    a sample: their patches are against today's sources, and an edit of a
//    source file can stop one from applying
{
  const label = 'exercises (scripts/exercises.mjs --check)';
  const r = run(process.execPath, ['scripts/exercises.mjs', '--check']);
  const m = /^(\d+) passed, (\d+) failed$/m.exec(r.stdout);
  if (!m) {
    failed++;
    summary.push(`FAIL  ${label}: the checker did not report`);
    console.log(`\n--- ${label} ---\n${r.out.trimEnd()}\n`);
  } else {
    passed += Number(m[1]);
    failed += Number(m[2]);
    summary.push(`${m[2] === '0' ? 'ok  ' : 'FAIL'}  ${label}: ${m[1]} passed, ${m[2]} failed`);
    if (m[2] !== '0' || r.status !== 0) console.log(`\n--- ${label} ---\n${r.out.trimEnd()}\n`);
  }
}

console.log(summary.join('\n'));
if (expectedFailures) console.log(`${expectedFailures} expected failures (listed in lua-tests/expected-failures.txt)`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
