/**
 * How to run one Lua program on each engine the harnesses know, in a child
 * process, capturing stdout as bytes (latin1 string), the error message of
 * stderr and the exit status. Shared by the differential runner
 * (lua-tests.mjs), the oracle and the conformance runner.
 *
 * Engines: `lucid` (this project), `lua5.4` (a system PUC-Rio Lua),
 * `wasmoon` (PUC-Rio Lua 5.4 in WebAssembly, from npm).
 */
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');

/** The command line that runs `file` with `args` on `engine`. */
export function commandFor(engine, file, args = [], pre = []) {
  switch (engine) {
    case 'lucid':
      // run as the `lucid` command runs, through its #! line (and its V8 setting)
      return [resolve(root, 'bin', 'lucid.mjs'), [...pre, file, ...args]];
    case 'wasmoon':
      if (pre.length) throw new Error('wasmoon runner takes no interpreter options');
      return [process.execPath, [resolve(root, 'scripts', 'lib', 'wasmoon-run.mjs'), file, ...args]];
    default:
      // any other name is an interpreter on PATH with lua.c's command line
      return [engine, [...pre, file, ...args]];
  }
}

/** True when `lua5.4` (or another named interpreter) can be run here. */
export function hasInterpreter(name) {
  const r = spawnSync(name, ['-v'], { encoding: 'utf8' });
  return r.status === 0;
}

/**
 * The error message of an interpreter's stderr: lua.c prints
 * `progname: message` then `stack traceback:`; the program name differs
 * between engines, the traceback is compared elsewhere, so both go.
 */
export function errorMessage(stderr) {
  let s = stderr;
  const tb = s.indexOf('\nstack traceback:');
  if (tb >= 0) s = s.slice(0, tb);
  s = s.replace(/^(lua5\.4|lua|lucid|wasmoon-run\.mjs): /, '');
  return s.replace(/\n+$/, '');
}

/**
 * Run a program; resolves to { stdout, stderr, status, timedOut, ms }.
 * stdout and stderr are byte strings (latin1).
 */
export function runProgram(engine, file, { args = [], pre = [], cwd, timeout = 60_000, env, stdin = 'ignore' } = {}) {
  const [cmd, argv] = commandFor(engine, file, args, pre);
  return new Promise((done) => {
    const t0 = performance.now();
    // stdin 'pipe': an empty pipe, closed at once (not seekable, as a terminal); 'ignore': /dev/null
    const child = spawn(cmd, argv, { cwd, env: env ?? process.env, stdio: [stdin, 'pipe', 'pipe'] });
    child.stdin?.on('error', () => {});
    child.stdin?.end();
    const out = []; const err = [];
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeout);
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    child.on('error', (e) => err.push(Buffer.from(String(e.message))));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // a crash leaves no message of its own: say which signal ended it
      if (signal && !timedOut) err.push(Buffer.from(`killed by ${signal}\n`));
      done({
        stdout: Buffer.concat(out).toString('latin1'),
        stderr: Buffer.concat(err).toString('latin1'),
        status: code ?? (signal ? 128 : 1),
        timedOut,
        ms: performance.now() - t0,
      });
    });
  });
}

/** Run `tasks` (functions returning promises) with at most `n` at a time. */
export async function pool(tasks, n) {
  const results = new Array(tasks.length);
  let next = 0;
  async function worker() {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  }
  await Promise.all(Array.from({ length: Math.min(n, tasks.length) }, worker));
  return results;
}
