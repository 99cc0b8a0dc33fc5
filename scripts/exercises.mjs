/**
 * `npm run exercises`: prove that every exercise of exercises/ is solvable
 * and not already solved.
 *
 * An exercise is a folder exercises/NN-name/ with a README.md (the task), an
 * `exercise.spec.ts` (uvu), a `solution.patch` and, for some, a
 * `start.patch` (the starting point: a stub to fill in, or — for the "break
 * it" exercises — a bug for the checkers to explain). For each exercise this
 * script copies the parts of the repository a spec can reach (src/,
 * grammar.ohm, bench/, the exercise) to a scratch directory, applies
 * `start.patch`, runs the exercise's spec and expects it to FAIL; then
 * applies `solution.patch`, runs the spec again and expects it to PASS.
 * Only that exercise's spec runs, so one check takes a few seconds.
 *
 *     node scripts/exercises.mjs --check             # every exercise
 *     node scripts/exercises.mjs --check --rotate 6  # 6 of them, chosen by the day
 *     node scripts/exercises.mjs --check 03 17       # the exercises named
 *
 * `npm test` and `npm run exercises` run all of them (about two minutes on
 * a quiet machine); `--rotate` is for quick loops. Ends with `N passed, M
 * failed` (one test per exercise).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const exdir = path.join(root, 'exercises');
const uvu = path.join(root, 'node_modules', '.bin', 'uvu');

const argv = process.argv.slice(2);
const rotateAt = argv.indexOf('--rotate');
const rotate = rotateAt >= 0 ? Number(argv[rotateAt + 1]) : 0;
const named = argv.filter((a, i) => /^\d+$/.test(a) && i !== rotateAt + 1);

let all = fs.readdirSync(exdir).filter((d) => /^\d\d-/.test(d)).sort();
let chosen = all;
if (named.length) chosen = all.filter((d) => named.some((n) => d.startsWith(n.padStart(2, '0') + '-')));
else if (rotate > 0) {
  // A fixed subset per day: over a few days every exercise is checked by npm test.
  const day = Math.floor(Date.now() / 86_400_000);
  const start = (day * rotate) % all.length;
  chosen = Array.from({ length: Math.min(rotate, all.length) }, (_, i) => all[(start + i) % all.length]);
}

function sh(cmd, args, cwd, env = process.env, timeout = 0) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024, timeout, killSignal: 'SIGKILL' });
  const timedOut = r.error?.code === 'ETIMEDOUT';
  return { ok: r.status === 0, out: (r.stdout ?? '') + (r.stderr ?? '') + (timedOut ? `\n(timed out after ${timeout / 1000}s)` : '') };
}

function scratchCopy(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lucid-ex-${name.slice(0, 2)}-`));
  for (const p of ['src', 'bench', 'grammar.ohm', 'package.json', 'tsconfig.json']) {
    if (fs.existsSync(path.join(root, p))) fs.cpSync(path.join(root, p), path.join(dir, p), { recursive: true });
  }
  fs.cpSync(path.join(exdir, name), path.join(dir, 'exercises', name), { recursive: true });
  fs.cpSync(path.join(exdir, 'harness.ts'), path.join(dir, 'exercises', 'harness.ts'));   // run() and list(), shared by the specs
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

function apply(dir, patch) {
  return sh('git', ['apply', '--whitespace=nowarn', patch], dir);
}

function runSpec(dir, name) {
  // a broken jump can make a program loop forever: that counts as failing
  return sh(uvu, ['-r', 'tsx', `exercises/${name}`, 'exercise\\.spec\\.ts$'], dir,
    { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, 180_000);
}

let passed = 0;
let failed = 0;
const t0 = Date.now();
for (const name of chosen) {
  const started = Date.now();
  const here = path.join(exdir, name);
  const problems = [];
  for (const f of ['README.md', 'exercise.spec.ts', 'solution.patch']) {
    if (!fs.existsSync(path.join(here, f))) problems.push(`missing ${f}`);
  }
  let dir;
  if (!problems.length) {
    dir = scratchCopy(name);
    const start = path.join(here, 'start.patch');
    if (fs.existsSync(start)) {
      const a = apply(dir, start);
      if (!a.ok) problems.push(`start.patch does not apply:\n${a.out}`);
    }
    if (!problems.length) {
      const before = runSpec(dir, name);
      if (before.ok) problems.push('the spec passes without the solution');
      const a = apply(dir, path.join(here, 'solution.patch'));
      if (!a.ok) problems.push(`solution.patch does not apply:\n${a.out}`);
      else {
        const after = runSpec(dir, name);
        if (!after.ok) problems.push(`the spec fails with the solution:\n${after.out}`);
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (problems.length) {
    failed++;
    console.log(`FAIL  ${name} (${secs}s)\n  ${problems.join('\n  ')}`);
  } else {
    passed++;
    console.log(`ok    ${name} (${secs}s): fails without solution.patch, passes with it`);
  }
}
console.log(`checked ${chosen.length} of ${all.length} exercises in ${((Date.now() - t0) / 1000).toFixed(0)}s`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
