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
 * between engines (and may be a path), the traceback is compared
 * elsewhere, so both go, and so does the directory of a program named by
 * its path in the position that starts the message.
 */
export function errorMessage(stderr) {
  let s = stderr;
  const tb = s.indexOf('\nstack traceback:');
  if (tb >= 0) s = s.slice(0, tb);
  // the oracle may be named by a path (~/.cache/.../lua): its directory goes too
  s = s.replace(/^(?:[^\n:]*\/)?(lua5\.4|lua|lucid|lucid\.mjs|wasmoon-run\.mjs): /, '');
  // a program run by its path (/tmp/xyz/prog.lua) is named so in the position: keep its base name
  s = s.replace(/^[^\n:]*\/([^/\n:]+:\d+:)/, '$1');
  return s.replace(/\n+$/, '');
}

/**
 * Addresses differ between engines and between runs: `table: 0x55d0…`,
 * `thread: 0x…`, `file (0x…)`, a `%p`, a `__name`d value's `name: 0x…`
 * all become `0xADDR`, in stdout and in error messages alike, so that
 * outputs compare on what the program did, not on where the allocator put
 * things. Hex floats (`0x1.8p+1`) and short hex numerals stay: an address
 * has 8 to 16 digits and no point or exponent after it.
 *
 * After a type's name (`table: `, `file (`), what follows is an address
 * even when text runs on from it (`tostring(t) .. 1.5` prints
 * `table: 0x55d0c3a1b2c01.5`): there the mask takes the address's own
 * digits, at most 12 (a user-space address on a 64-bit system), and
 * leaves the rest to compare.
 */
export function maskAddresses(s) {
  return s
    .replace(/\b(table|function|thread|userdata|builtin|file) ?([:(]) ?0x[0-9a-fA-F]{1,12}/g, (_, type, sep) => `${type}${sep === ':' ? ': ' : ' ('}0xADDR`)
    .replace(/0x[0-9a-fA-F]{8,16}(?![0-9a-fA-F.pP])/g, '0xADDR');
}

/** How much of each stream a run keeps: a runaway program cannot fill the memory. */
export const OUTPUT_CAP = 16 * 1024 * 1024;

/**
 * Run a program; resolves to { stdout, stderr, status, timedOut, ms, truncated }.
 * stdout and stderr are byte strings (latin1), each cut at `cap` bytes
 * (`truncated` then says so).
 */
export function runProgram(engine, file, { args = [], pre = [], cwd, timeout = 60_000, env, stdin = 'ignore', cap = OUTPUT_CAP } = {}) {
  const [cmd, argv] = commandFor(engine, file, args, pre);
  return new Promise((done) => {
    const t0 = performance.now();
    // stdin 'pipe': an empty pipe, closed at once (not seekable, as a terminal); 'ignore': /dev/null
    const child = spawn(cmd, argv, { cwd, env: env ?? process.env, stdio: [stdin, 'pipe', 'pipe'] });
    child.stdin?.on('error', () => {});
    child.stdin?.end();
    const out = []; const err = [];
    const size = { out: 0, err: 0 };
    let timedOut = false; let truncated = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeout);
    // keep the first `cap` bytes of a stream, drop (but drain) the rest
    const keep = (list, key) => (b) => {
      const room = cap - size[key];
      if (room <= 0) { truncated = true; return; }
      if (b.length > room) { b = b.subarray(0, room); truncated = true; }
      size[key] += b.length;
      list.push(b);
    };
    child.stdout.on('data', keep(out, 'out'));
    child.stderr.on('data', keep(err, 'err'));
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
        truncated,
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
