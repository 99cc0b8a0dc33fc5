/**
 * The REPL through a pseudo-terminal (util-linux `script` gives lucid a
 * real terminal): a multi-line function definition, expression printing,
 * an error with its traceback, history recall with the up arrow, Ctrl-C
 * interrupting `while true do end` without losing the state, and Ctrl-D.
 *
 * Manual: §7 (Lua standalone). lua.c's doREPL.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const bin = path.resolve(import.meta.dirname, '../../bin/lucid.mjs');

/** A lucid REPL on a pseudo-terminal, with a transcript of what it printed. */
function startRepl(historyFile: string) {
  // `exec`: script runs the command through $SHELL (dash when SHELL is
  // unset), and a shell left waiting in the terminal's process group would
  // die of the Ctrl-C meant for lucid, making script report 130.
  const child = spawn('script', ['-qfec', `exec ${process.execPath} ${bin} -i`, '/dev/null'], {
    env: { ...process.env, LUCID_HISTORY: historyFile, TERM: 'xterm' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let transcript = '';
  child.stdout.on('data', (d: Buffer) => { transcript += d.toString('utf8'); });
  child.stderr.on('data', (d: Buffer) => { transcript += d.toString('utf8'); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  /** Wait until the transcript, from `from` on, contains `text`. */
  const waitFor = async (text: string, from: number, ms = 20000): Promise<number> => {
    const start = Date.now();
    for (;;) {
      const at = transcript.indexOf(text, from);
      if (at >= 0) return at + text.length;
      if (Date.now() - start > ms) throw new Error(`no "${text}" in:\n${transcript.slice(from)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return { child, exited, waitFor, send: (s: string) => child.stdin.write(s), text: () => transcript };
}

test('a REPL session on a terminal', async () => {
  assert.ok(spawnSync('script', ['--version']).status === 0, 'util-linux `script` is needed to give lucid a terminal');
  const history = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lucid-repl-')), 'history');
  const r = startRepl(history);
  let at = await r.waitFor('> ', 0);
  // a function defined over three lines: the second prompt is ">> "
  r.send('function sq(x)\r');
  at = await r.waitFor('>> ', at);
  r.send('return x * x\r');
  at = await r.waitFor('>> ', at);
  r.send('end\r');
  at = await r.waitFor('> ', at);
  // an expression prints its value
  r.send('sq(7), "seven"\r');
  at = await r.waitFor('49\tseven', at);
  // an error with its traceback
  r.send('error("boom")\r');
  at = await r.waitFor('stdin:1: boom', at);
  at = await r.waitFor('stack traceback:', at);
  at = await r.waitFor('> ', at);
  // history: up twice recalls `sq(7), "seven"`
  r.send('\x1b[A');
  await new Promise((res) => setTimeout(res, 100));
  r.send('\x1b[A');
  await new Promise((res) => setTimeout(res, 100));
  r.send('\r');
  at = await r.waitFor('49\tseven', at);
  // Ctrl-C interrupts a running loop; the state survives
  r.send('n = 41 while true do end\r');
  await new Promise((res) => setTimeout(res, 800));
  r.send('\x03');
  at = await r.waitFor('interrupted!', at);
  at = await r.waitFor('> ', at);
  r.send('n + 1\r');
  at = await r.waitFor('42', at);
  // Ctrl-D ends the session
  r.send('\x04');
  const code = await r.exited;
  assert.is(code, 0);
  // the history file keeps the statements for the next session
  const saved = fs.readFileSync(history, 'utf8');
  assert.match(saved, /sq\(7\), \\"seven\\"/);
  assert.match(saved, /function sq\(x\) return x \* x end/);
});

test.run();
