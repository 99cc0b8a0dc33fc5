/**
 * The `lucid` command while a program runs: Ctrl-C (SIGINT) raises
 * "interrupted!" inside the running Lua code, which a pcall may catch; an
 * uncaught one ends the program with status 1; the output printed before a
 * long computation shows while it computes; the sources also run without
 * the cached bundle.
 *
 * Manual: §7 (lua.c's laction and lstop). See docs/cli.md.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const LUCID = resolve(import.meta.dirname, '../../bin/lucid.mjs');

/** Run `lucid -e code`, send SIGINT once `ready` has been printed; resolves to status and output. */
function interruptAfter(code: string, ready: string): Promise<{ status: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [LUCID, '-e', code]);
    let out = '';
    let err = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!sent && out.includes(ready)) { sent = true; child.kill('SIGINT'); }
    });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('close', (status) => done({ status, out, err }));
  });
}

test('Ctrl-C in a script is an error a pcall catches, and the output comes while it loops', async () => {
  // "12" must reach the pipe while the loop runs, or the signal is never sent
  const r = await interruptAfter('print(pcall(function () print(12); while true do end end)); print(42)', '12\n');
  assert.is(r.out, '12\nfalse\tinterrupted!\n42\n');
  assert.is(r.status, 0);
});

test('an uncaught Ctrl-C ends the program with status 1 and a traceback', async () => {
  const r = await interruptAfter('print("looping"); while true do end', 'looping');
  assert.is(r.status, 1);
  assert.match(r.err, /^lucid: interrupted!\nstack traceback:\n/);
});

test('LUCID_NO_BUNDLE=1 runs the TypeScript sources directly', () => {
  const r = spawnSync(process.execPath, [LUCID, '-e', 'print(_VERSION)'],
    { env: { ...process.env, LUCID_NO_BUNDLE: '1' }, encoding: 'utf8' });
  assert.is(r.stdout, 'Lua 5.4\n');
  assert.is(r.status, 0);
});

test.run();
