/**
 * The instruction trace (`lucid --trace`, `LuaState.trace`, src/vm/trace.ts):
 * each instruction as it runs, with the registers it wrote. No manual
 * section (a teaching aid; the nearest is a count hook of period 1, §6.10).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { LuaState } from '../../src/index.ts';

function traced(source: string): { lines: string[]; printed: string } {
  let printed = '';
  const lua = new LuaState({ write: (s) => { printed += s; } });
  const lines: string[] = [];
  lua.trace((line) => lines.push(line));
  lua.doString(source);
  return { lines, printed };
}

test('each instruction with pc, line, opcode and operands; the registers it wrote under it', () => {
  const { lines } = traced('local x = 2\nlocal y = x * 10 + 1');
  assert.ok(lines[0].startsWith('-- main <'), lines[0]);
  const text = lines.join('\n');
  assert.match(text, /\n {4}2 {2}\[1\] LOADI {6}0 2\n {11}R0 = 2\n/);
  assert.match(text, /MULK {7}1 0 0   ; 10\n {11}R1 = 20\n/);
  assert.match(text, /ADDI {7}1 1 1\n {11}R1 = 21\n/);
});

test('entering a function names it; its results show when the caller runs again', () => {
  const { lines } = traced('local function sq(x) return x * x end\nlocal r = sq(3)');
  const text = lines.join('\n');
  assert.match(text, /-- function <\[string "local function sq\(x\) return x \* x end\.\.\."\]:1,1>\n.*MUL/);
  assert.match(text, /-- main <[^\n]*>\n {11}R1 = 9/);
});

test('the trace does not change what the program does, and survives debug.sethook()', () => {
  const src = 'debug.sethook() local co = coroutine.wrap(function(a) coroutine.yield(a + 1) end) print(co(41))';
  const { lines, printed } = traced(src);
  assert.is(printed, '42\n');
  // the coroutine's own instructions are traced too
  assert.ok(lines.some((l) => /ADDI {7}2 0 1/.test(l)), lines.join('\n'));
});

test('lucid --trace prints the trace interleaved with the output; --testlib opens T', () => {
  const LUCID = resolve(import.meta.dirname, '../../bin/lucid.mjs');
  const r = spawnSync(process.execPath, [LUCID, '--trace', '-e', 'print(1 + 1)'], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /CALL .*\n2\n/);
  const t = spawnSync(process.execPath, [LUCID, '--testlib', '-e', 'print(type(T))'],
    { encoding: 'utf8', env: { ...process.env, LUCID_TESTLIB: '' } });
  assert.is(t.stdout, 'table\n');
  const n = spawnSync(process.execPath, [LUCID, '-e', 'print(type(T))'],
    { encoding: 'utf8', env: { ...process.env, LUCID_TESTLIB: '' } });
  assert.is(n.stdout, 'nil\n');
});

test.run();
