/**
 * The `lucid` command prints an uncaught error's message as lua.c does,
 * through a C string: a NUL byte inside the message ends it, whether the
 * message is a string (then the traceback follows), the result of
 * `__tostring`, or a variable name inside a runtime error.
 *
 * Manual: §7 (lua.c's msghandler and l_message). Expected texts are those
 * of Lua 5.4.8 (lua-tests/2-basic-concepts/error-uncaught-nul*.lua).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const LUCID = resolve(import.meta.dirname, '../../bin/lucid.mjs');

/** stderr (latin1) and status of `lucid -e code`. */
function run(code: string): { err: string; status: number | null } {
  const r = spawnSync(process.execPath, [LUCID, '-e', code]);
  return { err: r.stderr.toString('latin1'), status: r.status };
}

test('a string message ends at its NUL, the traceback follows', () => {
  const r = run('error("ab\\0cd")');
  assert.is(r.status, 1);
  assert.ok(r.err.startsWith('lucid: (command line):1: ab\nstack traceback:\n'), r.err);
});

test('a __tostring message ends at its NUL', () => {
  const r = run('error(setmetatable({}, {__tostring = function() return "x\\0y" end}))');
  assert.is(r.err, 'lucid: x\n');
});

test("a variable name in a runtime error ends at its NUL", () => {
  const r = run('local t = {} t["a\\0b"]()');
  assert.ok(r.err.startsWith("lucid: (command line):1: attempt to call a nil value (field 'a')\n"), r.err);
});

test.run();
