// bench/run.mjs — time the benchmark programs on lucid and on three other
// Lua engines side by side, in one run, and print one table.
//
// Usage: npm run bench [-- names…] [--size small|default] [--runs N]
//                      [--timeout SECONDS] [--engines a,b,…] [--json FILE|-]
//                      [--baseline DIR] [--startup]
//
// Engines, each started as its own child process so that the figures are
// comparable (every one pays its own process start, nothing is subtracted):
//   lua5.4   the system interpreter (PUC-Rio C), when it is on the PATH
//   lucid    bin/lucid.cjs file.lua size (its #! line: node --max-semi-space-size=128
//            --min-semi-space-size=4 --verify-snapshot-checksum)
//   wasmoon  PUC-Rio Lua 5.4 compiled to WebAssembly (bench/engines/wasmoon-run.mjs)
//   fengari  Lua 5.3 written in JavaScript (bench/engines/fengari-run.mjs)
//
//   lucid@base  with --baseline DIR: the lucid of another checkout (DIR/bin/lucid.cjs),
//           so that a change is measured before and after in the same run
//
// A cell is the best wall time of N runs (default 3). The row "(startup)"
// times bench/programs/empty.lua, the cost of starting each engine, and
// the line under the table sets it against a bare `node -e 0` timed in the
// same runs (issue 14's budget: lucid within 60 ms of it); `--startup` runs
// that row alone. Every
// program prints a checksum; outputs are compared across engines and a
// mismatch is marked in the cell with "≠" and named in the last column.
// An engine that fails or times out shows "error" or "timeout" in its cell;
// the runner goes on with the next one.
//
// Invariant: nothing an engine does (crash, hang, wrong output) stops the
// runner or is hidden; it becomes a cell and a line under the table. There
// is no PUC-Rio counterpart.
//
// Read next: bench/programs/*.lua (each header says what it measures and
// which library functions it needs), docs/benchmarks.md.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const programsDir = join(root, 'bench', 'programs');
const node = process.execPath;

// ── engines ──────────────────────────────────────────────────────────────

/** Each engine turns (file, size) into a command line. */
// lucid runs as the `lucid` command does, through its #! line, which gives
// V8 a larger young generation (bin/lucid.cjs says why); the other engines
// that run on V8 get the same setting, so that no engine has it alone
const V8_FLAGS = ['--max-semi-space-size=128', '--min-semi-space-size=4'];
const ENGINES = [
  { name: 'lua5.4', command: (file, size) => ['lua5.4', [file, ...size]] },
  { name: 'lucid', command: (file, size) => [join(root, 'bin', 'lucid.cjs'), [file, ...size]] },
  { name: 'wasmoon', command: (file, size) => [node, [...V8_FLAGS, join(root, 'bench', 'engines', 'wasmoon-run.mjs'), file, ...size]] },
  { name: 'fengari', command: (file, size) => [node, [...V8_FLAGS, join(root, 'bench', 'engines', 'fengari-run.mjs'), file, ...size]] },
];

/** Not an engine: the start-up row's reference, Node starting and running nothing. */
const BARE_NODE = { name: 'node -e 0', command: () => [node, ['-e', '0']] };

function hasSystemLua() {
  const probe = spawnSync('lua5.4', ['-v'], { stdio: 'ignore' });
  return probe.status === 0;
}

// ── options ──────────────────────────────────────────────────────────────

function parseOptions(argv) {
  const options = { names: [], size: 'default', runs: 3, timeout: 120, engines: null, json: null, baseline: null, startup: false };
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${word} needs a value`);
      return argv[++i];
    };
    if (word === '--size') options.size = value();
    else if (word === '--runs') options.runs = Number(value());
    else if (word === '--timeout') options.timeout = Number(value());
    else if (word === '--engines') options.engines = value().split(',');
    else if (word === '--json') options.json = value();
    else if (word === '--baseline') options.baseline = value();
    else if (word === '--startup') options.startup = true;
    else if (word === '--help' || word === '-h') options.help = true;
    else if (word.startsWith('--')) throw new Error(`unknown option ${word}`);
    else options.names.push(word.replace(/\.lua$/, ''));
  }
  if (!['small', 'default'].includes(options.size)) throw new Error('--size is small or default');
  if (!(options.runs >= 1)) throw new Error('--runs must be at least 1');
  if (!(options.timeout > 0)) throw new Error('--timeout must be positive');
  return options;
}

const USAGE = `usage: npm run bench [-- names...] [--size small|default] [--runs N]
                     [--timeout SECONDS] [--engines lua5.4,lucid,wasmoon,fengari]
                     [--json FILE|-] [--baseline DIR] [--startup]`;

// ── programs ─────────────────────────────────────────────────────────────

/**
 * A program's header declares its sizes: `-- size: … small=N default=M`.
 * The default size is passed explicitly too, so that every engine runs the
 * same work even if one of them mishandles a missing `arg[1]`.
 */
function loadPrograms(names) {
  const all = readdirSync(programsDir)
    .filter((f) => f.endsWith('.lua') && f !== 'empty.lua')
    .map((f) => f.replace(/\.lua$/, ''))
    .sort();
  for (const name of names) {
    if (!all.includes(name)) throw new Error(`no program bench/programs/${name}.lua (have: ${all.join(', ')})`);
  }
  return (names.length ? names : all).map((name) => {
    const file = join(programsDir, `${name}.lua`);
    const header = readFileSync(file, 'latin1');
    const sizes = /small=(\S+)\s+default=(\S+)/.exec(header);
    const needs = /^-- needs: ([^\n]*(?:\n--\s{3,}[^\n]*)*)/m.exec(header);
    return {
      name,
      file,
      sizes: sizes ? { small: sizes[1], default: sizes[2] } : null,
      needs: needs ? needs[1].replace(/\n--\s+/g, ' ') : '?',
    };
  });
}

// ── timing ───────────────────────────────────────────────────────────────

/** Run one command; resolve with its wall time, status and output. */
function timeOnce([command, args], timeoutSeconds) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    let child;
    try {
      child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      resolve({ ok: false, kind: 'error', detail: String(error) });
      return;
    }
    const out = [];
    const err = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutSeconds * 1000);
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, kind: 'error', detail: error.message });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const stdout = Buffer.concat(out).toString('latin1');
      const stderr = Buffer.concat(err).toString('latin1');
      if (timedOut) resolve({ ok: false, kind: 'timeout', detail: `killed after ${timeoutSeconds} s`, seconds });
      else if (code !== 0) {
        const reason = stderr.trim().split('\n').slice(0, 3).join(' | ') || `exit ${code ?? signal}`;
        resolve({ ok: false, kind: 'error', detail: reason, seconds });
      } else resolve({ ok: true, seconds, stdout });
    });
  });
}

/**
 * Time one program on every engine, best of `runs`. Runs are interleaved
 * across engines (run 1 on each, then run 2 on each…) so that a burst of
 * load from other work on the machine does not fall on one engine only.
 * An engine that fails is not run again for this program.
 */
async function timeProgram(file, size, engines, options, extra = []) {
  const cells = Object.fromEntries(engines.map((e) => [e.name, null]));
  for (let run = 0; run < options.runs; run++) {
    for (const engine of [...engines, ...extra]) {
      const cell = cells[engine.name];
      if (cell && !cell.ok) continue;
      const result = await timeOnce(engine.command(file, size), options.timeout);
      if (!result.ok) cells[engine.name] = result;
      else if (!cell || result.seconds < cell.seconds) cells[engine.name] = result;
      // Keep the first output: all runs of a deterministic program agree.
      if (result.ok && cell?.stdout !== undefined) cells[engine.name].stdout = cell.stdout;
    }
  }
  return cells;
}

/**
 * The reference output is lua5.4's when it ran, else the output most
 * engines agree on. An engine whose output differs is marked.
 */
function checkOutputs(cells) {
  const outputs = Object.entries(cells).filter(([, c]) => c?.ok).map(([name, c]) => [name, c.stdout]);
  if (outputs.length === 0) return { reference: null, mismatched: [] };
  let reference = cells['lua5.4']?.ok ? cells['lua5.4'].stdout : null;
  if (reference === null) {
    const votes = new Map();
    for (const [, out] of outputs) votes.set(out, (votes.get(out) ?? 0) + 1);
    reference = [...votes.entries()].sort((a, b) => b[1] - a[1])[0][0];
  }
  const mismatched = outputs.filter(([, out]) => out !== reference).map(([name]) => name);
  for (const name of mismatched) cells[name].mismatch = true;
  return { reference, mismatched };
}

// ── report ───────────────────────────────────────────────────────────────

/** Human-readable output; it moves to stderr when stdout carries `--json -`. */
let say = (text) => console.log(text);

function cellText(cell) {
  if (!cell) return '-';
  if (!cell.ok) return cell.kind;
  return cell.seconds.toFixed(3) + (cell.mismatch ? '≠' : '');
}

function ratioText(cells, over, under) {
  const a = cells[over];
  const b = cells[under];
  if (!a?.ok || !b?.ok) return '-';
  return (a.seconds / b.seconds).toFixed(2) + '×';
}

function printTable(rows, engineNames) {
  const ratios = ['lucid@base', 'lua5.4', 'wasmoon', 'fengari'].filter((n) => engineNames.includes(n) && engineNames.includes('lucid'));
  const head = ['program', ...engineNames, ...ratios.map((n) => `lucid/${n}`), 'checksum'];
  const body = rows.map((row) => [
    row.name,
    ...engineNames.map((n) => cellText(row.cells[n])),
    ...ratios.map((n) => ratioText(row.cells, 'lucid', n)),
    row.check,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cols) => '| ' + cols.map((c, i) => (i === 0 || i === cols.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
  say(line(head));
  say('|' + widths.map((w, i) => (i === 0 || i === widths.length - 1 ? ':' + '-'.repeat(w + 1) : '-'.repeat(w + 1) + ':')).join('|') + '|');
  for (const cols of body) say(line(cols));
  // the geometric mean of each ratio over the programs (start-up left out)
  const programs = rows.filter((row) => row.name !== '(startup)');
  const means = ratios.map((n) => {
    const rs = programs.map((row) => row.cells.lucid?.ok && row.cells[n]?.ok ? row.cells.lucid.seconds / row.cells[n].seconds : NaN)
      .filter((r) => !Number.isNaN(r));
    return rs.length ? `lucid/${n} ${Math.exp(rs.reduce((a, r) => a + Math.log(r), 0) / rs.length).toFixed(3)}×` : null;
  }).filter(Boolean);
  if (means.length) say(`geometric mean over the programs: ${means.join(', ')}`);
}

function checkText(row) {
  const failed = Object.entries(row.cells).filter(([, c]) => c && !c.ok).map(([n]) => n);
  const parts = [];
  if (row.mismatched.length) parts.push(`MISMATCH: ${row.mismatched.join(', ')}`);
  else if (row.reference !== null) parts.push('ok');
  if (failed.length) parts.push(`failed: ${failed.join(', ')}`);
  return parts.join('; ') || '-';
}

// ── main ─────────────────────────────────────────────────────────────────

async function main() {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`bench: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  let programs;
  let engines = ENGINES;
  try {
    programs = loadPrograms(options.names);
    if (options.engines) {
      for (const name of options.engines) {
        if (!ENGINES.some((e) => e.name === name)) throw new Error(`unknown engine ${name}`);
      }
      engines = ENGINES.filter((e) => options.engines.includes(e.name));
    }
  } catch (error) {
    console.error(`bench: ${error.message}`);
    process.exit(2);
  }
  if (options.baseline) {
    const dir = options.baseline;
    const at = engines.findIndex((e) => e.name === 'lucid');
    // bin/lucid.cjs where the other checkout has it (bin/lucid.mjs before)
    const program = ['lucid.cjs', 'lucid.mjs'].map((f) => join(dir, 'bin', f)).find((f) => existsSync(f));
    const base = { name: 'lucid@base', command: (file, size) => [program, [file, ...size]] };
    engines = [...engines.slice(0, at + 1), base, ...engines.slice(at + 1)];
  }
  if (engines.some((e) => e.name === 'lua5.4') && !hasSystemLua()) {
    console.error('bench: lua5.4 not found on the PATH; its column is left out');
    engines = engines.filter((e) => e.name !== 'lua5.4');
  }
  const engineNames = engines.map((e) => e.name);

  if (options.json === '-') say = (text) => console.error(text);
  say(`bench: size ${options.size}, best of ${options.runs}, timeout ${options.timeout} s, ` +
    `${os.cpus().length} cores, node ${process.version}`);

  const rows = [];
  const startup = { name: '(startup)', file: join(programsDir, 'empty.lua'), sizes: null, needs: 'nothing' };
  const all = options.startup ? [startup] : [startup, ...programs];
  for (const program of all) {
    const size = program.sizes ? [program.sizes[options.size]] : [];
    process.stderr.write(`  ${program.name}${size.length ? ' ' + size[0] : ''} …\n`);
    // the start-up row also times a bare Node, the floor of every engine on V8
    const extra = program === startup ? [BARE_NODE] : [];
    const cells = await timeProgram(program.file, size, engines, options, extra);
    const { reference, mismatched } = checkOutputs(cells);
    const row = { name: program.name, size: size[0] ?? null, needs: program.needs, cells, reference, mismatched };
    row.check = checkText(row);
    rows.push(row);
  }

  say('');
  printTable(rows, engineNames);
  say('\nseconds of wall time per child process, startup included; ≠ marks an output that differs from lua5.4 (or the majority)');
  const bare = rows[0].cells[BARE_NODE.name];
  const started = rows[0].cells.lucid;
  if (bare?.ok) {
    say(`start-up: node -e 0 ${bare.seconds.toFixed(3)} s` + (started?.ok
      ? `; lucid ${started.seconds.toFixed(3)} s, ${((started.seconds - bare.seconds) * 1000).toFixed(0)} ms over bare node (budget: 60 ms)`
      : ''));
  }
  for (const row of rows) {
    for (const [name, cell] of Object.entries(row.cells)) {
      if (cell && !cell.ok) say(`  ${row.name} on ${name}: ${cell.kind}: ${cell.detail.slice(0, 200)}`);
      if (cell?.mismatch) say(`  ${row.name} on ${name}: output differs:\n    ${cell.stdout.trim().replace(/\n/g, '\n    ')}\n  expected:\n    ${row.reference.trim().replace(/\n/g, '\n    ')}`);
    }
  }

  if (options.json) {
    const report = {
      date: new Date().toISOString(),
      machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? '?', node: process.version, platform: `${os.platform()} ${os.release()}` },
      options: { size: options.size, runs: options.runs, timeout: options.timeout },
      engines: engineNames,
      results: rows.map((row) => ({
        program: row.name,
        size: row.size,
        needs: row.needs,
        check: row.check,
        engines: Object.fromEntries(Object.entries(row.cells).map(([name, c]) => [name, c && (c.ok
          ? { seconds: Number(c.seconds.toFixed(4)), matches: !c.mismatch, output: c.stdout }
          : { error: c.kind, detail: c.detail })])),
      })),
    };
    const text = JSON.stringify(report, null, 2) + '\n';
    if (options.json === '-') process.stdout.write(text);
    else {
      writeFileSync(options.json, text);
      say(`\nresults written to ${relative(process.cwd(), options.json) || options.json}`);
    }
  }
}

main().catch((error) => {
  console.error(`bench: ${error.stack ?? error}`);
  process.exit(1);
});
