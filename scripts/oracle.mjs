/**
 * `npm run oracle [-- --lua ENGINE] [filters...]`: records, for each program
 * of lua-tests/, what real Lua 5.4 prints: stdout (`name.out`) and, when it
 * fails, the exit status and error message (`name.err`).
 *
 * The reference is a system `lua5.4` when one is installed, else wasmoon
 * (PUC-Rio Lua 5.4 compiled to WebAssembly, from npm). With --check, both are
 * run and any disagreement between them is reported (a program whose output
 * depends on the Lua release should not be in the corpus).
 */
import { basename, dirname, join } from 'node:path';
import { runProgram, pool, hasInterpreter, errorMessage } from './lib/engines.mjs';
import { corpusDir, listPrograms, writeRecord } from './lib/corpus.mjs';

const argv = process.argv.slice(2);
let engine; let check = false;
const filters = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--lua') engine = argv[++i];
  else if (argv[i] === '--check') check = true;
  else filters.push(argv[i].replace(/^lua-tests\//, ''));
}
engine ??= hasInterpreter('lua5.4') ? 'lua5.4' : 'wasmoon';

const programs = listPrograms(filters);
console.log(`recording ${programs.length} programs with ${engine}`);
let disagreements = 0;
await pool(programs.map((p) => async () => {
  const file = join(corpusDir, p);
  const opts = { cwd: dirname(file), timeout: 60_000 };
  const run = await runProgram(engine, basename(p), opts);
  if (run.timedOut) { console.log(`TIMEOUT ${p}: not recorded`); return; }
  writeRecord(p, run);
  if (check) {
    const other = await runProgram(engine === 'wasmoon' ? 'lua5.4' : 'wasmoon', basename(p), opts);
    if (other.stdout !== run.stdout || other.status !== run.status ||
        errorMessage(other.stderr) !== errorMessage(run.stderr)) {
      disagreements++;
      console.log(`DIFFER ${p}: the two references disagree`);
    }
  }
}), 2);
console.log(check ? `done; ${disagreements} disagreements` : 'done');
