/**
 * Exercise 24 (8 · Standard library, coursework): string-trim. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../harness.ts';

test('trims ASCII whitespace at both ends', () => {
  assert.is(run('print("[" .. string.trim("  \\t hello world\\r\\n ") .. "]", ("x"):trim(), ("   "):trim() == "")'), '[hello world]\tx\ttrue\n');
});

test('bytes, not Unicode: a no-break space stays, UTF-8 is never cut', () => {
  assert.is(run('local s = "\\u{A0}é \\u{A0}" print(#s:trim(), s:trim() == "\\u{A0}é \\u{A0}") print(#(" é "):trim())'), '7\ttrue\n2\n');
});

test('checks its argument', () => {
  assert.match(run('print(pcall(string.trim))'), /bad argument #1 to '(\w+\.)?trim' \(string\ expected,\ got\ no\ value\)/);
});

test.run();
