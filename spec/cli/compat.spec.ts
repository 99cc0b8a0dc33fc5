/**
 * `lucid --no-compat` and `LUCID_COMPAT=0` (issue 13): strict Lua 5.4,
 * without the Lua 5.3 compatibility the released lua5.4 is built with
 * (LUA_COMPAT_5_3: the math functions of 5.3, `__le` through `__lt`).
 * Without either, lucid behaves as lua5.4.
 *
 * Manual: §7 (Lua standalone), §8 (incompatibilities with 5.3). See
 * docs/cli.md.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const LUCID = resolve(import.meta.dirname, '../../bin/lucid.mjs');
const PROBE = 'local mt = {__lt = function(a, b) return true end} ' +
  'print(math.pow ~= nil, pcall(function() return setmetatable({}, mt) <= setmetatable({}, mt) end))';

/** Run `lucid ...args -e PROBE` with `env` added; its stdout. */
function probe(args: string[], env: Record<string, string> = {}): string {
  const r = spawnSync(process.execPath, [LUCID, ...args, '-e', PROBE], { env: { ...process.env, ...env }, encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  return r.stdout;
}

test('§7 compatibility on by default, as lua5.4', () => {
  assert.is(probe([]), 'true\ttrue\tfalse\n');
});

test('§7 --no-compat and LUCID_COMPAT=0: strict 5.4', () => {
  const strict = 'false\tfalse\t(command line):1: attempt to compare two table values\n';
  assert.is(probe(['--no-compat']), strict);
  assert.is(probe([], { LUCID_COMPAT: '0' }), strict);
  assert.is(probe([], { LUCID_COMPAT: '1' }), 'true\ttrue\tfalse\n');
});

test.run();
