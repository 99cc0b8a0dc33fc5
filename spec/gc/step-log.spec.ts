/**
 * The step log (LUCID_GC_LOG=steps, `gcLogSteps`): one line per incremental
 * step with its work and the objects it turned gray, turned black, swept
 * and freed (manual §2.5.1, incremental collection; src/gc/incremental.ts).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { LuaState } from '../../src/index.ts';

const PROGRAM = `
  collectgarbage("incremental", 200, 1, 10)   -- small steps: a cycle spread over many
  local t = {}
  for i = 1, 40000 do t[i % 3000] = {i} end
`;

function stepLines(lines: string[]): string[] { return lines.filter((l) => l.startsWith('[gc] step ')); }

test('each step logs its phases, work, and the objects coloured, swept and freed', () => {
  const lines: string[] = [];
  const lua = new LuaState({ gcLog: (l) => lines.push(l), gcLogSteps: true });
  lua.doString(PROGRAM);
  const steps = stepLines(lines);
  assert.ok(steps.length > 20, `a cycle over many steps, got ${steps.length}`);
  const shape = /^\[gc\] step +total=[\d.]+KB \S+(?: \(cycle \d+ ended\))? traversed=[\d.]+KB gray\+\d+ black\+\d+ swept=\d+ freed=\d+ \(gray list \d+\)$/;
  for (const s of steps) assert.match(s, shape);
  // marking shows: some step of the propagate phase turned objects black
  assert.ok(steps.some((s) => / propagate .*black\+[1-9]/.test(s)));
  // sweeping shows: some step of the sweep looked at objects
  assert.ok(steps.some((s) => / sweepallgc .*swept=[1-9]/.test(s)));
  // the phase lines are still there, interleaved
  assert.ok(lines.some((l) => l.startsWith('[gc] atomic')));
});

test('without steps, the log has only the phase lines', () => {
  const lines: string[] = [];
  const lua = new LuaState({ gcLog: (l) => lines.push(l) });
  lua.doString(PROGRAM);
  assert.ok(lines.length > 0);
  assert.equal(stepLines(lines), []);
});

test('LUCID_GC_LOG=steps logs the steps to stderr', () => {
  const LUCID = resolve(import.meta.dirname, '../../bin/lucid.mjs');
  const r = spawnSync(process.execPath, [LUCID, '-e', PROGRAM],
    { encoding: 'utf8', env: { ...process.env, LUCID_GC_LOG: 'steps' } });
  assert.is(r.status, 0, r.stderr);
  assert.ok(stepLines(r.stderr.split('\n')).length > 20);
});

test.run();
