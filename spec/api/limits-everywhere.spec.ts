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
 *
 * `memoryLimit` holds where memory is allocated: with 16 MB, each
 * allocation pattern of spec/fixtures/limits/memory-patterns.ts (a table
 * of integers filled to 1e9 — which used to crash Node with "Reached heap
 * limit" —, floats, float keys, strings, concatenation, string.rep,
 * table.concat, string.format, string.gsub, closures, coroutines, a tree
 * of tables) fails with "not enough memory" while V8's live heap stays
 * within 10% of the limit, and after a collection the state allocates
 * again.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const child = join(here, '..', 'fixtures', 'limits', 'stop-everywhere.ts');

interface Line {
  start?: string; place?: string; name?: string; outcome?: string; ms?: number; after?: unknown; topKept?: boolean;
  peakMB?: number; countMB?: number; clean?: boolean;
}

/** Run the child for one limit; resolves to its lines, and the place it hung in if it was killed. */
function runChild(mode: string, script = child, flags: string[] = []): Promise<{ lines: Line[]; hung: string | undefined; code: number | null }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [...flags, '--import', 'tsx', script, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    const timer = setTimeout(() => p.kill('SIGKILL'), 90_000);
    p.on('close', (code) => {
      clearTimeout(timer);
      const lines = out.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Line);
      const started = lines.filter((l) => l.start !== undefined).map((l) => l.start!);
      const done = new Set(lines.filter((l) => l.place !== undefined).map((l) => l.place!));
      resolve({ lines: lines.filter((l) => l.place !== undefined || l.name !== undefined), hung: started.find((s) => !done.has(s)), code });
    });
  });
}

/** Places that catch the error themselves (a pcall, load, a finalizer, xpcall): the run may end normally. */
const catching = new Set(['__close (error unwinding)', '__gc', 'load reader', 'load endless reader', 'load endless native reader', 'xpcall message handler']);

const expected: Record<string, (place: string, outcome: string) => boolean> = {
  // stopped where it can suspend ('budget', resumable) or by the error where it cannot
  budget: (_, o) => o === 'budget' || /budget exhausted$/.test(o),
  deadline: (_, o) => o === 'budget' || /deadline exceeded$/.test(o),
  interrupt: (place, o) => /interrupted!$/.test(o) || (catching.has(place) && o === 'done'),
  // another thread's interruptSignal, while this one is blocked in a synchronous step
  signal: (place, o) => /interrupted!$/.test(o) || (catching.has(place) && o === 'done'),
};

const runs = Object.fromEntries(Object.keys(expected).map((m) => [m, runChild(m)]));
// Node's default heap: if the limit does not hold, V8 reaches its own limit first and the child dies
const memory = runChild('', join(here, '..', 'fixtures', 'limits', 'memory-patterns.ts'), ['--expose-gc']);

for (const mode of Object.keys(expected)) {
  test(`${mode}: every place stops and the state goes on`, async () => {
    const { lines, hung } = await runs[mode];
    assert.is(hung, undefined, `${mode} did not stop the loop in: ${hung}`);
    assert.ok(lines.length >= 29, `only ${lines.length} places ran`);
    for (const l of lines) {
      assert.ok(expected[mode](l.place!, l.outcome!), `${mode}, ${l.place}: ended with ${l.outcome}`);
      assert.is(l.after, 2, `${mode}, ${l.place}: return 1 + 1 gave ${String(l.after)}`);
      assert.ok(l.topKept, `${mode}, ${l.place}: the stack top moved`);
      assert.ok(l.clean, `${mode}, ${l.place}: a nested-call count or an interrupt was left behind`);
    }
  });
}

test('memoryLimit: every allocation pattern fails with "not enough memory" within 10% of 16 MB of V8 heap', async () => {
  const { lines, code } = await memory;
  assert.is(code, 0, 'the child process died (V8 out of memory?)');
  assert.is(lines.length, 12);
  for (const l of lines) {
    assert.is(l.outcome, 'not enough memory', `${l.name}: ended with ${l.outcome}`);
    assert.ok(l.peakMB! <= 16 * 1.1, `${l.name}: V8's live heap grew by ${l.peakMB} MB`);
    assert.is(l.after, 10000, `${l.name}: after a collection the state gave ${String(l.after)}`);
  }
});

test.run();
