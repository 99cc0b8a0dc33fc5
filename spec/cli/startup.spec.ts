/**
 * What `lucid` sets up before a script runs (issue 14, start-up): the
 * collector in generational mode, as lua.c leaves it, now set through the
 * API rather than by a compiled `collectgarbage` call, which also leaves
 * no trace in the state a script sees; an empty script prints nothing and
 * succeeds.
 *
 * Manual: §7 (lua.c), §6.1 (collectgarbage). See docs/cli.md, "Start-up".
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const LUCID = resolve(import.meta.dirname, '../../bin/lucid.mjs');

function lucid(...args: string[]) {
  return spawnSync(process.execPath, [LUCID, ...args], { encoding: 'utf8' });
}

test('the collector starts in generational mode, as with lua', () => {
  const r = lucid('-e', 'print(collectgarbage("incremental"), collectgarbage("generational"))');
  assert.is(r.stderr, '');
  assert.is(r.stdout, 'generational\tincremental\n');
});

test('an empty script prints nothing and exits with status 0', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lucid-empty-'));
  try {
    writeFileSync(join(dir, 'empty.lua'), '');
    const r = lucid(join(dir, 'empty.lua'));
    assert.is(r.status, 0);
    assert.is(r.stdout + r.stderr, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
