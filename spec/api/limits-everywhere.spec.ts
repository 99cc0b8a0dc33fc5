/**
 * Issue 14, "Limits that hold everywhere": a budget, a deadline and
 * `interrupt()` stop `while true do end` wherever Lua code runs — in the
 * loop itself and inside library functions that call Lua (sort
 * comparators, gsub callbacks, `__tostring`, metamethods called by the
 * table library, `__close`, `__gc`, `load` readers, xpcall handlers,
 * `__pairs`, `__call`, iterators, hooks) — and the state runs `return
 * 1 + 1` correctly afterwards with its stack top back where it was.
 *
 * Manual: §4 (the host API), §2.4 (metamethods), §6.1/§6.4/§6.6 (the
 * library functions that call Lua); lua.c's interrupt ("interrupted!").
 *
 * Each limit runs in a child process (spec/fixtures/limits/stop-everywhere.ts)
 * with a kill timer, so that a place the limit misses fails this spec
 * instead of hanging the suite.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const child = join(here, '..', 'fixtures', 'limits', 'stop-everywhere.ts');

interface Line { start?: string; place?: string; outcome?: string; ms?: number; after?: unknown; topKept?: boolean }

/** Run the child for one limit; resolves to its lines, and the place it hung in if it was killed. */
function runChild(mode: string): Promise<{ lines: Line[]; hung: string | undefined }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    const timer = setTimeout(() => p.kill('SIGKILL'), 30_000);
    p.on('close', () => {
      clearTimeout(timer);
      const lines = out.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Line);
      const started = lines.filter((l) => l.start !== undefined).map((l) => l.start!);
      const done = new Set(lines.filter((l) => l.place !== undefined).map((l) => l.place!));
      resolve({ lines: lines.filter((l) => l.place !== undefined), hung: started.find((s) => !done.has(s)) });
    });
  });
}

/** Places that catch the error themselves (a pcall, load, a finalizer, xpcall): the run may end normally. */
const catching = new Set(['__close (error unwinding)', '__gc', 'load reader', 'load endless reader', 'xpcall message handler']);

const expected: Record<string, (place: string, outcome: string) => boolean> = {
  // stopped where it can suspend ('budget', resumable) or by the error where it cannot
  budget: (_, o) => o === 'budget' || /budget exhausted$/.test(o),
  deadline: (_, o) => o === 'budget' || /deadline exceeded$/.test(o),
  interrupt: (place, o) => /interrupted!$/.test(o) || (catching.has(place) && o === 'done'),
};

const runs = Object.fromEntries(Object.keys(expected).map((m) => [m, runChild(m)]));

for (const mode of Object.keys(expected)) {
  test(`${mode}: every place stops and the state goes on`, async () => {
    const { lines, hung } = await runs[mode];
    assert.is(hung, undefined, `${mode} did not stop the loop in: ${hung}`);
    assert.ok(lines.length >= 28, `only ${lines.length} places ran`);
    for (const l of lines) {
      assert.ok(expected[mode](l.place!, l.outcome!), `${mode}, ${l.place}: ended with ${l.outcome}`);
      assert.is(l.after, 2, `${mode}, ${l.place}: return 1 + 1 gave ${String(l.after)}`);
      assert.ok(l.topKept, `${mode}, ${l.place}: the stack top moved`);
    }
  });
}

test.run();
